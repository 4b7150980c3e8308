"""Realtime throughput: GSC frames over loopback, bare receive vs typed decode + dispatch.

A pusher in its own process accepts WebSocket connections on 127.0.0.1, waits for the first
client message (a GSC subscription), acks it, then writes N pre-encoded GSC frames (the spec's
example body with a varying price) as fast as the socket takes them. In the same run we time
(a) a bare ``websockets`` client that merely receives the N frames, and (b) ``RealtimeSession``
receiving them, decoding each into the typed GSC model and dispatching it to a callback.
Rounds alternate (a) and (b); the best round of each is reported.

Targets: (b) at least 40,000 frames/s, and at least 50 % of (a).

    python bench/realtime.py [--frames 100000] [--rounds 3] [--profile]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_FPS = 40_000
TARGET_RATIO = 0.5
SUBSCRIBE = ('{"header": {"token": "bench", "tr_type": "3"}, '
             '"body": {"tr_cd": "GSC", "tr_key": "82TSLA            "}}')


def _frames(distinct: int = 1000) -> list[bytes]:
    spec = json.loads((Path(__file__).resolve().parents[1] / "app/ls/data/spec.json").read_text("utf-8"))
    msg = spec["websocket"]["trs"]["GSC"]["example_push"]["message"]
    msg["header"]["tr_key"] = "82TSLA            "
    out = []
    for i in range(distinct):
        msg["body"]["price"] = f"{12 + i / 100:.4f}"
        msg["body"]["lSeq"] = str(i)
        out.append(json.dumps(msg, ensure_ascii=False).encode())
    return out


def _ws_frame(payload: bytes) -> bytes:
    """An unmasked server→client text frame."""
    size = len(payload)
    if size < 126:
        head = bytes([0x81, size])
    elif size < 65536:
        head = bytes([0x81, 126]) + size.to_bytes(2, "big")
    else:
        head = bytes([0x81, 127]) + size.to_bytes(8, "big")
    return head + payload


def _pusher(frames_per_connection: int, ports) -> None:
    """Server process: after the first client message, write the frames as fast as possible."""
    from websockets.asyncio.server import serve
    from websockets.protocol import State

    payloads = _frames()
    block = b"".join(_ws_frame(p) for p in payloads)  # 1000 frames per write
    per_block = len(payloads)

    async def handler(ws) -> None:
        first = json.loads(await ws.recv())
        body = first["body"]
        await ws.send(json.dumps({"header": {"tr_cd": body["tr_cd"], "tr_key": body["tr_key"],
                                             "tr_type": "3", "rsp_cd": "00000",
                                             "rsp_msg": "정상처리되었습니다"}, "body": None}))
        transport = ws.transport
        sent = 0
        while sent < frames_per_connection and ws.state is State.OPEN:  # the client may leave early
            n = min(per_block, frames_per_connection - sent)
            transport.write(block if n == per_block else b"".join(_ws_frame(p) for p in payloads[:n]))
            sent += n
            while transport.get_write_buffer_size() > 1 << 20:
                await asyncio.sleep(0.0002)
        try:
            await ws.wait_closed()
        except Exception:
            pass

    async def main() -> None:
        async with serve(handler, "127.0.0.1", 0, compression=None, max_size=None) as server:
            ports.put(server.sockets[0].getsockname()[1])
            await asyncio.Future()

    asyncio.run(main())


class Round:
    """Frames per wall-clock second, and client CPU µs per frame (steadier on a busy machine)."""

    def __init__(self, frames: int):
        self.frames = frames
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def stop(self) -> tuple[float, float]:
        wall = time.perf_counter() - self.wall
        cpu = time.process_time() - self.cpu
        return self.frames / wall, cpu / self.frames * 1e6


async def bare_round(url: str, frames: int) -> tuple[float, float]:
    from websockets.asyncio.client import connect

    async with connect(url, compression=None, max_size=None, ping_interval=None, proxy=None) as ws:
        timer = Round(frames)
        await ws.send(SUBSCRIBE)
        await ws.recv()  # the ack
        for _ in range(frames):
            await ws.recv()
        return timer.stop()


async def session_round(url: str, frames: int) -> tuple[float, float]:
    from app.ls.realtime import RealtimeSession

    async def token() -> str:
        return "bench"

    done = asyncio.get_running_loop().create_future()
    seen = 0
    last_price = None

    def on_gsc(msg) -> None:
        nonlocal seen, last_price
        last_price = msg.body.price
        seen += 1
        if seen == frames:
            done.set_result(None)

    session = RealtimeSession(url, token, name="bench", reconnect=False)
    session.add_listener("GSC", on_gsc, key="82TSLA")
    await session.connect()
    try:
        timer = Round(frames)
        await session.subscribe("GSC", "82TSLA")
        await asyncio.wait_for(done, 120)
        result = timer.stop()
    finally:
        await session.close()
    assert last_price is not None and session.bad_frames == 0
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="cProfile one session round")
    args = parser.parse_args()

    ctx = multiprocessing.get_context("spawn")
    ports = ctx.Queue()
    server = ctx.Process(target=_pusher, args=(args.frames, ports), daemon=True)
    server.start()
    try:
        url = f"ws://127.0.0.1:{ports.get(timeout=30)}/websocket"
        bare, ours = [], []

        async def run() -> None:
            await session_round(url, min(args.frames, 5000))  # warm-up: imports, model build
            for _ in range(args.rounds):
                bare.append(await bare_round(url, args.frames))
                ours.append(await session_round(url, args.frames))
            if args.profile:
                import cProfile
                import pstats

                prof = cProfile.Profile()
                prof.enable()
                await session_round(url, args.frames)
                prof.disable()
                pstats.Stats(prof).sort_stats("tottime").print_stats(15)

        asyncio.run(asyncio.wait_for(run(), 600))
    finally:
        server.terminate()
        server.join(5)

    best_bare, best_ours = max(r[0] for r in bare), max(r[0] for r in ours)
    cpu_bare, cpu_ours = min(r[1] for r in bare), min(r[1] for r in ours)
    ratio = best_ours / best_bare
    print(f"GSC frames per round: {args.frames:,}, rounds: {args.rounds} (best round of each)")
    for name, best, cpu, rounds in (("bare websockets receive", best_bare, cpu_bare, bare),
                                    ("RealtimeSession typed+dispatch", best_ours, cpu_ours, ours)):
        print(f"  {name:31}: {best:9,.0f} frames/s, {cpu:5.2f} µs CPU/frame"
              f"  (rounds: {', '.join(f'{r[0]:,.0f}' for r in rounds)})")
    print(f"  ratio (wall clock)             : {ratio:9.0%}   (by CPU per frame: {cpu_bare / cpu_ours:.0%})")
    ok_fps, ok_ratio = best_ours >= TARGET_FPS, ratio >= TARGET_RATIO
    print(f"  target: >= {TARGET_FPS:,} frames/s [{'ok' if ok_fps else 'MISSED'}], "
          f">= {TARGET_RATIO:.0%} of bare [{'ok' if ok_ratio else 'MISSED'}]")
    return 0 if ok_fps and ok_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
