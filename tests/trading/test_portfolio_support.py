"""Helpers for the portfolio tests: orders placed through the client core, and the server's own account figures."""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from app.ls.models import CIDBT00100, COSAT00301, g3106


async def until(predicate, timeout: float = 10.0) -> None:
    """Wait (no nested Qt loop, no sleep-then-assert) until `predicate()` holds; fail after `timeout`."""
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


async def buy_stock(client, master, symbol: str, qty: int) -> int:
    """A marketable limit buy (a stock buy cannot be a market order at LS): fills at the ask."""
    inst = master.get(symbol)
    book = (await client.overseas_stock().market().g3106(g3106.G3106InBlock(
        keysymbol=inst.keysymbol, exchcd=inst.exchcd, symbol=symbol)).req_async()).block
    price = (Decimal(str(book.offerho1 or book.price)) * Decimal("1.02")).quantize(Decimal("0.01"))
    resp = await client.overseas_stock().order().COSAT00301(COSAT00301.COSAT00301InBlock1(
        OrdPtnCode="02", OrdMktCode=inst.exchcd, IsuNo=symbol, OrdQty=qty, OvrsOrdPrc=price,
        OrdprcPtnCode="00")).req_async()
    return int(resp.block2.OrdNo)


async def sell_stock(client, master, symbol: str, qty: int) -> int:
    inst = master.get(symbol)
    resp = await client.overseas_stock().order().COSAT00301(COSAT00301.COSAT00301InBlock1(
        OrdPtnCode="01", OrdMktCode=inst.exchcd, IsuNo=symbol, OrdQty=qty, OvrsOrdPrc=0,
        OrdprcPtnCode="03")).req_async()
    return int(resp.block2.OrdNo)


async def trade_future(client, symbol: str, side: str, qty: int) -> str:
    """A market order for a future or option ("buy" | "sell")."""
    resp = await client.overseas_futureoption().order().CIDBT00100(CIDBT00100.CIDBT00100InBlock1(
        OrdDt=dt.date.today().strftime("%Y%m%d"), IsuCodeVal=symbol, FutsOrdTpCode="1",
        BnsTpCode="2" if side == "buy" else "1", AbrdFutsOrdPtnCode="1", OvrsDrvtOrdPrc=0,
        CndiOrdPrc=0, OrdQty=qty)).req_async()
    return resp.block2.OvrsFutsOrdNo


def front_future(master, root: str = "ES") -> str:
    codes = sorted(i.code for i in master.all() if i.market == "futures" and i.code.startswith(root))
    return codes[0]


def server_account(exchange, app_key: str):
    return exchange.broker.account(app_key)


def cents(value: Decimal) -> Decimal:
    """Money to the cent as LS and the panels round it (half up)."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def record_requests(monkeypatch, *tr_cds: str) -> list[tuple[str, dict]]:
    """(TR, in-block) of every request of these TRs the embedded exchange receives, in order; its
    own handlers still answer them."""
    from app.sim import registry

    seen: list[tuple[str, dict]] = []
    for tr_cd in tr_cds:
        def spy(ctx, req, tr_cd=tr_cd, real=registry.HANDLERS[tr_cd]):
            seen.append((tr_cd, getattr(req, f"{tr_cd}InBlock1").model_dump()))
            return real(ctx, req)
        monkeypatch.setitem(registry.HANDLERS, tr_cd, spy)
    return seen


async def open_market(tmp_path, key: str, secret: str, seed: int, steps_per_second: float = 10.0):
    """An embedded exchange, the client core logged in to it, the instrument master (no options)
    and a market-data hub: (exchange, client, master, hub)."""
    from app.ls import LS, Endpoints
    from app.sim.exchange import start_exchange
    from app.trading.instruments import InstrumentMaster
    from app.trading.marketdata import MarketDataHub

    ex = await start_exchange(seed=seed, db_path=tmp_path / f"ex-{seed}.sqlite", port=0,
                              steps_per_second=steps_per_second, rate_limits=False)
    client = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
    assert await client.async_login(key, secret)
    master = InstrumentMaster()
    await master.load(client, options=False)
    return ex, client, master, MarketDataHub(client, master)
