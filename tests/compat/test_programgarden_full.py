"""programgarden-finance drives every REST TR (sync, then async, then its pages), an order of each
kind and each realtime feed, twice in a row, against the embedded exchange: no call of this
well-paced client may be refused with IGW00201, and every call must be answered without error.

The exchange's default limits are the ones the client paces itself by; the client records each
call's time before sending it, so arrivals can be a few milliseconds closer together than the
client's spacing. The exchange forgives that jitter (app/sim/throttle.py); in strict mode it
does not, which a test below shows is what made this client fail now and then.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from app.sim.exchange import start_exchange

ROOT = Path(__file__).resolve().parents[2]
COMPAT = ROOT / ".venv-compat" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
PROBE = Path(__file__).with_name("programgarden_full_probe.py")
SPEC = ROOT / "app" / "ls" / "data" / "spec.json"

pytestmark = pytest.mark.skipif(not COMPAT.exists(), reason="no .venv-compat: ./run setup installs the third-party client")

# success codes the exchange answers per kind of TR (stock orders have no documented one)
OK_CODES = {"00000", "00001", "00136", "00131", "00156", "00039", "00040", "00200", "00707", "02679", ""}


async def run_probe(ex, lanes: int = 4) -> dict:
    future = ex.market.instruments("future")[0].symbol
    option = ex.market.instruments("option")[0].symbol
    proc = await asyncio.create_subprocess_exec(
        str(COMPAT), str(PROBE), ex.rest_url, ex.ws_url, str(SPEC), future, option, str(lanes),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=str(PROBE.parent))
    try:
        out, err = await asyncio.wait_for(proc.communicate(), 600)
    finally:
        if proc.returncode is None:  # timed out: do not leave the client running
            proc.kill()
            await proc.wait()
    lines = out.decode("utf-8", "replace").strip().splitlines()
    assert lines, err.decode("utf-8", "replace")[-3000:]
    results = json.loads(lines[-1])
    assert "error" not in results, results["error"]
    return results


@pytest.mark.asyncio
async def test_every_tr_sync_async_paging_orders_and_feeds_twice_without_igw00201(tmp_path):
    # a day's token: one ending at 06:59:59 KST mid-run is not what this test is about
    ex = await start_exchange(seed=5, db_path=tmp_path / "full.sqlite", port=0, steps_per_second=4.0,
                              token_lifetime=86400.0)
    arrivals: list[tuple[str, float, bool]] = []
    allow = ex.limiter.allow

    def counting(token, tr_cd, now, limit=None):
        ok = allow(token, tr_cd, now, limit)
        arrivals.append((tr_cd, now, ok))
        return ok

    ex.limiter.allow = counting
    try:
        results = await run_probe(ex)
    finally:
        await ex.stop()
    calls = [c for c in results["calls"] if c["how"] != "walk"]
    refused = [c for c in calls if c["rsp_cd"] == "IGW00201" or "거래건수" in (c["error"] or "")]
    assert not refused, refused
    refused_trs = {tr for tr, _, ok in arrivals if not ok}
    assert not refused_trs, [(tr, round(t - arrivals[0][1], 3), ok) for tr, t, ok in arrivals if tr in refused_trs]
    failed = [c for c in calls if c["error"] or c["rsp_cd"] not in OK_CODES]
    assert not failed, failed
    # every TR was called both ways in both rounds, and every paging walk turned pages
    hows = {(c["tr"], c["how"]) for c in calls}
    assert {tr for tr, how in hows if how == "sync"} >= set(json.loads(SPEC.read_text())["rest"]["trs"]) - {"COSAT00311", "CIDBT01000"}
    walks = {c["tr"]: c["pages"] for c in results["calls"] if c["how"] == "walk"}
    assert set(walks) == set(results["paging_trs"]) and len(walks) >= 19, walks
    assert all(n >= 1 for n in walks.values()), walks
    # chart and tick walks have hundreds of pages here (account lists and o3128's two-week range fit one)
    short = sorted(tr for tr, n in walks.items() if n < 2 and tr[0] in "go" and tr != "o3128")
    assert not short, short
    pushes = results["pushes"]
    for feed in ("GSC", "GSH", "OVC", "OVH", "WOC", "WOH", "AS0", "AS1", "AS2", "AS3", "TC1", "TC2", "TC3"):
        assert pushes.get(feed), (feed, pushes)
