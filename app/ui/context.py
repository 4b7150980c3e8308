"""The services every panel and dialog can reach: session, actions, link hub, symbols, logs, language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from app.trading.session import SessionState, TradingSession
from app.trading.symbols import SymbolProvider, default_provider
from app.ui.actions import ActionRegistry
from app.ui.linking import LinkHub
from app.ui.log_model import LogModel


class AppContext(QObject):
    session_changed = Signal(object)  # the new TradingSession (or None)
    state_changed = Signal(object)  # SessionState of the current session
    language_changed = Signal(str)

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
        self._unlisten: Any = None
        self.extras: dict[str, Any] = {}  # later services (market hub, order manager ...)

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

    @property
    def state(self) -> SessionState | None:
        return self.session.state if self.session else None

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.actions.set_language(lang)
        self.language_changed.emit(lang)
