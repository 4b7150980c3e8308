"""Rate limits over real sockets: error answers carry LS's response headers; strict mode is available."""

from __future__ import annotations

import asyncio

import pytest

from app.ls.models.catalog import REST

G3101 = {"g3101InBlock": {"delaygb": "R", "keysymbol": "82TSLA", "exchcd": "82", "symbol": "TSLA"}}
O3137 = {"o3137InBlock": {"mktgb": "F", "shcode": "X", "ncnt": 1, "qrycnt": 20, "cts_seq": "", "cts_daygb": ""}}


@pytest.mark.asyncio
async def test_error_answers_carry_the_tr_headers(sim):
    sim.ex.limiter.enabled = True
    fut = sim.ex.market.instruments("future")[0].symbol
    body = {"o3137InBlock": {**O3137["o3137InBlock"], "shcode": fut}}
    first = await sim.call("o3137", body)
    assert first[0] == 200
    status, headers, answer = await sim.call("o3137", body)
    assert status == 500 and answer["rsp_cd"] == "IGW00201"
    assert (headers.get("tr_cd"), headers.get("tr_cont"), headers.get("tr_cont_key")) == ("o3137", "N", "")
    assert headers["Content-Type"].startswith("application/json")
    # a bad token, a type error: the same headers
    status, headers, answer = await sim.call("g3101", G3101, token="nope")
    assert answer["rsp_cd"] == "IGW00121" and headers.get("tr_cd") == "g3101" and headers.get("tr_cont") == "N"
    bad = {"g3101InBlock": {**G3101["g3101InBlock"], "symbol": {"x": 1}}}
    status, headers, answer = await sim.call("g3101", bad)
    assert answer["rsp_cd"] == "IGW40011" and headers.get("tr_cd") == "g3101"
    # an unknown TR code is not echoed back
    status, headers, answer = await sim.call("zz<script>", G3101)
    assert answer["rsp_cd"] == "IGW00105" and headers.get("tr_cd") == ""


@pytest.mark.asyncio
async def test_calls_one_window_apart_pass_and_bursts_do_not(sim):
    sim.ex.limiter.enabled = True
    calls = REST["g3101"].rate_calls
    burst = await asyncio.gather(*(sim.call("g3101", G3101) for _ in range(calls + 1)))
    assert sorted(r[0] for r in burst) == [200] * calls + [500]


@pytest.mark.asyncio
async def test_strict_mode_refuses_an_arrival_a_moment_early(sim, monkeypatch):
    faults = sim.ex.faults
    faults.rate_limits = True
    assert faults.rate_limit_mode == "tolerant"
    limiter, token = sim.ex.limiter, sim.token
    # the exchange's clock stands still, so the call arrives exactly 0.99 s after the one before
    # however long it takes to get there (a loaded machine took longer than 10 ms)
    now = sim.ex.clock.monotonic()
    monkeypatch.setattr(sim.ex.clock, "monotonic", lambda: now)
    assert limiter.allow(token, "o3101", now - 0.99)  # as if a call had arrived 0.99 s ago
    assert (await sim.call("o3101", {"o3101InBlock": {"gubun": "1"}}))[0] == 200
    faults.rate_limit_mode = "strict"
    now += 10.0
    assert limiter.allow(token, "o3101", now - 0.99)
    status, _, answer = await sim.call("o3101", {"o3101InBlock": {"gubun": "1"}})
    assert status == 500 and answer["rsp_cd"] == "IGW00201"
    with pytest.raises(ValueError):
        faults.rate_limit_mode = "lenient"
