"""Fault injection switched from tests: delays, failures, dropped sockets, malformed frames, throttling."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

G3101 = {"g3101InBlock": {"delaygb": "R", "keysymbol": "82TSLA", "exchcd": "82", "symbol": "TSLA"}}


@pytest.mark.asyncio
async def test_rest_delay_and_failures(sim):
    faults = sim.ex.faults
    faults.rest_delay = 0.3
    t0 = time.monotonic()
    assert (await sim.call("g3101", G3101))[0] == 200
    assert time.monotonic() - t0 >= 0.3
    faults.rest_delay = 0
    faults.fail_next(2)
    for _ in range(2):
        status, _, body = await sim.call("g3101", G3101)
        assert status == 500 and set(body) == {"rsp_cd", "rsp_msg"}
    assert (await sim.call("g3101", G3101))[0] == 200
    faults.rest_fail_rate = 1.0
    assert (await sim.call("g3101", G3101))[0] == 500
    faults.clear()
    assert (await sim.call("g3101", G3101))[0] == 200


@pytest.mark.asyncio
async def test_throttle_and_expire(sim):
    faults = sim.ex.faults
    faults.rate_limits = True
    faults.throttle = 0.34  # g3101: 3/s -> 1/s
    results = [await sim.call("g3101", G3101) for _ in range(2)]
    assert [r[0] for r in results] == [200, 500] and results[1][2]["rsp_cd"] == "IGW00201"
    faults.expire_tokens()
    assert (await sim.call("g3101", G3101))[2]["rsp_cd"] == "IGW00123"


def _sub(token, tr_cd="GSC", key="82TSLA"):
    return json.dumps({"header": {"token": token, "tr_type": "3"}, "body": {"tr_cd": tr_cd, "tr_key": key.ljust(18)}})


@pytest.mark.asyncio
async def test_drop_websockets_and_drop_after(sim):
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await ws.send_str(_sub(sim.token))
        await ws.receive(timeout=5)
        sim.ex.faults.drop_websockets()
        msg = await ws.receive(timeout=5)
        assert msg.type.name in ("CLOSE", "CLOSED", "CLOSING")
    await asyncio.sleep(0.05)
    assert not sim.ex.hub.subs  # subscriptions of a dropped socket are forgotten
    sim.ex.faults.ws_drop_after = 3
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await ws.send_str(_sub(sim.token))
        for _ in range(20):
            sim.ex.market.step("TSLA")
        frames = 0
        while True:
            msg = await ws.receive(timeout=5)
            if msg.type.name != "TEXT":
                break
            frames += 1
        assert frames == 3


@pytest.mark.asyncio
async def test_malformed_frames(sim):
    sim.ex.market.steps_per_second = 0
    sim.ex.faults.malformed_rate = 1.0
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await ws.send_str(_sub(sim.token))
        json.loads((await ws.receive(timeout=5)).data)  # acks stay intact
        for _ in range(20):
            sim.ex.market.step("TSLA")
        data = (await ws.receive(timeout=5)).data
        with pytest.raises(ValueError):
            json.loads(data)
