"""The demo's account database opened so that the demo always starts.

A file that cannot be used (not SQLite, cut off, rows this code cannot decode, a folder in its
place) is never deleted: it is renamed next to itself, ``<name>.damaged-<time>``, with its -wal
and -shm companions, and the demo starts with fresh accounts in a new file. Where even that fails
(a read-only folder), the demo runs on accounts in memory. Either way a notice, plain data that
travels as JSON, says what happened, for the terminal to tell the trader in the interface's
language. A file another exchange has open (``StoreError.busy``) is not damaged: it is left where
it is and the error raised.

The standalone exchange (``python -m app.sim --db``) does none of this: its operator chose the file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.sim.broker.store import StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")

KEPT = "kept"  # kept aside, fresh accounts in a new file where it was
MEMORY = "memory"  # not replaced (a read-only folder ...): accounts in memory, not saved
COMPANIONS = ("-wal", "-shm", "-journal")  # SQLite's files beside a database, named after it


def open_or_replace(open_at: Callable[[str], T], path: str) -> tuple[T, dict | None]:
    """``open_at(path)``, or, when the file there cannot be used, ``open_at`` on a fresh file (the
    old one kept aside) or on ``:memory:``; with the notice that says which (None when all was well)."""
    there = {end for end in COMPANIONS if os.path.lexists(f"{path}{end}")}
    try:
        return open_at(path), None
    except StoreError as exc:
        if exc.busy or path == ":memory:":
            raise
        first = exc
    for end in set(COMPANIONS) - there:  # the empty -wal our attempt made is not the trader's
        with contextlib.suppress(OSError):
            if os.path.getsize(f"{path}{end}") == 0:
                os.remove(f"{path}{end}")
    kept, why = keep_aside(Path(path))
    if kept is not None:
        try:
            opened = open_at(path)
        except StoreError as exc:
            if exc.busy:
                raise
            why = exc.detail
        else:
            log.warning("the demo account database %s could not be used (%s): kept as %s, the demo starts "
                        "with fresh accounts", path, first.detail, kept.name)
            return opened, notice(KEPT, first, kept=kept)
    log.error("the demo account database %s could not be used (%s)%s: the demo runs on accounts in memory, "
              "not saved%s", path, first.detail, f" and no fresh one could be made there ({why})" if why else "",
              f" (the file was kept as {kept.name})" if kept else "")
    return open_at(":memory:"), notice(MEMORY, first, kept=kept, why=why)


def notice(kind: str, err: StoreError, kept: Path | None = None, why: str = "") -> dict:
    """What the terminal tells the trader: ``kind``, the file, why it could not be used (``cause``,
    one of store's causes, and the technical ``detail``), where it was kept, why it was not replaced
    ("" when there was no file to replace: it could not be made)."""
    return {"kind": kind, "path": err.path, "cause": err.cause, "detail": err.detail,
            "kept": str(kept) if kept else "", "why": why}


def keep_aside(path: Path) -> tuple[Path | None, str]:
    """Rename ``path`` (a file or a folder) and its SQLite companions to ``<name>.damaged-<time>``
    (-wal and -shm after it, so the kept pair still opens as one database); all or nothing.
    (None, why) when a rename failed (what was moved is put back), (None, "") when nothing was there."""
    if not os.path.lexists(path):  # (no file, and none can be made: a read-only folder ...)
        return None, ""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while any(os.path.lexists(f"{kept}{end}") for end in ("", *COMPANIONS)):
        n += 1
        kept = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    moved: list[tuple[str, str]] = []
    try:
        for end in ("", *COMPANIONS):
            src, dst = f"{path}{end}", f"{kept}{end}"
            if end and not os.path.lexists(src):
                continue
            os.rename(src, dst)
            moved.append((src, dst))
    except OSError as exc:
        for src, dst in reversed(moved):  # a -wal left behind would be replayed into the fresh file
            try:
                os.rename(dst, src)
            except OSError as back:
                log.error("could not put %s back as %s: %s", dst, src, back)
        return None, exc.strerror or str(exc)
    return kept, ""
