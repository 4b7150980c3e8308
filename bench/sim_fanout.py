"""Benchmark: quote frames/s the embedded exchange pushes to 1 and to 20 WebSocket clients (loopback).

The exchange runs in this process with its market driven as fast as the server can push; the
clients run in a child process (so they do not share the server's CPU time slice) and count
the frames they receive. Target: >= 20,000 frames/s in total. Stops by itself (~15 s).

    .venv/bin/python bench/sim_fanout.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 20_000


async def clients(url: str, token: str, n: int, keys: list[str], seconds: float) -> None:
    import websockets

    conns = [await websockets.connect(url, compression=None, max_queue=None, ping_interval=None) for _ in range(n)]
    for ws in conns:
        for key in keys:
            for tr in ("GSC", "GSH"):
                await ws.send(json.dumps({"header": {"token": token, "tr_type": "3"},
                                          "body": {"tr_cd": tr, "tr_key": key.ljust(18)}}))
        for _ in range(2 * len(keys)):  # acks
            await ws.recv()
    print("READY", flush=True)
    counts = [0] * n
    started = asyncio.Event()
    t_first = [0.0]

    async def count(i: int, ws) -> None:
        async for _ in ws:
            if not started.is_set():
                t_first[0] = time.perf_counter()
                started.set()
            counts[i] += 1

    tasks = [asyncio.create_task(count(i, ws)) for i, ws in enumerate(conns)]
    await started.wait()
    base = sum(counts)
    await asyncio.sleep(seconds)
    total = sum(counts) - base
    elapsed = time.perf_counter() - t_first[0]
    print(json.dumps({"frames": total, "seconds": elapsed, "per_client": [c for c in counts]}), flush=True)
    for t in tasks:
        t.cancel()
    for ws in conns:
        await ws.close()


async def serve(n: int, seconds: float) -> dict:
    import aiohttp

    from app.sim.exchange import Exchange

    ex = Exchange(seed=1, run_market=False, rate_limits=False)
    await ex.start()
    try:
        async with aiohttp.ClientSession() as s:
            async with s.post(ex.rest_url + "/oauth2/token", data={"appkey": "bench", "appsecretkey": "x"}) as r:
                token = (await r.json())["access_token"]
        stocks = [i for i in ex.market.instruments("stock")]
        keys = [i.keysymbol for i in stocks]
        child = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--role", "clients", "--url", ex.ws_url, "--token", token,
            "--clients", str(n), "--seconds", str(seconds), "--keys", ",".join(keys),
            stdout=subprocess.PIPE, cwd=str(ROOT))
        line = await asyncio.wait_for(child.stdout.readline(), 60)
        assert line.strip() == b"READY", line
        stop_at = time.perf_counter() + seconds + 2.0
        sent0 = ex.hub.pushes_sent
        t0 = time.perf_counter()
        market, hub = ex.market, ex.hub
        symbols = [i.symbol for i in stocks]
        while time.perf_counter() < stop_at:
            for sym in symbols:
                market.step(sym)
            # let the writers drain; wait while any client queue is backed up (no frame dropped)
            await asyncio.sleep(0)
            while any(len(c.queue) > 2000 for c in hub.conns) and time.perf_counter() < stop_at:
                await asyncio.sleep(0.001)
        server_rate = (ex.hub.pushes_sent - sent0) / (time.perf_counter() - t0)
        out = await asyncio.wait_for(child.stdout.readline(), 30)
        await child.wait()
        res = json.loads(out)
        res["server_rate"] = server_rate
        return res
    finally:
        await ex.stop()


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--role", default="bench")
    p.add_argument("--seconds", type=float, default=3.0)
    p.add_argument("--url")
    p.add_argument("--token")
    p.add_argument("--clients", type=int, default=1)
    p.add_argument("--keys", default="")
    a = p.parse_args()
    if a.role == "clients":
        asyncio.run(clients(a.url, a.token, a.clients, a.keys.split(","), a.seconds))
        return
    print(f"{'clients':>8} {'frames/s received':>18} {'per client':>12} {'target (total)':>15}")
    for n in (1, 20):
        res = asyncio.run(serve(n, a.seconds))
        rate = res["frames"] / res["seconds"]
        verdict = "ok" if rate >= TARGET else "BELOW"
        print(f"{n:>8} {rate:>18,.0f} {rate / n:>12,.0f} {TARGET:>15,}  {verdict}")


if __name__ == "__main__":
    main()
