"""Start lsterm: Qt on a qasync loop, the embedded exchange in demo mode, the shell, clean shutdown.

This is the only module that wires the layers together (it alone may import app.sim).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import json
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from app.loops import shut_down

START = time.time()
log = logging.getLogger("lsterm")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lsterm", description="Trading terminal for the LS Securities OpenAPI")
    p.add_argument("--mode", choices=("demo", "paper", "live"), default=None,
                   help="trading mode (default: demo)")
    p.add_argument("--workspace", help="open this saved workspace")
    p.add_argument("--theme", choices=("dark", "light"), help="colour theme for this run")
    p.add_argument("--lang", choices=("ko", "en"), help="interface language for this run")
    p.add_argument("--screenshot", type=Path, metavar="PATH",
                   help="save a picture of the window once it has settled, then exit")
    p.add_argument("--settle", type=float, default=1.2, metavar="SECONDS",
                   help="with --screenshot: how long to wait after login before the picture")
    p.add_argument("--bench", action="store_true",
                   help="print startup timings as JSON once quotes are served, then exit")
    p.add_argument("--seed", type=int, default=7, help="price seed of the embedded exchange")
    p.add_argument("--reset-demo", action="store_true",
                   help="put the demo account back to its starting balance before starting")
    p.add_argument("--debug", action="store_true", help="log at DEBUG level")
    p.add_argument("--self-test", action="store_true",
                   help="check this install (demo mode, offscreen, throwaway folders): one line per step, "
                        "exit 0 only if every step worked")
    p.add_argument("--serve-exchange", action="store_true", help=argparse.SUPPRESS)  # app/demo_exchange.py
    p.add_argument("--db", help=argparse.SUPPRESS)  # with --serve-exchange: the exchange's accounts
    p.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)  # with --serve-exchange
    return p.parse_args(argv)



def load_exchange() -> tuple[Any, Any]:
    """Import the embedded exchange (and the client core it shares with the UI) on this thread.

    Two threads importing the same packages at once can see one of them half initialised
    (pydantic's lazy imports failed one start in about thirty with "cannot import name ... from
    partially initialized module"), so every import happens here, before the exchange's thread
    starts; the thread then only runs code.
    """
    import importlib

    from app.demo_exchange import RUNTIME_IMPORTS

    try:
        from app.ls.config import Endpoints
        from app.sim.exchange import start_exchange

        for name in RUNTIME_IMPORTS:
            importlib.import_module(name)
    except ImportError as exc:
        raise RuntimeError(f"the embedded exchange (app.sim.exchange) is not available in this build: {exc}") from exc
    return Endpoints, start_exchange


async def import_models(slice_s: float = 0.05) -> None:
    """Import every TR model on this (the main) thread before the exchange's thread may need one:
    the exchange's handlers and its warm-up import them on first use, and a second thread
    importing them raced the UI's imports. The loop gets a turn every ``slice_s`` of importing, so
    the window stays responsive; a turn after every module let the starting panels run between
    all 59 and made this take ~4x as long as the imports themselves, on the way to the demo."""
    import importlib
    import sys

    from app.ls.models.catalog import REAL, REST

    turn = time.perf_counter()
    for tr_cd in (*REST, *REAL):
        name = f"app.ls.models.{tr_cd}"
        if name not in sys.modules:
            importlib.import_module(name)
            if time.perf_counter() - turn >= slice_s:
                await asyncio.sleep(0)
                turn = time.perf_counter()


class EmbeddedExchange:
    """The demo exchange on a thread and event loop of this process, on free loopback ports (the
    terminal runs it in a process of its own, app/demo_exchange.py; bench/order_latency.py runs
    it here, beside the terminal it measures).

    `begin()` imports it on the calling thread and then starts its own thread, so the market's
    work never stalls the UI loop.
    A start that failed is forgotten: the next `start()` tries again from the beginning.
    """

    def __init__(self, seed: int, db_path: Path):
        self.seed, self.db_path = seed, db_path
        self.exchange: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._warm: threading.Thread | None = None
        self._ready: concurrent.futures.Future = concurrent.futures.Future()

    def warm(self) -> None:
        """Generate the market's history on a thread of its own (demo_exchange.warm_market) while
        this thread imports the TR models and the server; the Market then finds it made."""
        if self._warm is None:
            from app.demo_exchange import warm_market

            self._warm = warm_market(self.seed)

    def begin(self) -> None:
        if self._ready.done() and self._ready.exception() is not None:
            self._forget_failure()
        if self._thread is not None:
            return
        try:
            parts = load_exchange()
        except RuntimeError as exc:
            self._ready.set_exception(exc)
            self._thread = threading.Thread(target=lambda: None)  # marks "tried"; nothing to run
            return
        self._thread = threading.Thread(target=self._run, args=parts, name="embedded-exchange",
                                        daemon=True)
        self._thread.start()

    def _forget_failure(self) -> None:
        """Drop a failed attempt so that a retry really starts the exchange again."""
        thread = self._thread
        if thread is not None and thread.is_alive():
            thread.join(5)
        self._thread, self._loop, self.exchange = None, None, None
        self._ready = concurrent.futures.Future()

    def _run(self, endpoints_cls: Any, start_exchange: Any) -> None:
        if self._warm is not None:
            self._warm.join()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            self.exchange = loop.run_until_complete(
                start_exchange(seed=self.seed, db_path=self.db_path, port=0, keep_damaged_db=True))
            self._ready.set_result(endpoints_cls(self.exchange.rest_url, self.exchange.ws_url, "local"))
            log.info("embedded exchange serving at %s", self.exchange.rest_url)
            loop.run_forever()
        except BaseException as exc:  # noqa: BLE001 - reported to the awaiting side
            if not self._ready.done():
                self._ready.set_exception(exc)
            else:
                log.exception("embedded exchange stopped with an error")
        finally:
            try:  # (a connection's task that aiohttp's shutdown cancelled may still be pending)
                shut_down(loop)
            except Exception:  # noqa: BLE001 - the loop is closed regardless
                log.warning("embedded exchange: its loop did not wind down cleanly", exc_info=True)

    async def start(self) -> Any:
        """The exchange's endpoints, once it serves (starting it, or starting it again after a
        failed attempt)."""
        self.warm()
        await import_models()
        self.begin()
        return await asyncio.wrap_future(self._ready)

    def take_notice(self) -> dict | None:
        """What the start did to the demo's accounts file (a damaged one kept aside ...), once."""
        broker = getattr(self.exchange, "broker", None)
        notice = getattr(broker, "db_notice", None)
        if broker is not None:
            broker.db_notice = None
        return notice

    async def reset_accounts(self) -> None:
        """Every demo account back to its starting balance (runs on the exchange's loop)."""
        await self.start()
        loop, exchange = self._loop, self.exchange
        if loop is None or exchange is None or exchange.broker is None:
            raise RuntimeError("the embedded exchange has no broker")

        async def reset() -> None:
            exchange.broker.reset_all()

        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(reset(), loop))

    async def set_fault(self, name: str, value: float) -> None:
        """A fault of the exchange (app.sim.faults.Faults), set on its loop."""
        await self.start()

        async def put() -> None:
            setattr(self.exchange.faults, name, value)

        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(put(), self._loop))

    async def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or loop.is_closed():
            return
        if self.exchange is not None:
            try:
                fut = asyncio.run_coroutine_threadsafe(self.exchange.stop(), loop)
                await asyncio.wait_for(asyncio.wrap_future(fut), 5)
            except Exception:
                log.warning("embedded exchange did not stop cleanly", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        await asyncio.to_thread(thread.join, 5)
        self.exchange = None


class DemoExchange:
    """The demo's exchange as the terminal runs it: a process of its own (app/demo_exchange.py), or,
    where this program cannot start itself as one (a packaging or platform quirk: the child ended
    before any of its code ran), a thread of this process as before. Same calls either way."""

    def __init__(self, seed: int, db_path: Path | None):
        from app.demo_exchange import ExchangeProcess

        self.process = ExchangeProcess(seed, db_path)
        self.thread: EmbeddedExchange | None = None

    def spawn(self) -> None:
        self.process.spawn()

    async def _active(self) -> Any:
        from app.demo_exchange import LaunchError

        if self.thread is None:
            try:
                await self.process.start()
                return self.process
            except LaunchError as exc:
                log.warning("%s; running the exchange in the terminal's own process instead", exc)
                self.thread = EmbeddedExchange(self.process.seed, self.process.db_path)
        return self.thread

    async def start(self) -> Any:
        return await (await self._active()).start()

    def take_notice(self) -> dict | None:
        return (self.thread or self.process).take_notice()

    async def reset_accounts(self) -> None:
        await (await self._active()).reset_accounts()

    async def set_fault(self, name: str, value: float) -> None:
        await (await self._active()).set_fault(name, value)

    async def stop(self) -> None:
        await self.process.stop()
        if self.thread is not None:
            await self.thread.stop()


async def run(args: argparse.Namespace, log_model: Any, exchange: Any) -> int:
    from PySide6.QtCore import QTimer

    from app.trading.session import Mode
    from app.ui.errors import CrashReporter
    from app.ui.paths import config_dir
    from app.ui.shell import Shell
    from app.ui.tasks import cancel_all, spawn

    loop = asyncio.get_running_loop()
    shell = Shell(config_dir(), start_exchange=exchange.start, lang=args.lang, log_model=log_model,
                  reset_demo=exchange.reset_accounts, demo_notice=exchange.take_notice)
    if args.theme:
        shell.set_theme(args.theme, remember=False)  # for this run; a toggle in the app is saved
    crash = CrashReporter(shell.window)
    crash.install(loop)
    shell.window.defer_heavy = True  # the chart is built after the first prices (realize_pending_panels)
    shell.restore_workspace(args.workspace)
    mode = Mode(args.mode or "demo")
    shell.window.set_mode(mode)
    shell.window.show()
    shown = time.time()
    log.info("window shown %.0f ms after start", (shown - START) * 1000)

    closed = asyncio.Event()
    shell.window.closing.connect(closed.set)
    # Ctrl+C, and the SIGTERM (SIGHUP) a logout, a shutdown or `kill` sends: the clean way out (the
    # workspace and settings saved, the session closed), not a death that drops layout changes
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: shell.window.close())
    keepalive = QTimer()  # lets Python see Ctrl+C while Qt waits
    keepalive.timeout.connect(lambda: None)
    keepalive.start(250)

    async def startup() -> None:
        await asyncio.sleep(0)  # let the window paint once before the exchange is imported
        await import_client()  # (while the demo's exchange, in its own process, still starts)
        if args.reset_demo and mode is Mode.DEMO:
            await exchange.reset_accounts()
            log.info("demo accounts reset to their starting balance")
        result = await shell.start(mode)
        spawn(shell.settle_after_start(3.0 if result.ok else 0.0), "heavy panels")
        ready = time.time()
        served = None
        if result.ok and (args.bench or args.screenshot):
            try:
                served = await shell.context.session.probe_quote()
            except Exception as exc:
                log.warning("quote probe failed: %s", exc)
        quotes = time.time()
        if args.bench:
            print(json.dumps({"started_at": START, "window_shown_at": shown, "logged_in_at": ready,
                              "quotes_at": quotes, "ok": bool(result.ok and served is not None),
                              "price": str(served)}), flush=True)
            shell.window.close()
        elif args.screenshot:
            await asyncio.sleep(args.settle)  # let the clock tick, quotes arrive and the layout settle
            shell.window.grab().save(str(args.screenshot))
            log.info("screenshot saved to %s", args.screenshot)
            shell.window.close()

    spawn(startup(), "startup")
    await closed.wait()
    keepalive.stop()
    await shell.shutdown()
    await cancel_all()
    await exchange.stop()
    crash.uninstall()
    return 0


