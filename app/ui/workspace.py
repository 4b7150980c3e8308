"""Named workspaces as versioned JSON files: load, save, rename, delete, import, export, migrate.

A workspace holds the panels (kind, instance id, link group, symbol, settings) and the window's
geometry and dock state (base64 of Qt's own blobs), plus the parts of the layout a user notices
most, recorded plainly so they come back even when Qt's blob cannot be used: which panels float
and where, which are closed, and each tab group's order and front tab. Nothing in it depends on the app's version
or install path. A file that cannot be read is moved aside (`*.broken-<time>.json`) and reported
with `WorkspaceError`, so the caller can open the default instead. A file written by a newer
lsterm (a higher format version) is not broken: it is reported with `WorkspaceTooNew` and left
exactly where and as it is, and saving never overwrites it, so going back to an older version
and forward again loses nothing.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

FORMAT = "lsterm-workspace"
VERSION = 3
DEFAULT_NAME = "Default"
log = logging.getLogger(__name__)


class WorkspaceError(Exception):
    """A workspace could not be read; `kept` is where the broken file was moved, if anywhere."""

    def __init__(self, message: str, kept: Path | None = None):
        super().__init__(message)
        self.kept = kept


class BadShape(ValueError):
    """A workspace file of the wrong shape; the words are translated where they are shown."""

    def __init__(self, text: str, *args: Any):
        super().__init__(text.format(*args))
        self.text, self.args_ = text, args


def why(exc: Exception) -> str:
    """What is wrong with a workspace file, in the interface language (not Python's words)."""
    from PySide6.QtCore import QCoreApplication

    if isinstance(exc, UnicodeDecodeError):
        return QCoreApplication.translate("Workspaces", "not UTF-8 text")
    if isinstance(exc, json.JSONDecodeError):
        return QCoreApplication.translate("Workspaces", "not valid JSON (line {0}, column {1})").format(
            exc.lineno, exc.colno)
    if isinstance(exc, BadShape):
        return QCoreApplication.translate("Workspaces", exc.text).format(*exc.args_)
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


class WorkspaceTooNew(WorkspaceError):
    """Written by a newer lsterm: not opened, and left in place untouched (never set aside)."""

    def __init__(self, path: Path, version: int):
        from PySide6.QtCore import QCoreApplication

        super().__init__(QCoreApplication.translate(
            "Workspaces", "{0} was saved by a newer lsterm (workspace format {1}; this version reads up "
                          "to {2}); the file is left as it is").format(Path(path).name, version, VERSION))
        self.version = version


def newer_version(data: Any) -> int | None:
    """The format version of a workspace written by a newer lsterm, else None."""
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        return version
    return None


def _migrate_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (pre-release) kept docks as {name, type, group, config} and flat state keys."""
    panels = [{"id": d.get("name", ""), "kind": d.get("type", ""), "link_group": d.get("group"),
               "symbol": d.get("symbol", ""), "settings": d.get("config") or {}}
              for d in data.get("docks", [])]
    return {"format": FORMAT, "version": 2, "name": data.get("name", DEFAULT_NAME),
            "window": {"geometry": data.get("geometry", ""), "state": data.get("dock_state", "")},
            "panels": panels, "links": {}}


# The factory workspace of version 2 (before the trading panels): a Default that still holds
# exactly these is the old factory layout, not the user's own, and opens as the new one.
V2_FACTORY = {("session-1", "session"), ("log-1", "log")}


def _migrate_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 brought the trading layout; the user's own workspaces are kept as they are."""
    panels = data.get("panels") or []
    kinds = {(p.get("id"), p.get("kind")) for p in panels if isinstance(p, dict)}
    factory = data.get("name", DEFAULT_NAME) == DEFAULT_NAME and kinds == V2_FACTORY and len(panels) == 2
    return dict(data, version=3, factory=factory)


MIGRATIONS = {1: _migrate_1, 2: _migrate_2}  # from-version -> function returning the next version


def migrate(data: Any) -> dict[str, Any]:
    """Bring any known older version up to `VERSION`; check the shape; raise ValueError if bad."""
    if not isinstance(data, dict):
        raise BadShape(QT_TRANSLATE_NOOP("Workspaces", "not a JSON object"))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadShape(QT_TRANSLATE_NOOP("Workspaces", "no format version"))
    if version > VERSION:
        raise BadShape(QT_TRANSLATE_NOOP("Workspaces", "made by a newer lsterm (format {0})"), version)
    while version < VERSION:
        if version not in MIGRATIONS:
            raise BadShape(QT_TRANSLATE_NOOP("Workspaces", "unknown format version {0}"), version)
        try:
            data = MIGRATIONS[version](data)
        except (AttributeError, KeyError, TypeError) as exc:  # an old file of the wrong shape
            raise BadShape(QT_TRANSLATE_NOOP("Workspaces", "a format {0} workspace of the wrong shape ({1})"), version, exc) from None
        version = data["version"]
    if data.get("format", FORMAT) != FORMAT:
        raise BadShape(QT_TRANSLATE_NOOP("Workspaces", "not an lsterm workspace"))
    panels = data.get("panels")
    if not isinstance(panels, list):
        raise BadShape(QT_TRANSLATE_NOOP("Workspaces", "no list of panels"))
    clean = []
    for p in panels:
        if not isinstance(p, dict) or not isinstance(p.get("kind"), str) or not p.get("id"):
            raise BadShape(QT_TRANSLATE_NOOP("Workspaces", "a panel entry of the wrong shape"))
        settings = p.get("settings") if isinstance(p.get("settings"), dict) else {}
        group = p.get("link_group") if isinstance(p.get("link_group"), str) else None
        clean.append({"id": str(p["id"]), "kind": p["kind"], "link_group": group,
                      "symbol": str(p.get("symbol") or ""), "settings": settings})
    window = data.get("window") if isinstance(data.get("window"), dict) else {}
    links = data.get("links") if isinstance(data.get("links"), dict) else {}
    return {"format": FORMAT, "version": VERSION, "name": str(data.get("name") or DEFAULT_NAME),
            "window": {"geometry": str(window.get("geometry") or ""),
                       "state": str(window.get("state") or ""),
                       "docks": _clean_docks(window.get("docks")),
                       "tabs": _clean_tabs(window.get("tabs"))},
            "panels": clean, "links": {str(k): str(v) for k, v in links.items()},
            "factory": data.get("factory") is True}


def _clean_docks(docks: Any) -> dict[str, dict[str, Any]]:
    """Per panel id: floating (with its on-screen rectangle), docked size, closed; anything odd
    dropped."""
    out: dict[str, dict[str, Any]] = {}
    for iid, info in (docks.items() if isinstance(docks, dict) else ()):
        if not isinstance(info, dict):
            continue
        entry: dict[str, Any] = {"floating": info.get("floating") is True,
                                 "closed": info.get("closed") is True}
        rect = info.get("geometry")
        if isinstance(rect, list) and len(rect) == 4 and all(map(_pixels, rect)) and rect[2] > 0 and rect[3] > 0:
            entry["geometry"] = list(rect)
        size = info.get("size")
        if isinstance(size, list) and len(size) == 2 and all(_pixels(v) and v > 0 for v in size):
            entry["size"] = list(size)
        out[str(iid)] = entry
    return out


PIXELS = 100_000  # no screen is this far or this big: a larger number was typed by hand


def _pixels(value: Any) -> bool:
    """A whole number of pixels that Qt can take (its int is 32 bits: 2**40 raised OverflowError)."""
    return isinstance(value, int) and not isinstance(value, bool) and -PIXELS <= value <= PIXELS


def _clean_tabs(tabs: Any) -> list[dict[str, Any]]:
    """Tab groups: panel ids in tab order and the id of the tab in front."""
    out = []
    for group in tabs if isinstance(tabs, list) else ():
        ids = group.get("ids") if isinstance(group, dict) else None
        if not isinstance(ids, list) or len(ids) < 2 or not all(isinstance(i, str) for i in ids):
            continue
        front = group.get("front")
        out.append({"ids": list(dict.fromkeys(ids)), "front": front if front in ids else ids[0]})
    return out


def display_name(name: str, names: Any = ()) -> str:
    """What the user sees for workspace ``name``: the factory workspace's name is also its file name
    ("Default" in every language), so only its label is translated ("기본"); it keeps "Default"
    when one of ``names`` (the other workspaces) already is that label."""
    if name != DEFAULT_NAME:
        return name
    from PySide6.QtCore import QCoreApplication

    label = QCoreApplication.translate("Workspaces", "Default")
    return name if label != name and label in names else label


def real_name(label: str, names: Any = ()) -> str:
    """The workspace name behind a label ``display_name`` gave (typed or chosen by the user)."""
    return DEFAULT_NAME if label == display_name(DEFAULT_NAME, names) else label


def file_stem(name: str) -> str:
    """A file name for a workspace name: letters (any script), digits, '-', '_' only."""
    stem = re.sub(r"[^\w\-]+", "_", name.strip(), flags=re.UNICODE).strip("_")
    return stem[:80] or "workspace"


class WorkspaceStore:
    def __init__(self, directory: Path):
        self.dir = Path(directory)
        self.problem: str | None = None  # what the user must be told once (a file in the folder's place)
        if self.dir.exists() and not self.dir.is_dir():  # (garbage, a sync tool's leftover ...)
            kept = self._quarantine(self.dir)
            from PySide6.QtCore import QCoreApplication

            self.problem = QCoreApplication.translate(
                "Workspaces", "{0} was a file, not the workspace folder: it was kept as {1} and the folder "
                              "made anew.").format(str(self.dir), str(kept) if kept else "?")
            log.warning("%s", self.problem)
        self.dir.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.dir / f"{file_stem(name)}.json"

    def names(self) -> list[str]:
        out = []
        for f in sorted(self.dir.glob("*.json")):
            if ".broken-" in f.name:
                continue
            try:
                out.append(str(json.loads(f.read_text("utf-8")).get("name") or f.stem))
            except (OSError, ValueError, AttributeError):
                out.append(f.stem)
        return sorted(set(out), key=str.casefold)

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def load(self, name: str) -> dict[str, Any]:
        return self.read_file(self.path(name), quarantine=True)

    def read_file(self, path: Path, quarantine: bool = False) -> dict[str, Any]:
        try:
            raw = json.loads(Path(path).read_text("utf-8"))
            newer = newer_version(raw)
            if newer is not None:
                raise WorkspaceTooNew(Path(path), newer)
            data = migrate(raw)
        except FileNotFoundError:
            raise WorkspaceError(f"no workspace file {Path(path).name}") from None
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            kept = self._quarantine(Path(path)) if quarantine else None
            raise WorkspaceError(f"{Path(path).name}: {why(exc)}", kept) from None
        return data

    @staticmethod
    def _quarantine(path: Path) -> Path | None:
        kept = path.with_name(f"{path.stem}.broken-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
        try:
            path.replace(kept)
            return kept
        except OSError:
            return None

    def save(self, name: str, data: dict[str, Any]) -> Path:
        path = self.path(name)
        newer = self.newer_on_disk(path)
        if newer is not None:  # a newer lsterm's file keeps its layout: this one is not saved
            log.warning("workspace %s not saved: %s holds a newer lsterm's layout (format %d)", name,
                        path.name, newer)
            return path
        data = dict(data, name=name, format=FORMAT, version=VERSION,
                    saved_at=time.strftime("%Y-%m-%dT%H:%M:%S"))
        return self._write(path, data)

    @staticmethod
    def newer_on_disk(path: Path) -> int | None:
        try:
            return newer_version(json.loads(Path(path).read_text("utf-8")))
        except (OSError, ValueError, UnicodeDecodeError):
            return None

    def _write(self, path: Path, data: dict[str, Any]) -> Path:
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, path)  # atomic: a crash mid-write never leaves half a file
        return path

    def delete(self, name: str) -> None:
        self.path(name).unlink(missing_ok=True)

    def rename(self, old: str, new: str) -> None:
        data = self.load(old)
        source, target = self.path(old), self.path(new)
        # "foo" -> "Foo" on a case-insensitive disk is one file: deleting "old" would lose it
        same_file = source == target or (target.exists() and source.exists() and source.samefile(target))
        if same_file and source != target:
            source.rename(target)  # changes the case of the name only
        self.save(new, data)
        if not same_file:
            self.delete(old)

    def export(self, name: str, target: Path) -> Path:
        return self._write(Path(target), self.load(name))

    def import_file(self, source: Path, name: str | None = None) -> str:
        """Copy a workspace file in (after migration); returns the name it is stored under."""
        data = self.read_file(Path(source))
        name = name or data["name"]
        base, n = name, 2
        while self.exists(name):
            name = f"{base} ({n})"
            n += 1
        self.save(name, data)
        return name
