"""Start lsterm: Qt on a qasync loop, the embedded exchange in demo mode, the shell, clean shutdown.

This is the only module that wires the layers together (it alone may import app.sim).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
import time
from pathlib import Path
from typing import Any

START = time.time()
log = logging.getLogger("lsterm")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lsterm", description="Trading terminal for the LS Securities OpenAPI")
    p.add_argument("--mode", choices=("demo", "paper", "live"), default=None,
                   help="trading mode (default: demo, or the last mode used)")
    p.add_argument("--workspace", help="open this saved workspace")
    p.add_argument("--theme", choices=("dark", "light"), help="colour theme for this run")
    p.add_argument("--lang", choices=("ko", "en"), help="interface language for this run")
    p.add_argument("--screenshot", type=Path, metavar="PATH",
                   help="save a picture of the window once it has settled, then exit")
    p.add_argument("--bench", action="store_true",
                   help="print startup timings as JSON once quotes are served, then exit")
    p.add_argument("--seed", type=int, default=7, help="price seed of the embedded exchange")
    p.add_argument("--debug", action="store_true", help="log at DEBUG level")
    return p.parse_args(argv)


class EmbeddedExchange:
    """The demo exchange on free loopback ports, started on first use."""

    def __init__(self, seed: int, db_path: Path):
        self.seed, self.db_path = seed, db_path
        self.exchange: Any = None

    async def start(self) -> Any:
        try:
            from app.sim.exchange import start_exchange
        except ImportError as exc:
            raise RuntimeError("the embedded exchange (app.sim.exchange) is not available "
                               f"in this build: {exc}") from exc
        from app.ls.config import Endpoints

        self.exchange = await start_exchange(seed=self.seed, db_path=self.db_path, port=0)
        log.info("embedded exchange serving at %s", self.exchange.rest_url)
        return Endpoints(self.exchange.rest_url, self.exchange.ws_url, "local")

    async def stop(self) -> None:
        if self.exchange is not None:
            exchange, self.exchange = self.exchange, None
            try:
                await asyncio.wait_for(exchange.stop(), 5)
            except Exception:
                log.warning("embedded exchange did not stop cleanly", exc_info=True)


async def run(args: argparse.Namespace, log_model: Any) -> int:
    from PySide6.QtCore import QTimer

    from app.trading.session import Mode
    from app.ui.errors import CrashReporter
    from app.ui.paths import config_dir, data_dir
    from app.ui.shell import Shell
    from app.ui.tasks import cancel_all, spawn

    loop = asyncio.get_running_loop()
    exchange = EmbeddedExchange(args.seed, data_dir() / "demo-exchange.sqlite")
    shell = Shell(config_dir(), start_exchange=exchange.start, lang=args.lang, log_model=log_model)
    if args.theme:
        shell.set_theme(args.theme)
    crash = CrashReporter(shell.window)
    crash.install(loop)
    shell.restore_workspace(args.workspace)
    mode = Mode(args.mode or "demo")
    shell.window.set_mode(mode)
    shell.window.show()
    shown = time.time()
    log.info("window shown %.0f ms after start", (shown - START) * 1000)

    closed = asyncio.Event()
    shell.window.closing.connect(closed.set)
    signal.signal(signal.SIGINT, lambda *_: shell.window.close())
    keepalive = QTimer()  # lets Python see Ctrl+C while Qt waits
    keepalive.timeout.connect(lambda: None)
    keepalive.start(250)

    async def startup() -> None:
        result = await shell.start(mode)
        ready = time.time()
        served = None
        if result.ok and (args.bench or args.screenshot):
            try:
                served = await shell.context.session.probe_quote()
            except Exception as exc:
                log.warning("quote probe failed: %s", exc)
        quotes = time.time()
        if args.bench:
            print(json.dumps({"window_shown": shown - START, "logged_in": ready - START,
                              "quotes": quotes - START, "ok": bool(result.ok and served is not None),
                              "price": str(served)}), flush=True)
            shell.window.close()
        elif args.screenshot:
            await asyncio.sleep(1.2)  # let the clock tick and the layout settle
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


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
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
    log_model = LogModel(parent=app)
    bridge = LogBridge(app)
    bridge.record.connect(log_model.add)
    level = logging.DEBUG if args.debug else logging.INFO
    path = setup_logging(log_dir(), level, [QtLogHandler(bridge, level)])
    log.info("lsterm starting (log file %s)", path)
    try:
        return asyncio.run(run(args, log_model), loop_factory=qasync.QEventLoop)
    finally:
        logging.shutdown()


if __name__ == "__main__":
    sys.exit(main())
