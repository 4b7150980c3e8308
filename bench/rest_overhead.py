"""Client-side overhead of one REST TR call, excluding the server's time, per HTTP client.

A tiny asyncio HTTP server on 127.0.0.1 answers every request at once with a fixed g3101
answer. We time (a) a bare keep-alive socket client sending the same bytes and reading the
answer — the network and server share of a call — and (b) the full client path
(``LS().overseas_stock().market().g3101(...).req_async()``: rate limiter, token, envelope,
HTTP client, typed parse) once with each maintained client the transport can use (aiohttp,
httpx). Overhead = (b) - (a), per call. Target: under 1,000 µs (a round trip to LS is tens
of milliseconds and LS allows 1-10 calls a second: below a millisecond nobody can tell).

Also, per client, the median time of one call while the event loop is busy 2 ms between
events, as a Qt window's loop is while it paints (the server then runs on a thread of its
own): each extra trip through the loop a client needs costs a trader that much.

    python bench/rest_overhead.py [--calls 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.ls import LS, Endpoints, SetupOptions, g3101  # noqa: E402
from app.ls.transport import CLIENTS  # noqa: E402

SPEC = json.loads((Path(__file__).resolve().parents[1] / "app/ls/data/spec.json").read_text("utf-8"))
BODY = json.dumps(SPEC["rest"]["trs"]["g3101"]["example_response"]["body"], ensure_ascii=False).encode()
TOKEN = json.dumps({"access_token": "bench-token-0123456789", "token_type": "Bearer", "scope": "oob",
                    "expires_in": 86000}).encode()
TARGET_US = 1000.0


def http_answer(body: bytes, extra: str = "") -> bytes:
    head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode() + body


TR_ANSWER = http_answer(BODY, "tr_cd: g3101\r\ntr_cont: N\r\ntr_cont_key: \r\n")
TOKEN_ANSWER = http_answer(TOKEN)


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if length:
                await reader.readexactly(length)
            writer.write(TOKEN_ANSWER if head.startswith(b"POST /oauth2/token") else TR_ANSWER)
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
        writer.close()  # the client went away, or the benchmark is over


async def bare_client(port: int, calls: int) -> list[float]:
    """Keep-alive socket client: write a request, read exactly one answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = b'{"g3101InBlock":{"delaygb":"R","keysymbol":"82TSLA","exchcd":"82","symbol":"TSLA"}}'
    request = (b"POST /overseas-stock/market-data HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Content-Type: application/json; charset=utf-8\r\nauthorization: Bearer x\r\ntr_cd: g3101\r\n"
               b"tr_cont: N\r\ntr_cont_key: \r\nmac_address: \r\nContent-Length: "
               + str(len(body)).encode() + b"\r\n\r\n" + body)
    samples = []
    for _ in range(calls):
        t0 = time.perf_counter()
        writer.write(request)
        await reader.readuntil(b"\r\n\r\n")
        await reader.readexactly(len(BODY))
        samples.append(time.perf_counter() - t0)
    writer.close()
    return samples


async def full_client(port: int, calls: int, kind: str) -> list[float]:
    os.environ["LSTERM_HTTP_CLIENT"] = kind
    ls = LS(Endpoints.local(port))
    assert ls.transport.client_kind == kind
    assert await ls.async_login("BENCHKEY-0123456789", "BENCHSECRET-0123456789")
    market = ls.overseas_stock().market()
    block = g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")
    options = SetupOptions(1_000_000, 1.0)  # measure the path, not the default 3/s limit
    samples = []
    for _ in range(calls):
        t0 = time.perf_counter()
        resp = await market.g3101(block, options).req_async()
        samples.append(time.perf_counter() - t0)
    assert resp.block is not None
    await ls.aclose(revoke=False)
    return samples


async def _busy(stop: asyncio.Event) -> None:
    while not stop.is_set():
        time.sleep(0.002)  # the UI painting between events
        await asyncio.sleep(0)


def _server_thread() -> int:
    import threading

    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    srv = asyncio.run_coroutine_threadsafe(asyncio.start_server(serve, "127.0.0.1", 0), loop).result(5)
    return srv.sockets[0].getsockname()[1]


async def busy_loop_ms(port: int, kind: str, calls: int = 200) -> float:
    from app.ls.transport import RestTransport

    transport = RestTransport(f"http://127.0.0.1:{port}", client=kind)
    for _ in range(20):
        await transport.post_tr("/overseas-stock/market-data", "g3101", b"{}", "token")
    stop = asyncio.Event()
    task = asyncio.create_task(_busy(stop))
    samples = []
    for _ in range(calls):
        t0 = time.perf_counter()
        await transport.post_tr("/overseas-stock/market-data", "g3101", b"{}", "token")
        samples.append(time.perf_counter() - t0)
    stop.set()
    await task
    await transport.aclose()
    return statistics.median(samples) * 1e3


async def main(calls: int) -> dict:
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await bare_client(port, 200)  # warm up every path
    for kind in CLIENTS:
        await full_client(port, 200, kind)
    bare = statistics.median(await bare_client(port, calls)) * 1e6
    result = {"bare_us": round(bare)}
    print(f"REST call, median of {calls}: bare socket {bare:.0f} µs")
    for kind in CLIENTS:
        full = statistics.median(await full_client(port, calls, kind)) * 1e6
        overhead = full - bare
        verdict = "OK" if overhead <= TARGET_US else "MISSED"
        print(f"{kind}: lsterm client {full:.0f} µs, client-side overhead {overhead:.0f} µs "
              f"(target < {TARGET_US:.0f} µs) {verdict}")
        result[f"{kind}_overhead_us"] = round(overhead)
    server.close()
    remote = _server_thread()
    for kind in CLIENTS:
        busy = await busy_loop_ms(remote, kind)
        print(f"{kind}: one call while the loop is busy 2 ms between events: {busy:.1f} ms (median)")
        result[f"{kind}_busy_loop_ms"] = round(busy, 1)
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=3000)
    print(json.dumps(asyncio.run(main(parser.parse_args().calls))))