# What a login needs and the window does not: the client core (pydantic and its TR models), httpx's
# transport (httpcore, anyio: imported on a client's first request), numpy and the services made
# for a session. The window is built without them; they are imported once it shows, while the
# demo's exchange starts on the other core, rather than before the window (about 0.4 s of a start)
# or during the login and the first quotes (once the exchange served, the login took 104-153 ms and
# the first quote 339-436 ms; 25-37 ms and 130-230 ms with these imported ahead).
CLIENT_MODULES = ("app.ls.facade", "httpx", "httpcore", "anyio._backends._asyncio", "app.ls.realtime",
                  "app.trading.bars", "app.trading.bar_cache", "app.trading.marketdata", "app.trading.orders",
                  "app.trading.portfolio")
# The TR models the default workspace asks for in its first 0.3 s after a login (the instrument
# masters, the watchlist's, book's and tape's snapshots and realtime feeds), in that order, and the
# rules order blocks are checked with (app.ls.models.rules, imported with the first in-block).
FIRST_MODELS = ("g3101", "rules", "GSC", "GSH", "g3190", "o3101", "o3121", "g3106", "o3105", "o3106",
                "o3125", "o3126", "g3102", "o3116", "o3136")


async def import_client() -> None:
    """Import CLIENT_MODULES and the FIRST_MODELS of app.ls.models, one at a time, letting the
    window take its events between them."""
    import importlib

    for name in (*CLIENT_MODULES, *(f"app.ls.models.{model}" for model in FIRST_MODELS)):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the login imports it again and reports what fails
            log.warning("module %s could not be imported ahead of the login", name, exc_info=True)
        await asyncio.sleep(0)


