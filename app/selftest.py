"""`lsterm --self-test`: prove an install works, from source or frozen.

Demo mode on an offscreen screen, in throwaway config/data/cache/log folders (the user's own
files are never touched): open the default workspace, wait for live quotes in the watchlist,
place an order from the ticket with real key events and cancel it from the orders panel, open a
chart with history, save a workspace and open it again. One line names every step (ok, FAILED
with the reason, or missing when its panel kind is not in this build); exit 0 only if all worked.

`LSTERM_SELFTEST_FAULT` breaks one thing on purpose, for the tests of this module:
``reject-orders`` (the embedded exchange rejects every order), ``no-chart`` (the chart panel
kind is left out of the build).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("lsterm.selftest")
STEPS = ("start", "workspace", "quotes", "order", "cancel", "chart", "save-reload")
FAULTS = ("reject-orders", "no-chart")
PAGES_BELOW = 30  # PgDown presses under the bid for the test order
REJECT_WINDOW_S = 1.5  # how long an accepted order is watched for the exchange's reject
STEP_TIMEOUT_S = 45.0  # per step: generous for a loaded CI runner; a working step takes a second or two
SCREEN = {"synchronousWindowSystemEvents": False, "windowFrameMargins": True,
          "screens": [{"name": "selftest", "x": 0, "y": 0, "width": 1600, "height": 1000,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


class StepFailed(Exception):
    """A step did not work; the message says what was seen."""


class Missing(Exception):
    """The panel a step needs is not in this build."""


def prepare(args: Any) -> Callable[..., Awaitable[int]]:
    """Before Qt starts: demo mode, an offscreen 1600x1000 screen and throwaway folders (removed
    at exit). Returns the coroutine function that runs the test in place of the normal run."""
    fault = os.environ.get("LSTERM_SELFTEST_FAULT", "")
    if fault and fault not in FAULTS:
        raise SystemExit(f"lsterm self-test: unknown LSTERM_SELFTEST_FAULT {fault!r} (known: {', '.join(FAULTS)})")
    if args.mode not in (None, "demo"):
        raise SystemExit("lsterm self-test: runs in demo mode only (leave out --mode or use --mode demo)")
    args.mode = "demo"
    _console()
    import faulthandler

    if sys.stderr is not None:  # a crash says where (a windowed build may have no stderr)
        faulthandler.enable()
    root = Path(tempfile.mkdtemp(prefix="lsterm-selftest-"))
    import atexit

    atexit.register(shutil.rmtree, root, True)
    for env, sub in (("LSTERM_CONFIG_DIR", "config"), ("LSTERM_DATA_DIR", "data"),
                     ("LSTERM_CACHE_DIR", "cache"), ("LSTERM_LOG_DIR", "log")):
        os.environ[env] = str(root / sub)
    screen = root / "screen.json"
    screen.write_text(json.dumps(SCREEN), "utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    return run


def _console() -> None:
    """A windowed Windows build has no stdout unless it is piped: print to the console that
    started it."""
    if sys.stdout is not None or sys.platform != "win32":
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        sys.stdout = open("CONOUT$", "w", encoding="utf-8")  # noqa: SIM115 - for the life of the process


class Report:
    def __init__(self) -> None:
        self.results: dict[str, str] = {}
        self.times: dict[str, float] = {}
        self.took: dict[str, float] = {}
        self.errors: list[str] = []  # exceptions no task handled

    def ok(self) -> bool:
        return not self.errors and all(self.results.get(s) == "ok" for s in STEPS)

    def line(self) -> str:
        parts = [f"{s} {self.results.get(s, 'FAILED (not reached)')}"
                 + (f" {self.took[s]:.1f}s" if s in self.took else "") for s in STEPS]
        if self.errors:
            parts.append(f"uncaught errors FAILED ({len(self.errors)}: {self.errors[0][:160]})")
        return f"lsterm self-test: {'PASSED' if self.ok() else 'FAILED'} — " + " · ".join(parts)

    async def step(self, name: str, coro: Awaitable[Any]) -> bool:
        t0 = time.time()
        try:
            await asyncio.wait_for(coro, STEP_TIMEOUT_S)
        except Missing as exc:
            self.results[name] = f"missing ({exc})"
        except StepFailed as exc:
            self.results[name] = f"FAILED ({exc})"
        except TimeoutError:
            self.results[name] = f"FAILED (no result in {STEP_TIMEOUT_S:.0f} s)"
        except Exception as exc:  # noqa: BLE001 - a bug is a failed step, with its text
            log.exception("self-test step %s", name)
            self.results[name] = f"FAILED ({type(exc).__name__}: {exc})"
        else:
            self.results[name] = "ok"
        self.times[name] = time.time()
        self.took[name] = self.times[name] - t0
        log.info("self-test step %s: %s (%.2f s)", name, self.results[name], self.times[name] - t0)
        return self.results[name] == "ok"


async def until(predicate: Callable[[], Any], what: str | Callable[[], str],
                timeout: float = STEP_TIMEOUT_S - 5) -> Any:
    """Wait on the loop (no nested Qt loop) until `predicate()` is truthy; StepFailed saying
    `what` (text, or a function giving it at the time) was not seen otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise StepFailed(f"{what() if callable(what) else what} not seen in {timeout:.0f} s")
        await asyncio.sleep(0.02)


