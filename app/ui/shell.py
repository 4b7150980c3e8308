"""The terminal shell: window, workspaces, settings, theme, language, dialogs and the trading session.

`Shell` owns the lifecycle: `await start(mode)` logs in (starting the embedded exchange through an
injected callable in demo mode, so app.ui never imports app.sim), `switch_mode()` swaps sessions,
and `await shutdown()` saves the workspace and settings and closes the session.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QApplication, QMenu

from app.trading.session import Keys, LoginResult, Mode, TradingSession, endpoints_for
from app.ui import commands, demo_accounts, dialogs, gc_guard, i18n, later, theme
from app.ui.context import AppContext
from app.ui.mainwindow import MainWindow
from app.ui.settings import AppSettings
from app.ui.tasks import spawn
from app.ui.workspace import WorkspaceStore
from app.ui.workspace_ops import WorkspaceController

log = logging.getLogger(__name__)
StartExchange = Callable[[], Awaitable[Any]]  # -> Endpoints of the embedded exchange
ResetDemo = Callable[[], Awaitable[None]]  # every demo account back to its starting balance
DemoNotice = Callable[[], "dict | None"]  # what the exchange's start did to its accounts file, once



def app_version() -> str:
    """The installed package's version, else the one in pyproject.toml beside the sources."""
    from importlib import metadata

    try:
        return metadata.version("lsterm")
    except metadata.PackageNotFoundError:
        pass
    import tomllib

    try:
        with open(Path(__file__).resolve().parents[2] / "pyproject.toml", "rb") as f:
            return str(tomllib.load(f)["project"]["version"])
    except (OSError, KeyError, ValueError):
        return "?"


