"""An append-only SQLite journal of the day's order activity: every action, answer, push and fill,
and each order's state after it changed. One file per mode and account (WAL); at start the order
manager reloads the orders and fills from it, then reconciles with the server.

A journal file that SQLite cannot read is moved aside (kept, never deleted: `<name>.unreadable-<time>`)
and a new one started; a row that cannot be read is skipped. Both are logged as errors: the server's
reconciliation then gives back the day's working orders and fills.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from app.sqlite_errors import DAMAGED, NOT_SQLITE, cause
from app.trading.order_state import Fill, Order

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    day TEXT NOT NULL,
    kind TEXT NOT NULL,      -- action | answer | error | push | fill | order | reconcile
    ref TEXT NOT NULL,       -- order key or number the event is about
    body TEXT NOT NULL       -- JSON
);
CREATE INDEX IF NOT EXISTS events_day ON events(day, kind);
"""
SECRET_KEYS = re.compile(r"(?i)(pwd|password|secret|token|appkey)")


def journal_path(data_dir: Path | str, mode: str, account: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", account or "unknown")
    return Path(data_dir) / "journal" / f"orders-{mode}-{safe}.sqlite"


def _scrub(body: Any) -> Any:
    if isinstance(body, dict):
        return {k: ("***" if SECRET_KEYS.search(k) else _scrub(v)) for k, v in body.items()}
    if isinstance(body, list):
        return [_scrub(v) for v in body]
    return body


class Journal:
    """Rows are only ever inserted; the latest ``order`` row of a key is that order's state."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.set_aside: Path | None = None  # where an unreadable file was moved
        self.in_memory = False  # no file could be used: this session's journal ends with it
        self.skipped = 0  # rows that could not be read
        if str(path) == ":memory:":
            self.db = self._connect(path)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = self._connect(path)
        except (sqlite3.DatabaseError, OSError) as exc:
            self.db = self._recover(exc)

    def _recover(self, exc: Exception) -> sqlite3.Connection:
        """A damaged file is kept aside and a new one started; a file or folder that cannot be
        written (read-only, locked by another program, no room) is left as it is and the journal
        is kept in memory: trading goes on either way, today's orders and fills come back from the
        server at the next start."""
        if self.path.is_file() and cause(exc, str(self.path)) in (DAMAGED, NOT_SQLITE):
            aside = self.path.with_name(f"{self.path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
            try:
                for suffix in ("", "-wal", "-shm"):
                    part = Path(str(self.path) + suffix)
                    if part.exists():
                        part.replace(Path(str(aside) + suffix))
                self.set_aside = aside
                log.error("order journal %s is unreadable (%s): kept as %s, a new journal started; today's "
                          "orders and fills come back from the server", self.path, exc, aside.name)
                return self._connect(self.path)
            except (sqlite3.DatabaseError, OSError) as again:
                exc = again
        self.in_memory = True
        log.error("order journal %s cannot be used (%s): this session's orders and fills are kept in "
                  "memory only; the next start reads today's from the server", self.path, exc)
        return self._connect(":memory:")

    @staticmethod
    def _connect(path: Path | str) -> sqlite3.Connection:
        db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            db.execute("SELECT kind, body FROM events LIMIT 1").fetchall()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    closed = False

    def append(self, kind: str, ref: Any, body: Any, day: str) -> None:
        if self.closed:  # shutting down: the next start's reconciliation reads it from the server
            log.info("order journal closed; %s %s not written", kind, ref)
            return
        try:
            self.db.execute("INSERT INTO events (ts, day, kind, ref, body) VALUES (?, ?, ?, ?, ?)",
                            (time.time(), day, kind, str(ref),
                             json.dumps(_scrub(body), ensure_ascii=False, default=str)))
        except sqlite3.Error as exc:  # the journal must never stop trading; say so loudly
            log.error("order journal write failed: %s", exc)

    @contextlib.contextmanager
    def batch(self):
        """Many appends in one commit (a cancel-all marks 100 orders at once)."""
        if self.closed or self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            try:
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                log.error("order journal write failed: %s", exc)

    def order(self, order: Order) -> None:
        self.append("order", order.key, order.to_json(), order.day)

    def fill(self, fill: Fill, day: str, replaces: str = "") -> None:
        body = fill.to_json()
        if replaces:
            body["replaces"] = replaces  # a real fill taking the place of a reconciled stand-in
        self.append("fill", fill.order_id, body, day)

    def load(self, day: str) -> tuple[list[Order], list[Fill]]:
        """The orders (latest state of each) and the fills of ``day``, in journal order."""
        latest: dict[int, Order] = {}
        fills: dict[str, Fill] = {}
        try:
            rows = self.db.execute("SELECT seq, kind, body FROM events WHERE day = ? AND kind IN ('order', 'fill') "
                                   "ORDER BY seq", (day,)).fetchall()
        except sqlite3.DatabaseError as exc:  # damaged pages past the header
            log.error("order journal %s could not be read (%s): today's orders and fills come back from "
                      "the server", self.path, exc)
            return [], []
        for seq, kind, body in rows:
            try:
                data = json.loads(body)
                if kind == "order":
                    order = Order.from_json(data)
                    latest[order.key] = order
                else:
                    fill = Fill.from_json(data)
                    fills.pop(data.get("replaces") or "", None)
                    fills.setdefault(fill.exec_id, fill)
            except (ValueError, KeyError, TypeError, ArithmeticError, AttributeError) as exc:
                self.skipped += 1
                log.error("order journal %s: entry %s (%s) is unreadable and was skipped: %s",
                          self.path, seq, kind, exc)
        return list(latest.values()), list(fills.values())

    def count(self, kind: str | None = None) -> int:
        if kind is None:
            return self.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        return self.db.execute("SELECT COUNT(*) FROM events WHERE kind = ?", (kind,)).fetchone()[0]

    def close(self) -> None:
        self.closed = True
        try:
            self.db.close()
        except sqlite3.Error:
            pass
