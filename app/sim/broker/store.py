"""SQLite persistence of the demo broker: accounts, positions, orders, fills, counters.

The broker keeps its state in memory and writes every change through to one SQLite file, so
cash, positions, working orders and fills survive a restart. WAL with synchronous=NORMAL keeps
a write well under a millisecond; a crash may lose the last moments, never corrupt the file.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.sim.broker.accounts import Account, Position
from app.sim.broker.loans import Loan
from app.sim.broker.orders import Fill, Order, ReservedOrder
# why a database could not be used (StoreError.cause): the terminal words each for the trader
from app.sqlite_errors import BUSY, FOLDER, OTHER, cause as _cause

_SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    app_key TEXT PRIMARY KEY, acct_no TEXT, fut_acct_no TEXT, cash TEXT, fut_deposit TEXT,
    stock_realised TEXT, stock_fees TEXT, fut_realised TEXT, fut_fees TEXT);
CREATE TABLE IF NOT EXISTS positions (
    app_key TEXT, product TEXT, symbol TEXT, qty INTEGER, cost TEXT, realised TEXT,
    currency TEXT, opened_date TEXT, PRIMARY KEY (app_key, product, symbol));
CREATE TABLE IF NOT EXISTS orders (
    product TEXT, ord_no INTEGER, app_key TEXT, data TEXT, PRIMARY KEY (product, ord_no));
CREATE INDEX IF NOT EXISTS orders_by_key ON orders (app_key);
CREATE TABLE IF NOT EXISTS fills (
    product TEXT, exec_no INTEGER, app_key TEXT, data TEXT, PRIMARY KEY (product, exec_no));
CREATE INDEX IF NOT EXISTS fills_by_key ON fills (app_key);
CREATE TABLE IF NOT EXISTS reserved (rsv_no INTEGER PRIMARY KEY, app_key TEXT, data TEXT);
CREATE TABLE IF NOT EXISTS loans (
    app_key TEXT, symbol TEXT, loan_dt TEXT, data TEXT, PRIMARY KEY (app_key, symbol, loan_dt));
"""

BUSY_TIMEOUT_S = 2.0  # another exchange holds its file for its whole life: no use waiting longer


class StoreError(RuntimeError):
    """The demo-account database cannot be opened or read (corrupt, locked, not SQLite)."""

    def __init__(self, message: str, path: str = "", cause: str = OTHER, detail: str = ""):
        super().__init__(message)
        self.path, self.cause, self.detail = path, cause, detail

    @property
    def busy(self) -> bool:
        return self.cause == BUSY

    @property
    def notice(self) -> dict | None:
        """A refusal the terminal words for the trader (app/ui/demo_accounts.py): only a busy file
        stops the demo, a damaged one is kept aside (app/sim/broker/recovery.py)."""
        return {"kind": BUSY, "path": self.path} if self.busy else None


@contextmanager
def readable(path: str) -> Iterator[None]:
    """Turn a failure to open or read ``path`` into a ``StoreError`` that names the file."""
    try:
        yield
    except (sqlite3.Error, OSError, ValueError, TypeError, KeyError, ArithmeticError) as exc:
        cause = _cause(exc, path)
        why = "it is a folder, not a file" if cause == FOLDER else str(exc)  # (sqlite: "unable to open")
        if cause == BUSY:
            message = (f"the demo account database {path} is in use by another exchange (another lsterm "
                       f"demo, or lsterm-sim, on the same file); stop that one, or give another file with --db")
        else:
            message = (f"the demo account database {path} cannot be used ({why}); move it away to start "
                       f"with fresh demo accounts, or give another file with --db")
        raise StoreError(message, path, cause, why) from exc


_ACCOUNT_MONEY = ("cash", "fut_deposit", "stock_realised", "stock_fees", "fut_realised", "fut_fees")


def _encode(obj: Any) -> str:
    row = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        row[f.name] = str(value) if isinstance(value, Decimal) else value
    return json.dumps(row, separators=(",", ":"))


def _decode(cls: type, text: str) -> Any:
    """A row's JSON back into ``cls``; a value of the wrong type raises (ValueError, TypeError) here,
    at the start, not in the middle of a trade later."""
    row = json.loads(text)
    if not isinstance(row, dict):
        raise ValueError(f"a {cls.__name__} row is not a JSON object")
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in row:
            continue
        value = row[f.name]
        if f.type in ("Decimal", Decimal) and value is not None:
            value = Decimal(value)
            if not value.is_finite():
                raise ValueError(f"{cls.__name__}.{f.name} is {value}")
        elif f.type in _JSON_TYPES and (not isinstance(value, _JSON_TYPES[f.type]) or isinstance(value, bool)):
            raise TypeError(f"{cls.__name__}.{f.name} is {value!r}")
        kwargs[f.name] = value
    return cls(**kwargs)


