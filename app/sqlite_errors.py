"""Why SQLite could not use a file, told apart by its error code rather than its message: another
program holds it, it cannot be opened or written here, a folder is in its place, it is not SQLite,
or it is damaged. The demo exchange's accounts file (app/sim/broker/store.py) and the terminal's
order journal (app/trading/journal.py) both keep a damaged file aside and leave the others alone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY = "busy"  # another program has it open: not damaged, never moved
NOT_SQLITE = "not_sqlite"
DAMAGED = "damaged"  # SQLite, but cut off or corrupt
ROWS = "rows"  # SQLite, with rows the reader cannot decode
FOLDER = "folder"  # a folder where the file should be
CANNOT_OPEN = "cannot_open"  # no permission, a read-only folder, a full disk ...
OTHER = "other"

_CANNOT_OPEN_CODES = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH,
                      sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL)


def cause(exc: BaseException, path: str) -> str:
    """What `exc`, raised opening or reading the SQLite file at `path`, says about the file."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF  # (the primary code of an extended one)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return BUSY
    if path != ":memory:" and Path(path).is_dir():
        return FOLDER
    if code == sqlite3.SQLITE_NOTADB:
        return NOT_SQLITE
    if isinstance(exc, OSError) or code in _CANNOT_OPEN_CODES:
        return CANNOT_OPEN
    if isinstance(exc, sqlite3.DatabaseError):
        return DAMAGED
    return OTHER if isinstance(exc, sqlite3.Error) else ROWS  # (ValueError ...: a row that does not decode)