class Shell(QObject):
    session_ready = Signal(object)  # LoginResult of each login attempt

    def __init__(self, config_dir: Path, start_exchange: StartExchange | None = None,
                 client_factory: Any = None, symbols: Any = None, lang: str | None = None,
                 log_model: Any = None, reset_demo: ResetDemo | None = None,
                 demo_notice: DemoNotice | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.app = QApplication.instance()
        self.config_dir = Path(config_dir)
        self.settings_path = self.config_dir / "settings.json"
        self.settings = AppSettings.load(self.settings_path)
        self.lang = lang or i18n.resolve(self.settings.language)
        i18n.install(self.app, self.lang)
        self.context = AppContext(self.lang, symbols, log_model)
        self.context.prefs = self.settings
        self.context.actions.load_overrides(self.settings.keymap)
        self.theme = theme.apply_theme(self.app, self.settings.theme)
        self.start_exchange = start_exchange
        self.reset_demo = reset_demo
        self.demo_notice = demo_notice
        self.client_factory = client_factory
        self.exchange_endpoints: Any = None
        self.window = MainWindow(self.context)
        self.window.setWindowIcon(i18n.app_icon())
        self.store = WorkspaceStore(self.config_dir / "workspaces")
        self.workspaces = WorkspaceController(self.window, self.store, self)
        self.workspaces.problem.connect(self._tell_problem)
        # the workspace open is written when it changes, not only on quit: after a crash or a kill
        # the terminal opened the one open before the last switch (QA)
        self.workspaces.current_changed.connect(self._workspace_changed)
        self.panels_menu: QMenu | None = None
        self.new_panel_menu: QMenu | None = None
        self.palette: Any = None
        self.hotkeys: Any = None
        self.login_dialog: Any = None
        self.demo_failed_box: Any = None
        from app.ui.watchlist_alerts import install_alerts

        install_alerts(self.context, self.window)  # alerts fire whether or not a panel shows them
        commands.register_all(self)
        commands.build_menus(self)
        self.workspaces.done.connect(lambda text: self.window.status.show_info(text))
        # Settings are written when they change, not only on quit (a crash would lose them).
        self.context.actions.changed.connect(self._keys_changed)
        self.window.docks_changed.connect(lambda: commands.refresh_panel_menus(self))
        self._closing = False

    # ---- startup ---------------------------------------------------------------------------
    def restore_workspace(self, name: str | None = None) -> None:
        self.workspaces.open(name or self.settings.workspace or "Default")
        if self.store.problem:  # the workspace folder was a file: kept aside, say so once
            problem, self.store.problem = self.store.problem, None
            self._tell_problem(problem)
        if self.settings.problem:  # a damaged settings file was kept aside: say so, once
            problem, self.settings.problem = str(self.settings.problem), None  # in the language now set
            self.window.status.show_error(problem, 15000)
            dialogs.inform(self.window, QCoreApplication.translate("Shell", "Settings problem"), problem,
                           warning=True)

    async def realize_pending_panels(self, wait_s: float = 3.0) -> None:
        """Build the heavy panels the workspace opened as stand-ins (the chart) once every watched
        symbol has a price that has had a frame to show, or after `wait_s` at the latest: a start
        shows prices first, and the chart's half second of imports and drawing comes after them
        (built at the first price, it held the other snapshots back by that half second)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_s
        while loop.time() < deadline:
            hub = self.context.market
            if hub is not None and hub.quotes and all(
                    (q := hub.quote(s)) is not None and q.last is not None for s in list(hub.quotes)):
                await asyncio.sleep(0.05)  # a frame or two for the panels to paint them
                break
            await asyncio.sleep(0.02)
        else:
            hub = self.context.market
            waiting = [s for s in list(hub.quotes) if (q := hub.quote(s)) is None or q.last is None] if hub else []
            log.info("building the chart without prices for %s after %.1f s", ", ".join(waiting[:8]) or "-", wait_s)
        if not self._closing:
            self.window.realize_pending()

    async def settle_after_start(self, wait_s: float = 3.0) -> None:
        """After the first prices: build the heavy panels, then let the collector leave what the
        start made out of its walks (app/ui/gc_guard.py)."""
        await self.realize_pending_panels(wait_s)
        await asyncio.sleep(1.0)  # the chart's first history and drawing
        if not self._closing and gc_guard.refreeze():
            self.workspaces.current_changed.connect(self._refreeze_soon)
            self.session_ready.connect(self._refreeze_soon)

    def _refreeze_soon(self, *_args: object) -> None:
        """After a workspace or session switch: what the old one held is let go once Qt has
        deleted its widgets (deleteLater), then collected in one go."""
        if getattr(self, "_refreeze_timer", None) is None:
            self._refreeze_timer = later.Timer(self, gc_guard.refreeze)
        self._refreeze_timer.restart(2000)  # after the last switch

    async def start(self, mode: Mode, stock: Keys | None = None,
                    futures: Keys | None = None) -> LoginResult:
        """Log in to `mode`; in paper/live without keys, open the login dialog instead."""
        self.window.set_mode(mode)
        if mode.needs_keys and not ((stock and stock.complete) or (futures and futures.complete)):
            from app.ui.login import find_saved_keys

            stock, futures = find_saved_keys(mode)
            if not ((stock and stock.complete) or (futures and futures.complete)):
                self.open_login(mode)
                return LoginResult(False, QCoreApplication.translate("Shell", "Keys are needed for this mode."))
        result = await self.switch_mode(mode, stock, futures)
        if not result.ok and mode is Mode.DEMO:
            self._tell_demo_failed(result.message)
        return result

    def _tell_demo_failed(self, reason: str) -> None:
        """Demo mode did not start: say so, with a Retry that starts the exchange again."""
        text = QCoreApplication.translate("Shell", "Demo mode could not start: {0}").format(reason)
        self.window.status.show_error(text)
        if self.demo_failed_box is not None:
            self.demo_failed_box.close()  # one question at a time: the newest reason
        box = dialogs.retry(self.window, QCoreApplication.translate("Shell", "Demo mode"), text,
                            lambda: spawn(self.start(Mode.DEMO), "demo start (retry)"))
        box.finished.connect(lambda *_: setattr(self, "demo_failed_box", None))
        self.demo_failed_box = box

    async def switch_mode(self, mode: Mode, stock: Keys | None = None,
                          futures: Keys | None = None) -> LoginResult:
        """Log in to `mode` with a new session; the old one is closed only after success."""
        try:
            if mode is Mode.DEMO:
                if self.exchange_endpoints is None:
                    if self.start_exchange is None:
                        raise RuntimeError(QCoreApplication.translate("Shell", "The embedded exchange is not available in this build."))
                    self.exchange_endpoints = await self.start_exchange()
                    self._tell_demo_accounts(self.demo_notice() if self.demo_notice else None)
                endpoints = self.exchange_endpoints
            else:
                endpoints = endpoints_for(mode)
        except Exception as exc:
            log.error("could not prepare %s mode: %s", mode.value, exc)
            # (a refusal with a notice, the demo's accounts in use by another lsterm: in words)
            result = LoginResult(False, demo_accounts.describe(getattr(exc, "notice", None)) or str(exc))
            self.session_ready.emit(result)
            return result
        session = TradingSession(mode, endpoints, self.client_factory)
        old = self.context.session
        if old is None:
            self.context.set_session(session)  # show its progress right away
        try:
            result = await session.login(stock, futures)
        except asyncio.CancelledError:  # the user cancelled the login: nothing switches
            await session.shutdown()
            raise
        if not result.ok:
            if old is not None:
                await session.shutdown()
            self.session_ready.emit(result)
            return result
        # Another login may have finished meanwhile: close whichever session is current now.
        old = self.context.session
        self.context.set_session(session)
        self.window.set_mode(mode)
        self.settings.last_mode = mode.value
        if old is not None and old is not session:
            await old.shutdown()
        spawn(session.connect_realtime(), "realtime connect")
        spawn(self._load_instruments(session), "instrument master")
        self.session_ready.emit(result)
        return result

    async def _load_instruments(self, session: TradingSession) -> None:
        """The instrument master and the market-data hub of a new session (master from today's cache)."""
        from app.trading.instruments import InstrumentMaster, cache_file
        from app.trading.marketdata import MarketDataHub
        from app.ui.paths import cache_dir

        if not hasattr(session.client, "overseas_stock"):
            return  # a client without the TR API (tests' fakes)
        master = InstrumentMaster()
        hub = MarketDataHub(session.client, master)
        old_bars, self.context.bars = self.context.bars, _bar_service(session, master, hub)
        if old_bars is not None:
            old_bars.close()
        old = self.context.set_market(hub, master)
        if old is not None:
            await old.close()
        try:
            # the embedded exchange serves on a new port each start: one demo cache, not one per port
            server = "demo" if session.mode is Mode.DEMO else session.endpoints.rest
            await master.load(session.client, cache=cache_file(cache_dir(), server))
        except Exception as exc:  # search keeps its built-in list; say why
            log.warning("instrument master not loaded: %s", exc)
            return
        if self.context.session is session:
            self.context.symbols = master
            from app.ui.order_actions import start_orders

            await start_orders(self.context, session, master, hub)
            from app.ui.portfolio_wiring import start_portfolio

            await start_portfolio(self.context, session, master, hub)

    # ---- dialogs and commands --------------------------------------------------------------
    def open_palette(self) -> None:
        from app.ui.palette import CommandPalette

        if self.palette is None:
            self.palette = CommandPalette(self.context, self.window, self.workspaces)
            self.palette.workspace_chosen.connect(self.workspaces._switch)
        self.palette.popup()

    def open_hotkeys(self) -> None:
        from app.ui.hotkeys import HotkeyDialog

        if self.hotkeys is None:
            self.hotkeys = HotkeyDialog(self.context.actions, self.window)
        self.hotkeys.show()
        self.hotkeys.raise_()

    def open_login(self, mode: Mode | None = None) -> None:
        from app.ui.login import LoginDialog

        if self.login_dialog is None:
            self.login_dialog = LoginDialog(self, self.window)
        self.login_dialog.prepare(mode or (self.context.session.mode if self.context.session
                                           else Mode.DEMO))
        self.login_dialog.open()

    def show_about(self) -> None:
        dialogs.inform(self.window, QCoreApplication.translate("Shell", "About lsterm"),
                       QCoreApplication.translate("Shell", "lsterm {0}").format(app_version()) + "\n\n"
                       + QCoreApplication.translate("Shell", "lsterm — a trading terminal for the LS Securities OpenAPI.\n"
                          "Overseas stocks, futures and options; demo mode runs an embedded exchange."))

    def toggle_theme(self) -> None:
        self.set_theme("light" if self.theme.name == "dark" else "dark")

    def set_theme(self, name: str, remember: bool = True) -> None:
        """Apply a theme; `remember=False` is for this run only (--theme)."""
        self.theme = theme.apply_theme(self.app, name)
        if remember:
            self.settings.theme = self.theme.name
            self.save_settings()
        self.window.status.refresh_colors()
        self.context.settings_changed.emit()  # panels recolour up/down and stale values
        if self.context.state is not None:
            self.context.state_changed.emit(self.context.state)
        log.info("theme: %s", self.theme.name)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.settings.language = lang
        i18n.install(self.app, lang)
        self.context.set_language(lang)
        commands.build_menus(self)
        if self.hotkeys is not None:
            self.hotkeys.retranslate()
        self.save_settings()

    def ask_reset_demo(self) -> None:
        """Reset the demo account after the user confirms (demo mode only)."""
        from app.trading.session import Mode

        session = self.context.session
        if self.reset_demo is None or session is None or session.mode is not Mode.DEMO:
            dialogs.inform(self.window, QCoreApplication.translate("Shell", "Reset demo account"),
                           QCoreApplication.translate(
                               "Shell", "Only the demo account of the embedded exchange can be reset."))
            return
        dialogs.confirm(self.window, QCoreApplication.translate("Shell", "Reset demo account"),
                        QCoreApplication.translate(
                            "Shell", "Cancel every working order and put cash and positions back to the "
                                     "starting balance?"),
                        lambda: spawn(self._reset_demo(), "reset demo account"))

    async def _reset_demo(self) -> None:
        """Working orders are cancelled through the order manager first (the exchange's reset drops
        them without a word, and they would stay 'Accepted' here); once the exchange has reset,
        positions and balances are read again (it pushes nothing: the positions and balances
        panels and the chart's average price line kept the old account until a restart)."""
        assert self.reset_demo is not None
        orders, portfolio = self.context.orders, self.context.portfolio
        if orders is not None and orders.working():
            try:
                await orders.cancel_all()
            except Exception as exc:  # the reset below drops them at the exchange anyway
                log.warning("cancelling the working orders before the reset failed: %s", exc)
        await self.reset_demo()
        log.info("demo account reset to its starting balance")
        if portfolio is not None and self.context.portfolio is portfolio:
            await portfolio.refresh()
        if orders is not None and self.context.orders is orders:
            orders.schedule_reconcile()
        self.window.status.show_info(
            QCoreApplication.translate("Shell", "Demo account reset to its starting balance."), 10000)

    def _tell_demo_accounts(self, notice: dict | None) -> None:
        """The demo's accounts file was damaged and kept aside (or the demo runs on accounts in
        memory): said once, as a damaged settings file is."""
        text = demo_accounts.describe(notice)
        if text:
            self.window.status.show_error(text, 15000)
            dialogs.inform(self.window, demo_accounts.title(), text, warning=True)

    def _tell_problem(self, message: str) -> None:
        self.window.status.show_error(message, 15000)
        dialogs.inform(self.window, QCoreApplication.translate("Shell", "Workspace problem"), message, warning=True)

    # ---- shutdown --------------------------------------------------------------------------
    def save_state(self) -> None:
        try:
            self.workspaces.save()
        except OSError:
            log.exception("could not save the workspace")
        self.save_settings()

    def save_settings(self) -> None:
        self.settings.workspace = self.workspaces.current
        self.settings.keymap = self.context.actions.overrides()
        try:
            self.settings.save(self.settings_path)
        except OSError:
            log.exception("could not save settings")

    def _workspace_changed(self, name: str) -> None:
        if name != self.settings.workspace:
            self.save_settings()

    def _keys_changed(self) -> None:
        if self.context.actions.overrides() != self.settings.keymap:
            self.save_settings()

    async def shutdown(self) -> None:
        if self._closing:
            return
        self._closing = True
        self.save_state()
        if self.context.orders is not None:
            await self.context.orders.close()
        portfolio = self.context.set_portfolio(None)
        if portfolio is not None:
            await portfolio.close()
        bars, self.context.bars = self.context.bars, None
        if bars is not None:
            bars.close()
        hub = self.context.set_market(None)
        if hub is not None:
            await hub.close()
        session = self.context.session
        if session is not None:
            await session.shutdown()
        for dock in list(self.window.docks.values()):
            dock.panel.shutdown()
        await asyncio.sleep(0)


def _bar_service(session: TradingSession, master, hub):
    """The chart bar service of a session: its cache keyed by server (the demo exchange's history
    is generated afresh at each start, and so has a port of its own)."""
    from app.trading.bar_cache import BarCache, server_tag
    from app.trading.bars import BarService
    from app.ui.paths import cache_dir

    return BarService(session.client, master, hub, BarCache(cache_dir() / "bars.sqlite"),
                      tag=server_tag(session.endpoints.rest))
