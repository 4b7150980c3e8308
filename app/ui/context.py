"""The services every panel and dialog can reach: session, market data, instruments, actions, links, logs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.trading.instruments import InstrumentMaster
from app.trading.symbols import SymbolProvider, default_provider
from app.ui.actions import ActionRegistry
from app.ui.linking import LinkHub
from app.ui.log_model import LogModel

if TYPE_CHECKING:  # (annotations only: the window is built before these are imported, app/main.py)
    from app.trading.alerts import AlertBook
    from app.trading.bars import BarService
    from app.trading.marketdata import MarketDataHub
    from app.trading.orders import OrderManager
    from app.trading.portfolio import PortfolioService
    from app.trading.session import SessionState, TradingSession

FRAME_MS = 33  # the UI's repaint clock for live data (~30 Hz): panels drain dirty symbols on it


class AppContext(QObject):
    session_changed = Signal(object)  # the new TradingSession (or None)
    state_changed = Signal(object)  # SessionState of the current session
    language_changed = Signal(str)
    market_changed = Signal(object)  # the new MarketDataHub (or None): panels watch their symbols again
    instruments_loaded = Signal(int)  # the instrument master of the current session is loaded
    frame_tick = Signal()  # the shared repaint clock: drain dirty marks, step flash animations
    settings_changed = Signal()  # a display setting (colours, staleness …) changed
    portfolio_changed = Signal(object)  # the new PortfolioService (or None) of the current session
    orders_changed = Signal(object)  # the new OrderManager (or None) of the current session

    def __init__(self, lang: str = "en", symbols: SymbolProvider | None = None,
                 log_model: LogModel | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.lang = lang
        self.actions = ActionRegistry(self)
        self.actions.lang = lang
        self.links = LinkHub(self)
        self.symbols: SymbolProvider = symbols or default_provider()
        self.log_model = log_model or LogModel(parent=self)
        self.session: TradingSession | None = None
        self.instruments: InstrumentMaster = InstrumentMaster()
        self.market: MarketDataHub | None = None
        self.portfolio: PortfolioService | None = None  # positions and balances (app/trading/portfolio.py)
        self.orders: OrderManager | None = None  # orders and fills (app/trading/orders.py)
        self.bars: BarService | None = None  # chart bars: history, cache, live (app/trading/bars.py)
        self.prefs: Any = None  # the app's settings (colours, staleness), set by the shell
        self.alerts: AlertBook | None = None  # price alerts (app/ui/watchlist_alerts.install_alerts)
        self.alert_notifier: Any = None
        self._unlisten: Any = None
        self.frame_clock = QTimer(self)
        self.frame_clock.setInterval(FRAME_MS)
        self.frame_clock.timeout.connect(self.frame_tick.emit)

    def set_session(self, session: TradingSession | None) -> None:
        if self._unlisten:
            self._unlisten()
            self._unlisten = None
        self.session = session
        if session is not None:
            self._unlisten = session.add_listener(self.state_changed.emit)
        self.session_changed.emit(session)
        if session is not None:
            self.state_changed.emit(session.state)

    def set_market(self, hub: MarketDataHub | None, instruments: InstrumentMaster | None = None) -> Any:
        """Install a new hub (after a login); returns the old one for the caller to close."""
        old = self.market
        if instruments is not None:
            self.instruments = instruments
            instruments.listeners.append(self.instruments_loaded.emit)
        self.market = hub
        if hub is not None and not self.frame_clock.isActive():
            self.frame_clock.start()
        self.market_changed.emit(hub)
        return old

    def set_portfolio(self, portfolio: PortfolioService | None) -> PortfolioService | None:
        """Install the session's portfolio; returns the old one for the caller to close."""
        old, self.portfolio = self.portfolio, portfolio
        self.portfolio_changed.emit(portfolio)
        return old

    @property
    def state(self) -> SessionState | None:
        return self.session.state if self.session else None

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.actions.set_language(lang)
        self.language_changed.emit(lang)
