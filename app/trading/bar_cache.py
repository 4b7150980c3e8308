"""The local bar cache: one SQLite file in the user's cache dir, one row of packed numpy arrays per
(server, symbol, timeframe). A reopened chart paints from it at once and asks LS only for what is
newer; a file that cannot be read is thrown away and started again (logged, never shown).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from pathlib import Path

import numpy as np

from app.trading.bar_series import FIELDS

log = logging.getLogger(__name__)

SCHEMA = 1
COLUMNS = ("t", *FIELDS)


def server_tag(rest_url: str) -> str:
    return hashlib.sha1(rest_url.encode("utf-8")).hexdigest()[:10]


class BarCache:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.rebuilt = 0  # times the file was found unreadable and started again
        self._db: sqlite3.Connection | None = None

    # ---- the file ----
    def _open(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)
        assert self._db is not None
        return self._db

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=2.0)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS series (key TEXT PRIMARY KEY, n INTEGER NOT NULL, "
                       "complete INTEGER NOT NULL, saved REAL NOT NULL, data BLOB NOT NULL)")
            row = db.execute("SELECT v FROM meta WHERE k='schema'").fetchone()
            if row is None:
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
                db.commit()
            elif row[0] != str(SCHEMA):
                raise sqlite3.DatabaseError(f"bar cache schema {row[0]}, expected {SCHEMA}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _rebuild(self, exc: Exception) -> None:
        log.warning("bar cache %s unreadable (%s): starting a new one", self.path, exc)
        self.rebuilt += 1
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        self._db = self._connect()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # ---- series ----
    def load(self, key: str) -> tuple[dict[str, np.ndarray], bool] | None:
        """(arrays, complete) of `key`, or None when nothing (usable) is cached."""
        try:
            row = self._open().execute("SELECT n, complete, data FROM series WHERE key=?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)
            return None
        if row is None:
            return None
        n, complete, data = row
        try:
            packed = np.frombuffer(data, dtype=np.float64)
            if n <= 0 or packed.size != n * len(COLUMNS):
                raise ValueError(f"{packed.size} values for {n} bars")
            table = packed.reshape(len(COLUMNS), n)
            arrays = {"t": table[0].astype(np.int64)}
            arrays.update({k: table[i + 1].copy() for i, k in enumerate(FIELDS)})
            if n > 1 and not np.all(arrays["t"][1:] >= arrays["t"][:-1]):
                raise ValueError("bars out of order")
        except (ValueError, TypeError) as exc:
            log.warning("bar cache entry %s unreadable (%s): dropped", key, exc)
            self.drop(key)
            return None
        return arrays, bool(complete)

    def save(self, key: str, arrays: dict[str, np.ndarray], complete: bool = False) -> None:
        n = len(arrays["t"])
        if n == 0:
            return
        table = np.empty((len(COLUMNS), n), np.float64)
        table[0] = arrays["t"]
        for i, k in enumerate(FIELDS):
            table[i + 1] = arrays[k]
        args = (key, n, int(complete), time.time(), table.tobytes())
        try:
            db = self._open()
            db.execute("INSERT OR REPLACE INTO series VALUES (?, ?, ?, ?, ?)", args)
            db.commit()
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)
            try:
                self._db.execute("INSERT OR REPLACE INTO series VALUES (?, ?, ?, ?, ?)", args)  # type: ignore[union-attr]
                self._db.commit()  # type: ignore[union-attr]
            except sqlite3.DatabaseError:
                log.exception("bar cache: could not save %s", key)

    def drop(self, key: str) -> None:
        try:
            db = self._open()
            db.execute("DELETE FROM series WHERE key=?", (key,))
            db.commit()
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)
