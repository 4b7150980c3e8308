"""Order round trip on the embedded exchange: new order REST call -> AS0 / TC1 push received.

The exchange (market loop off, SQLite store in a temp dir) and a raw client (aiohttp keep-alive
REST, one websocket registered for AS* and TC*) share one event loop on 127.0.0.1. Each order
is a resting limit order, so the push measured is the accept event; the account is reset every
50 orders so buying power never runs out. Target: median <= 5 ms.

    python bench/sim_order_rtt.py [--orders 400]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp  # noqa: E402
import websockets  # noqa: E402

from app.sim.exchange import start_exchange  # noqa: E402

TARGET_MS = 5.0
APP_KEY = "bench-order-rtt"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def resting_price(ex, symbol: str) -> float:
    tick = ex.market.tick_size(symbol)
    return float((ex.market.last(symbol) * Decimal("0.9") / tick).to_integral_value() * tick)


async def run(orders: int) -> int:
    tmp = tempfile.TemporaryDirectory()
    ex = await start_exchange(seed=1, db_path=Path(tmp.name) / "bench.sqlite", run_market=False,
                              rate_limits=False)
    http = aiohttp.ClientSession()
    ws = None
    try:
        form = {"grant_type": "client_credentials", "appkey": APP_KEY, "appsecretkey": "x", "scope": "oob"}
        async with http.post(ex.rest_url + "/oauth2/token", data=form) as r:
            token = (await r.json())["access_token"]
        ws = await websockets.connect(ex.ws_url)
        for tr_cd in ("AS1", "TC1"):
            await ws.send(json.dumps({"header": {"token": token, "tr_type": "1"},
                                      "body": {"tr_cd": tr_cd, "tr_key": ""}}))
            await asyncio.wait_for(ws.recv(), 5)

        arrivals: dict[str, float] = {}
        got = asyncio.Event()

        async def reader() -> None:
            async for text in ws:
                now = time.perf_counter()
                msg = json.loads(text)
                tr_cd, body = msg["header"].get("tr_cd"), msg["body"] or {}
                if tr_cd == "AS0":
                    arrivals[f"S{body['sOrdNo']}"] = now
                    got.set()
                elif tr_cd == "TC1":
                    arrivals[f"F{body['ordr_no']}"] = now
                    got.set()

        reading = asyncio.create_task(reader())
        headers = {"Content-Type": "application/json; charset=utf-8", "authorization": f"Bearer {token}",
                   "tr_cont": "N", "tr_cont_key": "", "mac_address": ""}
        stock_price = resting_price(ex, "AAPL")
        fut_price = resting_price(ex, "MESZ26")
        stock_body = json.dumps({"COSAT00301InBlock1": {
            "RecCnt": 1, "OrdPtnCode": "02", "OrgOrdNo": None, "OrdMktCode": "82", "IsuNo": "AAPL",
            "OrdQty": 1, "OvrsOrdPrc": stock_price, "OrdprcPtnCode": "00", "BrkTpCode": ""}}).encode()
        fut_body = json.dumps({"CIDBT00100InBlock1": {
            "RecCnt": 1, "OrdDt": "", "IsuCodeVal": "MESZ26", "FutsOrdTpCode": "1", "BnsTpCode": "2",
            "AbrdFutsOrdPtnCode": "2", "CrcyCode": "", "OvrsDrvtOrdPrc": fut_price, "CndiOrdPrc": 0,
            "OrdQty": 1, "PrdtCode": "000000", "DueYymm": "000000", "ExchCode": ""}}).encode()

        rtt = {"stock": [], "futures": []}
        rest = {"stock": [], "futures": []}
        for i in range(orders):
            if i % 50 == 0:
                ex.broker.reset(APP_KEY)
            stock = i % 2 == 0
            tr_cd, path, body = (("COSAT00301", "/overseas-stock/order", stock_body) if stock else
                                 ("CIDBT00100", "/overseas-futureoption/order", fut_body))
            got.clear()
            t0 = time.perf_counter()
            async with http.post(ex.rest_url + path, data=body, headers={**headers, "tr_cd": tr_cd}) as r:
                answer = await r.json()
            t_rest = time.perf_counter()
            if r.status != 200:
                print(f"order {i} refused: {answer}")
                return 2
            key = (f"S{answer['COSAT00301OutBlock2']['OrdNo']}" if stock else
                   f"F{int(answer['CIDBT00100OutBlock2']['OvrsFutsOrdNo'])}")
            deadline = t0 + 5
            while key not in arrivals:
                got.clear()
                await asyncio.wait_for(got.wait(), max(0.01, deadline - time.perf_counter()))
            kind = "stock" if stock else "futures"
            rtt[kind].append((arrivals[key] - t0) * 1e3)
            rest[kind].append((t_rest - t0) * 1e3)
        reading.cancel()
    finally:
        if ws is not None:
            await ws.close()
        await http.close()
        await ex.stop()
        tmp.cleanup()

    every = rtt["stock"] + rtt["futures"]
    median = statistics.median(every)
    print(f"order round trip on loopback, {orders} orders (new order REST call -> AS0/TC1 push)")
    for kind in ("stock", "futures"):
        vals = rtt[kind]
        print(f"  {kind:8s} push  median {statistics.median(vals):6.2f} ms   p95 {percentile(vals, 95):6.2f} ms"
              f"   (REST answer median {statistics.median(rest[kind]):.2f} ms)")
    print(f"  all      push  median {median:6.2f} ms   p95 {percentile(every, 95):6.2f} ms"
          f"   target: median <= {TARGET_MS:.1f} ms -> {'OK' if median <= TARGET_MS else 'MISSED'}")
    return 0 if median <= TARGET_MS else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=400)
    args = ap.parse_args()
    return asyncio.run(run(max(2, args.orders)))


if __name__ == "__main__":
    sys.exit(main())