def panel(shell: Any, kind: str) -> Any:
    from app.ui.panels import registry

    if registry.get(kind) is None:
        raise Missing(f"no {kind} panel")
    found = shell.window.panels(kind)
    if not found:
        raise StepFailed(f"the workspace has no {kind} panel")
    return found[0]


class SelfTest:
    def __init__(self, shell: Any, exchange: Any, report: Report):
        self.shell, self.exchange, self.report = shell, exchange, report
        self.placed: Any = None

    @property
    def context(self) -> Any:
        return self.shell.context

    async def start(self) -> None:
        from app.trading.session import Mode
        from app.ui.tasks import spawn

        result = await self.shell.start(Mode.DEMO)
        spawn(self.shell.realize_pending_panels(3.0 if result.ok else 0.0), "heavy panels")
        if not result.ok:
            raise StepFailed(f"demo login: {result.message}")
        if os.environ.get("LSTERM_SELFTEST_FAULT") == "reject-orders":
            await self.exchange.set_fault("reject_rate", 1.0)

    async def workspace(self) -> None:
        from app.ui import default_layout

        want = {p["id"]: p["kind"] for p in default_layout.default_panels(self.context.lang)}
        have = {iid: d.panel.kind for iid, d in self.shell.window.docks.items()}
        if have != want:
            raise StepFailed(f"default workspace has {sorted(have)}, expected {sorted(want)}")
        if not self.shell.window.isVisible():
            raise StepFailed("window not shown")

    async def quotes(self) -> None:
        from app.ui.watchlist_columns import COLUMNS

        model = panel(self.shell, "watchlist").model
        col = next(i for i, c in enumerate(COLUMNS) if c.id == "last")

        def shown() -> dict[str, str]:
            return {model.symbol_at(r): model.data(model.index(r, col)) for r in range(model.rowCount())}

        first = await until(lambda: (s := shown()) and sum(bool(v) for v in s.values()) >= min(5, len(s)) and s,
                            "last prices in the watchlist")
        self.report.times["quotes_shown"] = time.time()
        # live, not only the snapshot: a shown price moves
        await until(lambda: any(v and first.get(k) and v != first[k] for k, v in shown().items()),
                    "a live price change in the watchlist")

    async def order(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from app.trading.order_state import ACCEPTED, DONE_STATES, REJECTED

        ticket = panel(self.shell, "ticket")
        await until(lambda: self.context.orders is not None, "the order manager")
        await until(lambda: ticket.inst is not None, f"the ticket's instrument ({ticket.symbol})")
        await until(lambda: ticket.bid_label.text(), "a bid in the ticket")
        # a last price too: without one the fat-finger check asks before sending (rightly)
        market = self.context.market
        await until(lambda: market is not None and (q := market.quote(ticket.symbol)) is not None and q.last,
                    f"a last price for {ticket.symbol}")
        window = self.shell.window
        window.activateWindow()
        await until(lambda: window.isActiveWindow(), "the window active")
        QTest.keyClick(window, Qt.Key.Key_F4)  # focus the ticket from anywhere
        await until(lambda: ticket.qty_edit.hasFocus(), "F4 focusing the ticket's quantity")
        QTest.keyClicks(ticket.qty_edit, "1")
        QTest.keyClick(ticket.qty_edit, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # price to bid
        bid = ticket.price_edit.text()
        if not bid:
            raise StepFailed("Alt+B put no price in the ticket")
        for _ in range(PAGES_BELOW):  # ten ticks a key: about 1 % below, so it rests until cancelled
            QTest.keyClick(ticket.qty_edit, Qt.Key.Key_PageDown)
        if ticket.price_edit.text() == bid:
            raise StepFailed("PgDown did not move the ticket's price")
        QTest.keyClick(ticket.qty_edit, Qt.Key.Key_Return)
        order = await until(lambda: ticket.last_order if ticket.last_order is not None
                            and (ticket.last_order.state == ACCEPTED or ticket.last_order.state in DONE_STATES)
                            else None, lambda: f"the order accepted (ticket says: {ticket.message.text()!r}"
                            + "".join(f"; a dialog asks: {b.text()!r}" for b in open_questions()) + ")")
        if order.state == ACCEPTED:  # an exchange reject may still follow the broker's number
            deadline = time.monotonic() + REJECT_WINDOW_S
            while order.state == ACCEPTED and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
        if order.state == REJECTED:
            raise StepFailed(f"order rejected: {order.reason or ticket.message.text()}")
        if order.state != ACCEPTED:
            raise StepFailed(f"order {order.state}")
        self.placed = order

    async def cancel(self) -> None:
        from PySide6.QtCore import QItemSelectionModel, Qt
        from PySide6.QtTest import QTest

        from app.trading.order_state import CANCELLED, DONE_STATES

        orders = panel(self.shell, "orders")
        if self.placed is None:
            raise StepFailed("no order to cancel")
        order = self.placed
        dock = orders.parentWidget()
        if dock is not None:
            dock.raise_()  # in front of its tab group, as a trader would bring it
        orders.tabs.setCurrentIndex(0)
        view = orders.views[0]
        model = orders.working_model
        await until(lambda: any(o.id == order.id for o in model.items), "the order in the orders panel")
        src = next(i for i, o in enumerate(model.items) if o.id == order.id)
        proxy = view.model()
        index = proxy.mapFromSource(model.index(src, 0))
        view.setFocus(Qt.FocusReason.MouseFocusReason)  # a click on the row: focus and selection
        view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                     | QItemSelectionModel.SelectionFlag.Rows)
        view.setCurrentIndex(index)
        QTest.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: order.state in DONE_STATES, lambda: f"the order cancelled (state {order.state})")
        if order.state != CANCELLED:
            raise StepFailed(f"the order was {order.state}, not cancelled ({order.reason})")

    async def chart(self) -> None:
        from app.ui.panels import registry

        if registry.get("chart") is None:
            raise Missing("no chart panel")
        from app.ui.panels.pending import PendingPanel

        await until(lambda: not any(isinstance(p, PendingPanel) for p in self.shell.window.panels()),
                    "the workspace's chart built after the first prices")
        dock = self.shell.window.open_panel("chart", symbol="MSFT")
        if dock is None:
            raise StepFailed("the chart panel did not open")
        chart = dock.panel
        feed = await until(lambda: chart.feed if chart.feed is not None and not chart.feed.loading else None,
                           "chart history loaded")
        if feed.state != "ready" or len(chart.series) < 20:
            raise StepFailed(f"chart history {feed.state} with {len(chart.series)} bars ({feed.message})")
        image = chart.view.grab().toImage()
        if image.isNull() or image.width() < 50:
            raise StepFailed("the chart did not draw")

    async def save_reload(self) -> None:
        from app.ui.workspace import DEFAULT_NAME

        ws = self.shell.workspaces
        before = sorted((p["id"], p["kind"], p["symbol"]) for p in self.shell.window.capture()["panels"])
        path = ws.save("Self-test")
        if not path.is_file() or Path(os.environ["LSTERM_CONFIG_DIR"]) not in path.parents:
            raise StepFailed(f"workspace not saved in the test's config dir ({path})")
        ws.open(DEFAULT_NAME)
        if ws.current != DEFAULT_NAME:
            raise StepFailed("could not switch to the default workspace")
        if not ws.open("Self-test"):
            raise StepFailed("the saved workspace did not open")
        after = sorted((p["id"], p["kind"], p["symbol"]) for p in self.shell.window.capture()["panels"])
        if after != before:
            raise StepFailed(f"reloaded panels differ: {sorted(set(before) ^ set(after))}")


