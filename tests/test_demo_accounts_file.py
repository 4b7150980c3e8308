"""The demo always starts on a damaged accounts file (app/sim/broker/recovery.py): the exchange in
its own process, as the terminal runs it, keeps the file aside byte for byte, serves fresh demo
accounts that take an order from the real client over loopback, and says what it did; a file
another exchange has open is left alone; where nothing can be moved it runs on accounts in memory."""

from __future__ import annotations

import os
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from app.demo_exchange import ExchangeProcess, Refused
from app.ls import LS
from app.sim.broker.orders import Order
from app.sim.broker.store import Store

KEY, SECRET = "DAMAGED-APPKEY-lsterm", "DAMAGED-SECRET-lsterm"


def accounts_file(path: Path, orders: int = 300) -> Store:
    """A real accounts file with ``orders`` working orders in it, still open."""
    store = Store(path)
    with store.tx():
        for n in range(1, orders + 1):
            store.save_order(Order(n, "SOMEONE", "stock", "AAPL", "2", 1, Decimal("100.00"), "00",
                                   market_code="82", ord_date="20261130", seq=n))
        store.save_counter("stock", orders)
    return store


def garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def truncated(path: Path) -> None:
    store = accounts_file(path)
    store.loaded()  # closed as a live file is: its -wal folded in
    store.close()
    assert not Path(f"{path}-wal").exists()
    with open(path, "r+b") as f:  # cut off at half: the orders' later pages are gone
        f.truncate(path.stat().st_size // 2)


def bad_index(path: Path) -> None:
    """Every row reads, but the index a reset deletes by is garbage: found at the start (quick_check),
    not when the trader resets the account."""
    store = accounts_file(path)
    page_size = store.db.execute("PRAGMA page_size").fetchone()[0]
    (root,) = store.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'orders_by_key'").fetchone()
    store.loaded()
    store.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * page_size)


def bad_row(path: Path) -> None:
    """Our schema, good rows, and one order whose JSON does not parse; left with its -wal, as after
    a crash (the kept pair must still be the user's)."""
    store = accounts_file(path, orders=5)
    with store.tx():
        store.db.execute("INSERT INTO orders VALUES ('stock', 99, 'SOMEONE', '{\"ord_no\": 99, \"qty\"')")
    store.close()
    assert Path(f"{path}-wal").stat().st_size > 0


def folder(path: Path) -> None:
    path.mkdir()
    (path / "note.txt").write_text("a folder where the demo's accounts file should be")


def snapshot(path: Path) -> dict[str, bytes]:
    """The bytes of the file and of its SQLite companions ("", "-wal" ...), or of a folder's files."""
    if path.is_dir():
        return {f"/{p.name}": p.read_bytes() for p in path.iterdir()}
    return {end: Path(f"{path}{end}").read_bytes() for end in ("", "-wal", "-shm") if Path(f"{path}{end}").exists()}


async def place_order(ls: LS) -> int:
    """A limit buy of 1 AAPL well below the market (it rests): its order number."""
    stock = ls.overseas_stock()
    quote = await stock.market().g3101(body={"g3101InBlock": {"keysymbol": "82AAPL", "exchcd": "82",
                                                              "symbol": "AAPL"}}).req_async()
    price = (quote.block.price * Decimal("0.9")).quantize(Decimal("0.01"))
    placed = await stock.order().COSAT00301(body={"COSAT00301InBlock1": {
        "RecCnt": 1, "OrdPtnCode": "02", "OrdMktCode": "82", "IsuNo": "AAPL", "OrdQty": 1,
        "OvrsOrdPrc": price, "OrdprcPtnCode": "00"}}).req_async()
    assert placed.rsp_cd == "00000", (placed.rsp_cd, placed.rsp_msg)  # accepted
    return int(placed.COSAT00301OutBlock2.OrdNo)


async def serve_and_trade(path: Path) -> tuple[dict | None, int]:
    """Start the demo's exchange on ``path`` and place an order: (its notice, the order number)."""
    ex = ExchangeProcess(seed=3, db_path=path)
    try:
        ls = LS(await ex.start())
        try:
            assert await ls.async_login(KEY, SECRET), ls.last_error
            return ex.take_notice(), await place_order(ls)
        finally:
            await ls.aclose()
    finally:
        await ex.stop()


def orders_in(path: Path) -> list[tuple[str, str]]:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT app_key, product FROM orders").fetchall()
    finally:
        db.close()


@pytest.mark.asyncio
@pytest.mark.parametrize("damage, cause", [(garbage, "not_sqlite"), (truncated, "damaged"), (bad_index, "damaged"),
                                           (bad_row, "rows"), (folder, "folder")])
async def test_a_damaged_accounts_file_is_kept_aside_and_the_demo_starts_afresh(tmp_path, damage, cause):
    path = tmp_path / "demo-exchange.sqlite"
    damage(path)
    before = snapshot(path)
    notice, ord_no = await serve_and_trade(path)
    assert notice is not None and notice["kind"] == "kept" and notice["cause"] == cause, notice
    kept = Path(notice["kept"])
    assert kept.parent == tmp_path and kept.name.startswith("demo-exchange.sqlite.damaged-")
    assert snapshot(kept) == before  # the user's file as it was, its -wal beside it
    kept_names = {p.name for p in tmp_path.iterdir() if ".damaged-" in p.name}
    assert kept_names == {kept.name + end for end in before if not end.startswith("/")} | {kept.name}
    assert ord_no >= 1 and orders_in(path) == [(KEY, "stock")]  # fresh accounts, the new order kept
    # the next start finds a sound file: nothing to say, nothing moved, the order still there
    again, _ = await serve_and_trade(path)
    assert again is None and {p.name for p in tmp_path.iterdir() if ".damaged-" in p.name} == kept_names
    assert orders_in(path) == [(KEY, "stock")] * 2


@pytest.mark.asyncio
async def test_accounts_in_use_by_another_exchange_are_left_alone(tmp_path):
    path = tmp_path / "demo-exchange.sqlite"
    held = accounts_file(path, orders=3)  # another exchange has them open (and locked)
    ex = ExchangeProcess(seed=3, db_path=path)
    try:
        with pytest.raises(Refused) as refused:
            await ex.start()
        assert refused.value.notice == {"kind": "busy", "path": str(path)}
        assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-exchange.sqlite", "demo-exchange.sqlite-wal"]
    finally:
        held.loaded()
        held.close()
        await ex.stop()
    notice, _ = await serve_and_trade(path)  # that one closed: the same accounts, nothing moved
    assert notice is None
    assert sorted(orders_in(path)) == [(KEY, "stock")] + [("SOMEONE", "stock")] * 3


@pytest.mark.asyncio
async def test_where_no_fresh_file_can_be_made_the_demo_runs_on_accounts_in_memory(tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    notice, ord_no = await serve_and_trade(blocker / "demo-exchange.sqlite")
    assert notice is not None and notice["kind"] == "memory" and notice["kept"] == notice["why"] == "", notice
    assert ord_no >= 1
    assert blocker.read_text() == "a file where the data folder should be"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root renames in a read-only folder")
@pytest.mark.asyncio
async def test_a_damaged_file_in_a_read_only_folder_stays_and_the_demo_runs_in_memory(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / "demo-exchange.sqlite"
    garbage(path)
    before = path.read_bytes()
    data.chmod(0o555)
    try:
        notice, ord_no = await serve_and_trade(path)
    finally:
        data.chmod(0o755)
    assert notice is not None and notice["kind"] == "memory" and notice["why"], notice
    assert ord_no >= 1 and path.read_bytes() == before and os.listdir(data) == [path.name]
