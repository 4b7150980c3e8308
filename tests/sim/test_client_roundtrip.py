"""The app/ls client core round-trips every TR the exchange serves (typed request -> typed answer)."""

from __future__ import annotations

import pytest
import pytest_asyncio

from app.ls.models.catalog import REST
from app.sim.registry import HANDLERS
from tests.sim.spec_requests import NEEDS_STATE, request_body, state_setup

ls_mod = pytest.importorskip("app.ls")
if not hasattr(ls_mod, "LS"):  # pragma: no cover
    pytest.skip("app.ls.LS is not available yet", allow_module_level=True)

from app.ls import LS, Endpoints  # noqa: E402
from app.ls.client import tr_module  # noqa: E402
from app.ls.ratelimit import SetupOptions  # noqa: E402

FAST = SetupOptions(1000, 1.0)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def ls_client(sim_shared):
    client = LS(Endpoints.local(sim_shared.ex.port))
    assert await client.async_login("roundtrip-key", "roundtrip-secret"), client.last_error
    try:
        yield client, sim_shared.ex
    finally:
        await client.aclose(revoke=True)


def _caller(client, tr_cd):
    product = client.overseas_stock() if REST[tr_cd].product == "stock" else client.overseas_futureoption()
    return product.caller


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("tr_cd", sorted(REST))
async def test_client_round_trip(ls_client, tr_cd):
    client, ex = ls_client
    if tr_cd not in HANDLERS:
        pytest.skip(f"{tr_cd}: no handler registered yet (broker half: app/sim/broker)")
    module = tr_module(tr_cd)
    body = request_body(tr_cd, ex.market, library=True)
    caller = _caller(client, tr_cd)
    if tr_cd in NEEDS_STATE:  # place the order the example refers to, through the client too
        setup_tr, setup_body, apply = state_setup(tr_cd, body, ex.market)
        answer = await caller.call(setup_tr, tr_module(setup_tr).Request.model_validate(setup_body), options=FAST)
        body = apply(answer.model_dump(mode="json"))
    request = module.Request.model_validate(body)
    if REST[tr_cd].paging == "none":
        resp = await caller.call(tr_cd, request, options=FAST)
        pages = [resp]
    else:
        pages = [p async for p in caller.pages(tr_cd, request, options=FAST, max_pages=3)]
    assert pages and all(isinstance(p, module.Response) for p in pages)
    assert all(p.rsp_cd and p.rsp_msg for p in pages)
    if REST[tr_cd].category in ("market", "chart"):
        assert pages[0].rsp_cd == "00000"
        assert pages[0].block is not None
    if REST[tr_cd].paging == "header_flag_plus_body_cursor" and len(pages) > 1:
        assert pages[0].tr_cont == "Y"