def quiet_offscreen_warnings() -> None:
    """The offscreen platform warns on every floating dock it cannot size; anything else Qt says
    goes to the log."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")

    def handler(kind: QtMsgType, _ctx: Any, message: str) -> None:
        if "This plugin does not support" in message:
            return
        qt_log.log(logging.WARNING if kind != QtMsgType.QtDebugMsg else logging.DEBUG, "%s", message)

    qInstallMessageHandler(handler)


async def run(args: Any, log_model: Any, exchange: Any) -> int:
    """The self-test in place of app.main.run: same shell, exchange and shutdown."""
    from app.main import START
    from app.trading.session import Mode
    from app.ui.paths import config_dir
    from app.ui.shell import Shell
    from app.ui.tasks import cancel_all

    report = Report()
    loop = asyncio.get_running_loop()

    def on_error(_loop: Any, ctx: dict[str, Any]) -> None:
        exc = ctx.get("exception")
        report.errors.append(f"{type(exc).__name__}: {exc}" if exc else str(ctx.get("message")))
        log.error("uncaught: %s", report.errors[-1], exc_info=exc)

    loop.set_exception_handler(on_error)
    quiet_offscreen_warnings()
    if os.environ.get("LSTERM_SELFTEST_FAULT") == "no-chart":
        from app.ui.panels import registry

        registry.load_builtin()
        registry.unregister("chart")
    shell = Shell(config_dir(), start_exchange=exchange.start, lang=args.lang or "en", log_model=log_model)
    shell.window.defer_heavy = True  # as a normal start: the chart is built after the first prices
    shell.restore_workspace()
    shell.window.set_mode(Mode.DEMO)
    shell.window.show()
    shown = time.time()
    test = SelfTest(shell, exchange, report)
    try:
        for name, fn in zip(STEPS, (test.start, test.workspace, test.quotes, test.order, test.cancel,
                                    test.chart, test.save_reload)):
            if not await report.step(name, fn()) and name == "start":
                break  # nothing else can work without a session
    finally:
        await shell.shutdown()
        await cancel_all()
        await exchange.stop()
    if hasattr(sys.stdout, "reconfigure"):  # a cp1252 console must not turn a Korean reason into a crash
        sys.stdout.reconfigure(errors="replace")
    print(report.line(), flush=True)
    if args.bench:
        print(json.dumps({"started_at": START, "window_shown_at": shown,
                          "quotes_at": report.times.get("quotes_shown"),
                          "live_at": report.times.get("quotes"), "ok": report.ok(),
                          "steps": report.results}), flush=True)
    return 0 if report.ok() else 1


if __name__ == "__main__":  # pragma: no cover - `python -m app.selftest` is `lsterm --self-test`
    from app.main import main

    sys.exit(main(["--self-test", *sys.argv[1:]]))


def open_questions() -> list[Any]:
    """Order confirmations left open (nobody answers them in a self-test)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "OrderConfirm" and w.isVisible()]
