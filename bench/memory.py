"""Memory of the whole terminal: the real window (offscreen) with the default workspace, 200
quoting symbols in the watchlist and a 1,000,000-bar chart; then a soak under a steady quote feed
with orders placed and cancelled all along.

    .venv/bin/python bench/memory.py [--minutes 10] [--symbols 200] [--bars 1000000]

The exchange runs in its own process (this script with --serve: the embedded exchange with 200
extra synthetic stocks, its market stepping every symbol, orders matched and pushed back), so the
figures are the terminal's own, as with LS in paper or live mode.
- rss_mib: resident memory once the window, 200 live rows and the 1M-bar chart have settled
  (target ≤ 400 MB).
- soak_growth_mib: resident memory at the end of the soak minus at its start (after a minute of
  warm-up inside the soak), under the feed with an order placed and cancelled every 2 s
  (target ≤ 20 MB over 30 minutes; the minutes run are reported).
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TARGET_RSS_MIB, TARGET_SOAK_MIB, TARGET_SOAK_MINUTES = 400, 20, 30
# orders go to the exchange's own stocks (its broker does not list the synthetic quote symbols)
ORDER_SYMBOLS = ("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA")


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    import resource  # not Linux: the peak is the best there is

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 2**20)


def load() -> str:
    try:
        return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load unknown"


# ---- the exchange process ---------------------------------------------------------------------
async def serve(symbols: int) -> None:
    from market_feed import synthetic

    from app.sim.exchange import Exchange
    from app.sim.instruments import build_master
    from app.sim.market import Market

    ex = Exchange(seed=5, db_path=":memory:", rate_limits=True)
    market = Market(seed=5, clock=ex.clock, steps_per_second=2.0,
                    instruments=build_master(ex.clock.now().date()) + synthetic(symbols))
    ex.market.remove_quote_listener(ex.hub.on_quote)
    ex.market = market
    market.add_quote_listener(ex.hub.on_quote)
    await ex.start(port=0)
    print(f"READY {ex.rest_url} {ex.ws_url}", flush=True)
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.readline()  # anything (or EOF) on stdin: stop
    await ex.stop()


# ---- the terminal -------------------------------------------------------------------------------
async def measure(args: argparse.Namespace) -> dict:
    import numpy as np
    from chart import random_walk

    from app.ls.config import Endpoints
    from app.trading.bar_series import BarSeries, Timeframe
    from app.trading.order_validation import Draft
    from terminal import open_terminal

    proc = subprocess.Popen([sys.executable, __file__, "--serve", "--symbols", str(args.symbols)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().split()
    if not line or line[0] != "READY":
        raise SystemExit("the exchange process did not start")
    endpoints = Endpoints(line[1], line[2], "bench")
    print(f"before the window: {rss_mib():.0f} MiB", flush=True)
    try:
        shell = await open_terminal(endpoints)
    except BaseException:
        proc.kill()
        raise
    try:
        ctx = shell.context
        last = f"S{args.symbols - 1:03d}"
        t0 = time.monotonic()
        while not (ctx.market is not None and ctx.orders is not None and ctx.instruments.get(last)):
            await asyncio.sleep(0.05)
            if time.monotonic() - t0 > 90:
                raise SystemExit("the instrument master or the order manager did not come up")
        panel = shell.window.panels("watchlist")[0]
        for i in range(args.symbols):
            if not panel.add_symbol(f"S{i:03d}"):
                raise SystemExit(f"the watchlist refused S{i:03d}")
        hub = ctx.market
        t0 = time.monotonic()
        while sum(1 for i in range(args.symbols) if (q := hub.quote(f"S{i:03d}")) and q.last) < args.symbols:
            await asyncio.sleep(0.1)
            if time.monotonic() - t0 > 90:
                raise SystemExit("not every symbol quoted within 90 s")
        print(f"default workspace, {panel.model.rowCount()} watchlist rows quoting: {rss_mib():.0f} MiB", flush=True)
        chart = shell.window.open_panel("chart").panel
        series = BarSeries(Timeframe.parse("1m"))
        series.replace(random_walk(args.bars))
        chart.show_series(series)
        chart.show_all()
        await asyncio.sleep(5)  # paints, the feed and the frame clock reach a steady state
        from app.ui import gc_guard

        gc_guard.refreeze()  # as the app does once its start has settled (collects first)
        rss = rss_mib()
        print(f"with a {args.bars:,}-bar chart: rss {rss:.0f} MiB (target ≤ {TARGET_RSS_MIB}) [{load()}]",
              flush=True)

        # the soak: quotes keep flowing; an order placed and cancelled every 2 s
        mgr = ctx.orders
        placed = cancelled = 0
        told = False

        async def settled(done, timeout: float = 10.0) -> bool:
            t = time.monotonic() + timeout
            while not done() and time.monotonic() < t:
                await asyncio.sleep(0.05)
            return bool(done())

        rng = np.random.default_rng(3)
        frames0 = hub.frames
        samples: list[tuple[float, float]] = []
        t0 = time.monotonic()
        end = t0 + args.minutes * 60
        warm = t0 + min(60.0, args.minutes * 60 / 4)
        baseline = None
        next_sample = t0
        while time.monotonic() < end:
            sym = ORDER_SYMBOLS[int(rng.integers(0, len(ORDER_SYMBOLS)))]
            q = hub.quote(sym)
            inst = ctx.instruments.get(sym)
            if q and q.last and inst is not None:
                price = Decimal(str(q.last)) * Decimal("0.95")
                tick = inst.tick_at(price)
                price = (price / tick).to_integral_value() * tick
                try:
                    order = await mgr.submit(Draft(sym, "buy", 1, price, "limit"))
                    placed += 1
                    if await settled(lambda: order.state != "pending_new") and order.state == "accepted":
                        await mgr.cancel(order.id)
                        if await settled(lambda: order.state == "cancelled"):
                            cancelled += 1
                    if placed != cancelled and not told:
                        told = True
                        print(f"order {order.id} on {sym} ended {order.state} {order.reason}".rstrip(), flush=True)
                except Exception as exc:  # a refusal is a figure, not the end of the soak
                    print(f"order on {sym}: {exc}", flush=True)
            await asyncio.sleep(1.0)
            now = time.monotonic()
            if now >= warm and baseline is None:
                gc.collect()
                baseline = (now - t0, rss_mib())
                print(f"soak baseline after {baseline[0]:.0f} s: {baseline[1]:.0f} MiB", flush=True)
            if now >= next_sample:
                samples.append((now - t0, rss_mib()))
                print(f"  {samples[-1][0] / 60:5.1f} min: rss {samples[-1][1]:.0f} MiB, orders {placed} placed "
                      f"/ {cancelled} cancelled, {hub.frames - frames0:,} quote frames", flush=True)
                next_sample = now + 30
        gc.collect()
        minutes = (time.monotonic() - t0) / 60
        final = rss_mib()
        base = baseline[1] if baseline else samples[0][1]
        growth = final - base
        span = minutes - (baseline[0] / 60 if baseline else 0)
        print(f"soak {minutes:.1f} min ({span:.1f} measured): rss {base:.0f} → {final:.0f} MiB, growth "
              f"{growth:+.1f} MiB (target ≤ {TARGET_SOAK_MIB} over {TARGET_SOAK_MINUTES} min; "
              f"{growth / max(span, 1e-9) * TARGET_SOAK_MINUTES:+.1f} MiB per 30 min at this rate); "
              f"{placed} orders placed, {cancelled} cancelled, {hub.frames - frames0:,} quote frames [{load()}]",
              flush=True)
        return {"rss_mib": round(rss, 1), "soak_growth_mib": round(growth, 1), "soak_minutes": round(minutes, 2),
                "soak_measured_minutes": round(span, 2), "orders_placed": placed, "orders_cancelled": cancelled,
                "quote_frames": hub.frames - frames0, "symbols": args.symbols, "bars": args.bars,
                "target_rss_mib": TARGET_RSS_MIB, "target_soak_growth_mib": TARGET_SOAK_MIB,
                "target_soak_minutes": TARGET_SOAK_MINUTES, "load": load()}
    finally:
        await shell.shutdown()
        proc.stdin.close()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10.0, help="length of the soak (default 10)")
    ap.add_argument("--symbols", type=int, default=200)
    ap.add_argument("--bars", type=int, default=1_000_000)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the exchange process
    args = ap.parse_args()
    if args.minutes <= 0 or args.symbols < 1 or args.bars < 1:
        raise SystemExit("--minutes, --symbols and --bars must be positive")
    if args.serve:
        asyncio.run(serve(args.symbols))
        return
    import qasync
    from PySide6.QtWidgets import QApplication

    from app.ui.gc_guard import MainThreadCollector

    app = QApplication.instance() or QApplication([])
    from app.selftest import quiet_offscreen_warnings

    quiet_offscreen_warnings()  # the offscreen platform's warning for every floating dock
    collector = MainThreadCollector(parent=app, freeze=True)  # noqa: F841 - as the app runs it
    result = asyncio.run(measure(args), loop_factory=qasync.QEventLoop)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