def skip_httpx_cli() -> None:
    """httpx's package import also imports its command-line client (click, rich, pygments: ~130 ms
    of a start) whenever those happen to be installed, as the development tools install them. The
    terminal never uses that client; a None entry in sys.modules makes its import fail, and httpx
    then defines a stub `httpx.main` instead (its documented fallback when the CLI extras are
    missing). Only the app does this, not the client core a script may import."""
    if "httpx" not in sys.modules:
        sys.modules.setdefault("httpx._main", None)  # type: ignore[assignment]


def serial_fills() -> None:
    """Qt's raster engine hands every fill of 96 lines or more (Fusion's gradient scroll bars and
    panes) to a thread pool and waits for it; on two cores the hand-off cost more than the fill,
    and the repaint of the working orders after a new order ~20 % longer (bench/order_latency.py:
    key to accepted p50 -6 ms). QT_NO_GUI_THREADPOOL (Qt 6.11+) keeps the fills on the painting
    thread; it is read at the first fill, so this runs before the QApplication."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    skip_httpx_cli()
    if args.serve_exchange:  # the demo's exchange, a child of the terminal (app/demo_exchange.py)
        from app.demo_exchange import serve

        return serve(args.seed, args.db, args.port)
    serial_fills()
    runner = run
    if args.self_test:  # app/selftest.py: offscreen, throwaway folders, its own run()
        from app.selftest import prepare

        runner = prepare(args)
    from app.ui.paths import data_dir

    # The demo's exchange starts in a process of its own before Qt is imported: its second of
    # start runs on the other core while the window is built (see app/demo_exchange.py).
    exchange = DemoExchange(args.seed, data_dir() / "demo-exchange.sqlite")
    if args.self_test or (args.mode or "demo") == "demo":
        exchange.spawn()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    import qasync

    from app.trading.logfile import setup_logging
    from app.ui.i18n import app_icon
    from app.ui.log_model import LogBridge, LogModel, QtLogHandler
    from app.ui.paths import log_dir

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("lsterm")
    app.setApplicationDisplayName("lsterm")
    app.setDesktopFileName("lsterm")
    app.setQuitOnLastWindowClosed(False)  # run() ends the loop itself, after a clean shutdown
    app.setWindowIcon(app_icon())
    from app.ui.gc_guard import MainThreadCollector

    collector = MainThreadCollector(parent=app, freeze=True)  # noqa: F841 - lives as long as the app
    log_model = LogModel(parent=app)
    bridge = LogBridge(app)
    bridge.record.connect(log_model.add)
    level = logging.DEBUG if args.debug else logging.INFO
    path = setup_logging(log_dir(), level, [QtLogHandler(bridge, level)])
    log.info("lsterm starting (log file %s)", path)
    try:
        return asyncio.run(runner(args, log_model, exchange), loop_factory=qasync.QEventLoop)
    finally:
        logging.shutdown()


if __name__ == "__main__":
    sys.exit(main())
