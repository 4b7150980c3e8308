"""Every TR of the seed guide has a facade method (and its Korean name) on the right group."""

from __future__ import annotations

import pytest
import pytest_asyncio

import app.ls as ls_pkg
from app.ls import LS, Endpoints, TRRequest, g3101, o3101
from app.ls.models.catalog import REAL, REST
from tests.ls.spec_server import SpecServer

GROUP = {"market": "market", "chart": "chart", "account": "accno", "order": "order"}
SEED_ROOT_EXPORTS = """LS oauth TokenManager overseas_stock overseas_futureoption g3101 g3102 g3103 g3104 g3106
g3190 g3202 g3203 g3204 COSAQ00102 COSAQ01400 COSOQ00201 COSOQ02701 COSAT00301 COSAT00311
COSMT00300 COSAT00400 GSC GSH AS0 AS1 AS2 AS3 AS4 o3101 o3104 o3105 o3106 o3107 o3116 o3121
o3123 o3125 o3126 o3127 o3128 o3136 o3137 o3103 o3108 o3117 o3139 CIDBQ01400 CIDBQ01500
CIDBQ01800 CIDBQ02400 CIDBQ03000 CIDBQ05300 CIDEQ00800 CIDBT00100 CIDBT00900 CIDBT01000 OVC
OVH TC1 TC2 TC3 WOC WOH exceptions""".split()


@pytest_asyncio.fixture
async def ls():
    server = await SpecServer().start()
    client = LS(Endpoints.local(server.port))
    assert await client.async_login("KEY-0123456789", "SECRET-0123456789")
    yield client
    await client.aclose()
    await server.stop()


def test_package_root_reexports_what_the_seed_lists():
    missing = [name for name in SEED_ROOT_EXPORTS if not hasattr(ls_pkg, name)]
    assert not missing


@pytest.mark.asyncio
@pytest.mark.parametrize("tr_cd", sorted(REST))
async def test_every_tr_has_a_method_on_its_group(ls, tr_cd):
    info = REST[tr_cd]
    product = ls.overseas_stock() if info.product == "stock" else ls.overseas_futureoption()
    group = getattr(product, GROUP[info.category])()
    method = getattr(group, tr_cd)
    module = __import__(f"app.ls.models.{tr_cd}", fromlist=["Request"])
    body = __import__("json").loads(__import__("json").dumps(
        __import__("tests.ls.spec_server", fromlist=["REST"]).REST[tr_cd]["example_request"]["body"]))
    request = method(module.Request.model_validate(body))
    assert isinstance(request, TRRequest) and request.tr_cd == tr_cd
    if info.korean_alias.isidentifier():
        assert getattr(type(group), info.korean_alias) is getattr(type(group), tr_cd)
    resp = await request.req_async()
    assert isinstance(resp, module.Response)


@pytest.mark.asyncio
async def test_seed_korean_names(ls):
    stock = ls.overseas_stock()
    assert type(stock.차트()) is type(stock.chart())
    assert type(stock.chart()).차트일주월년별조회 is type(stock.chart()).g3204
    resp = await stock.market().현재가조회(
        g3101.G3101InBlock(delaygb="R", keysymbol="82TSLA", exchcd="82", symbol="TSLA")).req_async()
    assert resp.rsp_cd == "00000"
    resp = await ls.overseas_futureoption().market().해외선물마스터조회(body=o3101.O3101InBlock(gubun="1")).req_async()
    assert resp.block and resp.block[0].Symbol


def test_every_realtime_tr_has_an_accessor():
    from app.ls.facade_real import FuturesReal, StockReal

    for tr_cd, info in REAL.items():
        cls = StockReal if info.product == "stock" else FuturesReal
        assert callable(getattr(cls, tr_cd)), tr_cd


def test_wrong_body_type_is_refused_before_sending(ls):
    with pytest.raises(TypeError):
        ls.overseas_stock().market().g3101(o3101.O3101InBlock(gubun="1"))
