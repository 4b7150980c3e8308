"""The session panel: mode, endpoint, REST / realtime / token state, limits, clock and recent events."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer
from PySide6.QtWidgets import QFormLayout, QLabel, QListWidget, QVBoxLayout

from app.trading.session import Link, SessionState, TokenState
from app.ui.meter import PressureMeter
from app.ui.panels.base import Panel
from app.ui.panels.registry import register
from app.ui.status import link_color, mode_text


# The session reports events in English (app/trading has no Qt); these are shown translated.
EVENTS = {text: text for text in (
    QT_TRANSLATE_NOOP("SessionEvents", "connecting to REST"),
    QT_TRANSLATE_NOOP("SessionEvents", "logged in"),
    QT_TRANSLATE_NOOP("SessionEvents", "connecting realtime"),
    QT_TRANSLATE_NOOP("SessionEvents", "realtime connected"),
    QT_TRANSLATE_NOOP("SessionEvents", "realtime connecting"),
    QT_TRANSLATE_NOOP("SessionEvents", "realtime reconnecting"),
    QT_TRANSLATE_NOOP("SessionEvents", "realtime closed"),
    QT_TRANSLATE_NOOP("SessionEvents", "realtime not available in this client"),
    QT_TRANSLATE_NOOP("SessionEvents", "session closed"),
    QT_TRANSLATE_NOOP("SessionEvents", "login refused: no keys"),
)}
EVENT_PREFIXES = (
    QT_TRANSLATE_NOOP("SessionEvents", "login failed: "),
    QT_TRANSLATE_NOOP("SessionEvents", "login refused: "),
    QT_TRANSLATE_NOOP("SessionEvents", "realtime failed: "),
)


def translate_event(line: str) -> str:
    """'12:00:01 logged in' in the interface language; reasons from LS stay as LS wrote them."""
    stamp, _, text = line.partition(" ")
    if text in EVENTS:
        return f"{stamp} {QCoreApplication.translate('SessionEvents', text)}"
    for prefix in EVENT_PREFIXES:
        if text.startswith(prefix):
            return f"{stamp} {QCoreApplication.translate('SessionEvents', prefix)}{text[len(prefix):]}"
    return line


@register
class SessionPanel(Panel):
    kind = "session"
    title_en = "Session"
    title_ko = "접속 상태"
    default_area = "left"

    def __init__(self, context: Any, parent=None):
        super().__init__(context, parent)
        self.labels: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setContentsMargins(8, 8, 8, 4)
        self.names: dict[str, QLabel] = {}
        for key in ("mode", "endpoint", "rest", "realtime", "token", "clock"):
            name, value = QLabel(self), QLabel(self)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.names[key], self.labels[key] = name, value
            self.form.addRow(name, value)
        self.pressure = PressureMeter(self)
        self.pressure.setFixedHeight(10)
        self.names["pressure"] = QLabel(self)
        self.form.addRow(self.names["pressure"], self.pressure)
        self.events = QListWidget(self)
        self.events.setAlternatingRowColors(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.form)
        self.events_title = QLabel(self)
        self.events_title.setContentsMargins(8, 4, 0, 0)
        lay.addWidget(self.events_title)
        lay.addWidget(self.events, 1)
        context.state_changed.connect(self.show_state)
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.retranslate()
        if context.state is not None:
            self.show_state(context.state)

    def sizeHint(self) -> QSize:
        return QSize(360, 500)  # a narrow column beside the wider panels

    def retranslate(self) -> None:
        titles = {"mode": self.tr("Mode"), "endpoint": self.tr("Server"), "rest": self.tr("REST"),
                  "realtime": self.tr("Realtime"), "token": self.tr("Token"),
                  "clock": self.tr("Exchange time"), "pressure": self.tr("Rate limit")}
        for key, text in titles.items():
            self.names[key].setText(text)
        self.events_title.setText(self.tr("Session events"))
        if self.context.state is not None:
            self.show_state(self.context.state)
        else:
            for key, label in self.labels.items():
                label.setText("—")
            self.labels["rest"].setText(self.tr("not logged in"))

    def show_state(self, st: SessionState) -> None:
        self.labels["mode"].setText(mode_text(st.mode, self.context.lang))
        self.labels["endpoint"].setText(st.endpoint or "—")
        for key, link in (("rest", st.rest), ("realtime", st.realtime)):
            self.labels[key].setText(f"<span style='color:{link_color(link)}'>●</span> "
                                     f"{self._link_text(link)}")
        token_ok = st.token is TokenState.VALID
        self.labels["token"].setText(f"<span style='color:{link_color(Link.UP if token_ok else Link.DOWN)}'>●</span> "
                                     f"{self._token_text(st.token)}")
        self.labels["token"].setToolTip(st.error)
        # Oldest first, newest at the bottom, as in the log panel.
        self.events.clear()
        self.events.addItems([translate_event(e) for e in st.events])
        self.events.scrollToBottom()

    def _link_text(self, link: Link) -> str:
        return {Link.UP: self.tr("connected"), Link.CONNECTING: self.tr("connecting"),
                Link.RECONNECTING: self.tr("reconnecting"), Link.DOWN: self.tr("disconnected")}[link]

    def _token_text(self, token: TokenState) -> str:
        return {TokenState.NONE: self.tr("none"), TokenState.VALID: self.tr("valid"),
                TokenState.REFUSED: self.tr("refused"), TokenState.REVOKED: self.tr("revoked")}[token]

    def _tick(self) -> None:
        session = self.context.session
        if session is None:
            return
        self.labels["clock"].setText(session.exchange_time().strftime("%Y-%m-%d %H:%M:%S %Z"))
        self.pressure.set_value(session.pressure())

    def shutdown(self) -> None:
        self._timer.stop()