# What the numbers and the dicts must arrive as, checked because the broker computes with them
# (the texts are taken as they are: a file written by an older version stays usable).
_JSON_TYPES: dict[str, type] = {"int": int, "dict": dict}


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        self._depth = 0
        with readable(self.path):
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                      timeout=BUSY_TIMEOUT_S)
            try:
                # Until its rows are read (loaded()), closing writes nothing into the file: a
                # damaged one is kept aside as it was, its -wal not folded in.
                self._checkpoint_on_close(False)
                # One exchange per file, for its whole life: a second one (another lsterm demo on
                # the same folder) gets SQLITE_BUSY here, where two brokers would overwrite each
                # other's orders under the same numbers.
                self.db.execute("PRAGMA locking_mode=EXCLUSIVE")
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.executescript(_SCHEMA)
                if self.path != ":memory:":
                    self._check()
            except BaseException:
                self.db.close()
                raise

    def _check(self) -> None:
        """A file cut off or damaged where no row read would notice (an index, the free pages) is
        found now, not at a write in the middle of a trade."""
        problems = [row[0] for row in self.db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(map(str, problems)))

    def _checkpoint_on_close(self, on: bool) -> None:
        flag = getattr(sqlite3, "SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE", None)
        if flag is not None:
            self.db.setconfig(flag, not on)

    def loaded(self) -> None:
        """Its rows were read: from now on it is the live database, checkpointed as it closes."""
        self._checkpoint_on_close(True)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def tx(self) -> Iterator[None]:
        """One transaction per broker operation (nested calls join the outer one)."""
        if self._depth == 0:
            self.db.execute("BEGIN")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.db.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.db.execute("COMMIT")

    # --- counters ---
    def counters(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT name, value FROM counters"))

    def save_counter(self, name: str, value: int) -> None:
        self.db.execute("INSERT INTO counters VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET "
                        "value = excluded.value", (name, value))

    # --- accounts and positions ---
    def save_account(self, acct: Account) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO accounts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (acct.app_key, acct.acct_no, acct.fut_acct_no,
             *(str(getattr(acct, name)) for name in _ACCOUNT_MONEY)))

    def save_position(self, app_key: str, product: str, pos: Position) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO positions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (app_key, product, pos.symbol, pos.qty, str(pos.cost), str(pos.realised),
             pos.currency, pos.opened_date))

    def load_accounts(self) -> dict[str, Account]:
        accounts: dict[str, Account] = {}
        for row in self.db.execute("SELECT * FROM accounts"):
            app_key, acct_no, fut_no, *money = row
            acct = Account(app_key=app_key, acct_no=acct_no, fut_acct_no=fut_no)
            for name, value in zip(_ACCOUNT_MONEY, money, strict=True):
                setattr(acct, name, Decimal(value))
            accounts[app_key] = acct
        for app_key, product, symbol, qty, cost, realised, ccy, opened in self.db.execute(
                "SELECT * FROM positions"):
            acct = accounts.get(app_key)
            if acct is None:
                continue
            book = acct.stocks if product == "stock" else acct.futures
            book[symbol] = Position(symbol, qty, Decimal(cost), Decimal(realised), ccy, opened)
        for app_key, data in self.db.execute("SELECT app_key, data FROM loans"):
            acct = accounts.get(app_key)
            if acct is not None:
                loan = _decode(Loan, data)
                acct.loans[(loan.symbol, loan.loan_dt)] = loan
        return accounts

    def save_loan(self, app_key: str, loan: Loan) -> None:
        self.db.execute("INSERT OR REPLACE INTO loans VALUES (?, ?, ?, ?)",
                        (app_key, loan.symbol, loan.loan_dt, _encode(loan)))

    # --- orders, fills, reserved orders ---
    def save_order(self, order: Order) -> None:
        self.db.execute("INSERT OR REPLACE INTO orders VALUES (?, ?, ?, ?)",
                        (order.product, order.ord_no, order.app_key, _encode(order)))

    def save_fill(self, fill: Fill) -> None:
        self.db.execute("INSERT OR REPLACE INTO fills VALUES (?, ?, ?, ?)",
                        (fill.product, fill.exec_no, fill.app_key, _encode(fill)))

    def save_reserved(self, rsv: ReservedOrder) -> None:
        self.db.execute("INSERT OR REPLACE INTO reserved VALUES (?, ?, ?)",
                        (rsv.rsv_no, rsv.app_key, _encode(rsv)))

    def load_orders(self) -> list[Order]:
        rows = self.db.execute("SELECT data FROM orders ORDER BY product, ord_no")
        return [_decode(Order, data) for (data,) in rows]

    def load_fills(self) -> list[Fill]:
        rows = self.db.execute("SELECT data FROM fills ORDER BY product, exec_no")
        return [_decode(Fill, data) for (data,) in rows]

    def load_reserved(self) -> list[ReservedOrder]:
        rows = self.db.execute("SELECT data FROM reserved ORDER BY rsv_no")
        return [_decode(ReservedOrder, data) for (data,) in rows]

    def delete_account(self, app_key: str) -> None:
        for table in ("accounts", "positions", "orders", "fills", "reserved", "loans"):
            self.db.execute(f"DELETE FROM {table} WHERE app_key = ?", (app_key,))
