"""README's promises about the client core, each exercised through the real client over HTTP.

Per-TR default limits, orders never sent twice after an answer that may mean "accepted" while
queries are retried, separate stock and futures tokens, and the modify/cancel in-block rules.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import pytest_asyncio
from pydantic import ValidationError

from app.ls import LS, COSAT00301, Endpoints, LSBusinessError, TransportError, g3101
from app.ls.client import tr_module
from app.ls.models import CIDBT00900, CIDBT01000, COSAT00311
from app.ls.models.catalog import REST as CATALOG
from app.ls.ratelimit import MemoryRateLimiter
from tests.ls.spec_server import REST, SpecServer

SPEC = json.loads((Path(__file__).resolve().parents[2] / "app/ls/data/spec.json").read_text("utf-8"))
KEY, SECRET = "PSabcdefghijklmnopqrstuvwxyz012345", "SECRETabcdefghijklmnopqrstuvwxyz0123"


class RecordingLimiter(MemoryRateLimiter):
    """The real limiter, remembering what each call asked it for."""

    def __init__(self):
        super().__init__()
        self.asked: list[tuple[str, int, float, bool]] = []

    async def take(self, key, count, seconds, wait=True):
        self.asked.append((key, count, seconds, wait))
        return await super().take(key, count, seconds, wait)


@pytest_asyncio.fixture
async def server():
    srv = await SpecServer().start()
    yield srv
    await srv.stop()


async def logged_in(server, **kwargs) -> LS:
    ls = LS(Endpoints.local(server.port), **kwargs)
    assert await ls.async_login(KEY, SECRET), ls.last_error
    return ls


def group_of(ls: LS, tr_cd: str):
    info = CATALOG[tr_cd]
    product = ls.overseas_stock() if info.product == "stock" else ls.overseas_futureoption()
    return getattr(product, {"account": "accno"}.get(info.category, info.category))()


# ---- per-TR default limits --------------------------------------------------------------

@pytest.mark.asyncio
async def test_every_tr_called_without_options_gets_the_spec_limit(server):
    limiter = RecordingLimiter()
    ls = await logged_in(server, rate_limiter=limiter)
    for tr_cd in sorted(CATALOG):
        request = tr_module(tr_cd).Request.model_validate(REST[tr_cd]["example_request"]["body"])
        await getattr(group_of(ls, tr_cd), tr_cd)(request).req_async()  # no options
        limit = SPEC["rest"]["trs"][tr_cd]["rate_limit"]
        assert limiter.asked[-1] == (tr_cd, limit["calls"], float(limit["per_seconds"]), True), tr_cd
    await ls.aclose()


@pytest.mark.asyncio
async def test_the_default_limit_holds_calls_back_at_the_server(server):
    """g3101 allows 3 calls a second: the 4th arrives a second after an earlier one was answered."""
    ls = await logged_in(server)
    market = ls.overseas_stock().market()
    block = g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")
    for _ in range(4):
        await market.g3101(block).req_async()
    times = [t for tr, t in server.arrivals if tr == "g3101"]
    assert len(times) == 4 and times[3] - times[0] >= 1.0
    await ls.aclose()


# ---- ambiguous answers: orders never twice, queries again -------------------------------

def order_block() -> COSAT00301.COSAT00301InBlock1:
    return COSAT00301.COSAT00301InBlock1(OrdPtnCode="02", OrdMktCode="82", IsuNo="TSLA", OrdQty=1,
                                         OvrsOrdPrc="250.5", OrdprcPtnCode="00")


def quote_block() -> g3101.G3101InBlock:
    return g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")


AMBIGUOUS = {
    "5xx-without-code": lambda srv, tr: srv.queue(tr, 502, {}),
    "500-without-code": lambda srv, tr: srv.queue(tr, 500, {"message": "internal error"}),
    "dropped-connection": lambda srv, tr: setattr(srv, "drop_next", 1),
    "timeout": lambda srv, tr: (setattr(srv, "slow_next", 1), setattr(srv, "slow_seconds", 1.5)),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("answer", list(AMBIGUOUS))
async def test_an_order_is_never_sent_twice_after_an_ambiguous_answer(server, answer):
    ls = await logged_in(server, timeout=0.5)
    AMBIGUOUS[answer](server, "COSAT00301")
    with pytest.raises((LSBusinessError, TransportError)):
        await ls.overseas_stock().order().COSAT00301(order_block()).req_async()
    assert [tr for tr, _ in server.arrivals] == ["COSAT00301"]
    await ls.aclose()


@pytest.mark.asyncio
@pytest.mark.parametrize("answer", list(AMBIGUOUS))
async def test_a_query_is_sent_again_after_the_same_answer(server, answer):
    ls = await logged_in(server, timeout=0.5)
    AMBIGUOUS[answer](server, "g3101")
    resp = await ls.overseas_stock().market().g3101(quote_block()).req_async()
    assert resp.block.symbol == REST["g3101"]["example_response"]["body"]["g3101OutBlock"]["symbol"]
    assert [tr for tr, _ in server.arrivals] == ["g3101", "g3101"]
    await ls.aclose()


# ---- separate stock and futures keys ----------------------------------------------------

@pytest.mark.asyncio
async def test_separate_stock_and_futures_keys_give_separate_tokens_used_by_the_right_trs(tmp_path):
    from app.sim.exchange import start_exchange

    ex = await start_exchange(seed=4, db_path=tmp_path / "keys.sqlite", port=0, rate_limits=False)
    stock_key, futures_key = "STOCK-APPKEY-000000000000000000000000", "FUTURES-APPKEY-0000000000000000000000"
    ls = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
    try:
        assert await ls.async_login(stock_key, "STOCK-SECRET-0000000000000000000000",
                                    futures_appkey=futures_key,
                                    futures_appsecretkey="FUTURES-SECRET-00000000000000000000")
        stock, futures = ls.overseas_stock(), ls.overseas_futureoption()
        assert stock.tokens.token.access_token != futures.tokens.token.access_token
        assert ex.tokens.lookup(stock.tokens.token.access_token)[0].app_key == stock_key
        assert ex.tokens.lookup(futures.tokens.token.access_token)[0].app_key == futures_key
        quote = await stock.market().g3101(quote_block()).req_async()
        price = (quote.block.price * Decimal("0.5")).quantize(Decimal("0.01"))
        await stock.order().COSAT00301(COSAT00301.COSAT00301InBlock1(
            OrdPtnCode="02", OrdMktCode="82", IsuNo="TSLA", OrdQty=1, OvrsOrdPrc=price,
            OrdprcPtnCode="00")).req_async()
        master = await futures.market().o3101(body={"o3101InBlock": {"gubun": "1"}}).req_async()
        await futures.order().CIDBT00100(body={"CIDBT00100InBlock1": {
            "RecCnt": 1, "OrdDt": "20260101", "IsuCodeVal": master.block[0].Symbol, "FutsOrdTpCode": "1",
            "BnsTpCode": "2", "AbrdFutsOrdPtnCode": "1", "OvrsDrvtOrdPrc": 0, "CndiOrdPrc": 0,
            "OrdQty": 1}}).req_async()
        # the exchange books each order to the account of the token it came with
        assert len(ex.broker.orders_of(stock_key, "stock")) == 1
        assert ex.broker.orders_of(stock_key, "future") == []
        assert len(ex.broker.orders_of(futures_key, "future")) == 1
        assert ex.broker.orders_of(futures_key, "stock") == []
    finally:
        await ls.aclose()
        await ex.stop()


# ---- modify and cancel name their order -------------------------------------------------

def _example(tr_cd: str) -> dict:
    return dict(REST[tr_cd]["example_request"]["body"][f"{tr_cd}InBlock1"])


@pytest.mark.parametrize("model, tr_cd, change, message", [
    (COSAT00311.COSAT00311InBlock1, "COSAT00311", {"OrgOrdNo": 0}, "OrgOrdNo"),
    (COSAT00311.COSAT00311InBlock1, "COSAT00311", {"OrdPtnCode": "02"}, "'07'"),
    (COSAT00311.COSAT00311InBlock1, "COSAT00311", {"OvrsOrdPrc": 0}, "new price"),
    (COSAT00301.COSAT00301InBlock1, "COSAT00301", {"OrdPtnCode": "08", "OrgOrdNo": None}, "OrgOrdNo"),
    (CIDBT00900.CIDBT00900InBlock1, "CIDBT00900", {"OvrsFutsOrgOrdNo": "  "}, "OvrsFutsOrgOrdNo"),
    (CIDBT00900.CIDBT00900InBlock1, "CIDBT00900", {"OrdQty": 0}, "quantity"),
    (CIDBT00900.CIDBT00900InBlock1, "CIDBT00900", {"OvrsDrvtOrdPrc": 0}, "new price"),
    (CIDBT01000.CIDBT01000InBlock1, "CIDBT01000", {"OvrsFutsOrgOrdNo": ""}, "OvrsFutsOrgOrdNo"),
], ids=["stock-modify-no-order", "stock-modify-code", "stock-modify-price", "stock-cancel-no-order",
        "futures-modify-no-order", "futures-modify-qty", "futures-modify-price", "futures-cancel-no-order"])
def test_modify_and_cancel_in_blocks_name_their_order(model, tr_cd, change, message):
    fields = {k: v for k, v in {**_example(tr_cd), **change}.items() if v is not None}
    with pytest.raises(ValidationError) as err:
        model(**fields)
    assert message in str(err.value)
    model(**_example(tr_cd))  # the spec's own example, naming its order, passes


@pytest.mark.asyncio
async def test_a_half_valid_modify_never_leaves_the_client(server):
    ls = await logged_in(server)
    with pytest.raises(ValidationError):
        await ls.overseas_futureoption().order().CIDBT01000(
            body={"CIDBT01000InBlock1": {**_example("CIDBT01000"), "OvrsFutsOrgOrdNo": ""}}).req_async()
    assert server.arrivals == []
    await ls.aclose()
