"""The status bar: mode badge, REST and realtime lights, rate-limit pressure and exchange clock."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app.trading.session import Link, Mode, SessionState
from app.ui.context import AppContext
from app.ui.meter import PressureMeter
from app.ui.theme import MODE_COLORS, current

MODE_TITLES = {Mode.DEMO: ("DEMO", "모의거래소"), Mode.PAPER: ("PAPER", "모의투자"),
               Mode.LIVE: ("LIVE", "실거래")}


def mode_text(mode: Mode, lang: str) -> str:
    en, ko = MODE_TITLES[Mode(mode)]
    return f"{en} · {ko}" if lang == "ko" else f"{en} · {ko}"


def link_color(link: Link) -> str:
    t = current()
    return {Link.UP: t.green, Link.CONNECTING: t.amber, Link.RECONNECTING: t.amber}.get(link, t.red)


class LinkLight(QLabel):
    """'● REST' coloured by the link state."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        self.link = Link.DOWN
        self.show_link(Link.DOWN)

    def show_link(self, link: Link) -> None:
        self.link = link
        self.setText(f"<span style='color:{link_color(link)}'>●</span> {self.name}")
        self.setToolTip(f"{self.name}: {link.value}")


class StatusBar(QStatusBar):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.badge = QLabel(self)
        self.badge.setObjectName("ModeBadge")
        self.rest = LinkLight("REST", self)
        self.realtime = LinkLight("WS", self)
        self.pressure = PressureMeter(self)
        self.pressure.setFixedSize(70, 10)
        self.pressure_label = QLabel(self)
        self.clock = QLabel(self)
        self.clock.setMinimumWidth(150)
        for w in (self.rest, self.realtime, self.pressure_label, self.pressure, self.clock):
            self.addPermanentWidget(w)
        self.insertPermanentWidget(0, self.badge)
        self.mode: Mode | None = None
        self._error = ""  # the error message on show, so that a later success can clear it
        context.state_changed.connect(self.show_state)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.pressure_label.setText(self.tr("Rate"))
        self.pressure.setToolTip(self.tr("Rate-limit pressure"))
        if self.mode is not None:
            self.set_mode(self.mode)

    def set_mode(self, mode: Mode) -> None:
        self.mode = Mode(mode)
        bg, fg = MODE_COLORS[self.mode.value]
        self.badge.setText(mode_text(self.mode, self.context.lang))
        self.badge.setStyleSheet(f"background:{bg}; color:{fg};")
        self.badge.setProperty("mode", self.mode.value)
        self.badge.setToolTip(self.tr("Trading mode"))

    def show_state(self, st: SessionState) -> None:
        if st.mode != self.mode:
            self.set_mode(st.mode)
        self.rest.show_link(st.rest)
        self.realtime.show_link(st.realtime)
        if st.error:
            self.show_error(st.error, 10000)
        elif st.rest is Link.UP:
            self.clear_error()

    def show_error(self, text: str, timeout: int = 0) -> None:
        self._error = text
        self.showMessage(text, timeout)

    def show_info(self, text: str, timeout: int = 5000) -> None:
        """A success: it replaces whatever the bar said before (an old error above all)."""
        self._error = ""
        self.showMessage(text, timeout)

    def clear_error(self) -> None:
        """Clear the message if it is still the last error shown (a later success)."""
        if self._error and self.currentMessage() == self._error:
            self.clearMessage()
        self._error = ""

    def refresh_colors(self) -> None:
        self.rest.show_link(self.rest.link)
        self.realtime.show_link(self.realtime.link)

    def tick(self) -> None:
        session = self.context.session
        if session is None:
            return
        value = int(session.pressure() * 100)
        self.pressure.set_value(value / 100)
        tip = self.tr("Rate-limit pressure") + f": {value}%"
        held = session.held_back() if value else []
        if held:  # which TRs wait for their per-second limits (a chart's history, option chains ...)
            tip += "\n" + self.tr("Waiting for LS's per-TR limits: %1").replace("%1", ", ".join(held[:8]))
        if tip != self.pressure.toolTip():
            self.pressure.setToolTip(tip)
        self.clock.setText(session.exchange_time().strftime("%H:%M:%S %Z"))
