"""Chart history: bars loaded from the embedded exchange at the chart TR's rate limit, and a cached
reopen painted.

The exchange enforces every TR's limit (IGW00201 refusals are counted at the exchange); one `LS`
client loads three days of 1-minute bars of a stock (g3203, 3 calls a second, 500 bars a page)
and of a future (o3103, 1 a second) through the bar service, which writes them to its SQLite
cache; `first_page_ms` is each load's first page (a chart paints it while the rest comes). Then
a fresh bar service over the same cache file (as after a restart) opens the chart panel on the
stock: `cached_reopen_ms` runs from `set_symbol` to the cached bars painted
(`processEvents()` + `grab()` of the 1600×900 panel); only the newest page is fetched after that.

Targets: 0 rate-limit refusals; cached reopen painted ≤ 100 ms.

    .venv/bin/python bench/chart_history.py

The last line is one JSON object.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import qasync  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

KEY, SECRET = "BENCH-CHART-KEY-0123456789", "BENCH-CHART-SECRET-0123456789"


class Refusals:
    def __init__(self, limiter):
        self.inner, self.refused = limiter, 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def allow(self, *args, **kwargs):
        ok = self.inner.allow(*args, **kwargs)
        self.refused += not ok
        return ok


async def main(app: QApplication) -> dict:
    from app.ls import LS, Endpoints
    from app.sim.exchange import start_exchange
    from app.trading.bar_cache import BarCache
    from app.trading.bars import BarService
    from app.trading.instruments import InstrumentMaster
    from app.ui.context import AppContext
    from app.ui.panels.chart import ChartPanel
    from app.ui.theme import apply_theme

    tmp = Path(tempfile.mkdtemp(prefix="lsterm-chart-history-"))
    ex = await start_exchange(seed=5, db_path=tmp / "ex.sqlite", port=0, rate_limits=True)
    ex.limiter = Refusals(ex.limiter)
    ls = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
    assert await ls.async_login(KEY, SECRET), ls.last_error
    master = InstrumentMaster()
    await master.load(ls)
    future = next(i.code for i in master.all() if i.market == "futures")
    cache_path = tmp / "cache" / "bars.sqlite"
    try:
        svc = BarService(ls, master, None, BarCache(cache_path), tag="bench")
        loads = {}
        for symbol in ("AAPL", future):
            t0 = time.perf_counter()
            feed = svc.open(symbol, "1m")
            await feed.wait_first()  # the newest page: what the chart paints first
            first = time.perf_counter() - t0
            await feed.wait()  # and the rest of the history, behind it
            took = time.perf_counter() - t0
            loads[symbol] = {"bars": len(feed.series), "pages": feed.fetched_pages, "seconds": round(took, 2),
                             "first_page_ms": round(first * 1000, 1),
                             "tr": "g3203" if symbol == "AAPL" else "o3103",
                             "bars_per_s": round(len(feed.series) / took, 1)}
            feed.release()
        svc.close()

        apply_theme(app, "dark")
        context = AppContext("en")
        context.instruments = master
        context.bars = BarService(ls, master, None, BarCache(cache_path), tag="bench")
        panel = ChartPanel(context)
        panel.apply_settings({"timeframe": "1m"})
        panel.resize(1600, 900)
        panel.show()
        panel.grab()
        loop = asyncio.get_running_loop()
        done: asyncio.Future = loop.create_future()

        def measure() -> None:
            # a plain callback, not a task: processEvents may step the feed's task from here
            t0 = time.perf_counter()
            panel.set_symbol("AAPL")
            while not (panel.feed.from_cache and len(panel.series)):
                if time.perf_counter() - t0 > 30:
                    done.set_exception(TimeoutError("no cached bars"))
                    return
                app.processEvents()
            panel.drain()
            app.processEvents()
            panel.grab()
            done.set_result(time.perf_counter() - t0)

        loop.call_soon(measure)
        reopen = await done
        cached_bars = len(panel.series)
        await panel.feed.wait()
        gap_pages = panel.feed.fetched_pages
        panel.shutdown()
        context.bars.close()
    finally:
        await ls.aclose()
        await ex.stop()
    stock = loads["AAPL"]
    return {"history_bars_per_s": stock["bars_per_s"], "rate_limit_refusals": ex.limiter.refused,
            "first_page_ms": {s: v["first_page_ms"] for s, v in loads.items()},
            "cached_reopen_ms": round(reopen * 1000, 1), "cached_bars": cached_bars,
            "pages_after_reopen": gap_pages, "loads": loads, "load_average": round(os.getloadavg()[0], 2)}


if __name__ == "__main__":
    app = QApplication.instance() or QApplication([])
    result = asyncio.run(main(app), loop_factory=lambda: qasync.QEventLoop(app))
    print(f"rate_limit_refusals: {result['rate_limit_refusals']} (target 0) "
          f"{'OK' if result['rate_limit_refusals'] == 0 else 'MISSED'}")
    print(f"cached_reopen_ms: {result['cached_reopen_ms']} (target ≤ 100) "
          f"{'OK' if result['cached_reopen_ms'] <= 100 else 'MISSED'}")
    print(json.dumps(result))
