"""The app's price-alert service: one AlertBook in the data dir, watching on every new hub, and
a desktop notification (system tray message, else the status bar) when an alert fires."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow, QSystemTrayIcon

from app.trading.alerts import Alert, AlertBook

log = logging.getLogger(__name__)


def price_text(value: float) -> str:
    """A price with the digits it has (at least two): 192.5 -> '192.50', 0.00655 -> '0.00655'."""
    text = f"{value:,.8f}".rstrip("0")
    head, _, tail = text.partition(".")
    return f"{head}.{tail.ljust(2, '0')}"


def alert_text(alert: Alert) -> str:
    op = "≥" if alert.op == ">=" else "≤"
    return QCoreApplication.translate("AlertNotifier", "%1: last %2 reached %3 %4").replace("%1", alert.symbol).replace(
        "%2", price_text(alert.triggered_price or 0)).replace("%3", op).replace("%4", price_text(alert.price))


class AlertNotifier(QObject):
    """Turns a fired alert into a tray message (or a status-bar line) on the UI thread."""

    fired = Signal(object)  # the Alert, after it was shown

    def __init__(self, book: AlertBook, window: QMainWindow | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.book, self.window = book, window
        self.tray: QSystemTrayIcon | None = None
        self.shown: list[str] = []  # the texts shown (tests, and the status fallback)
        book.fired_listeners.append(self._on_fired)

    def _on_fired(self, alert: Alert) -> None:
        # called from the hub's frame handling: show it after, never inside, the frame
        QTimer.singleShot(0, lambda a=alert: self.show(a))

    def show(self, alert: Alert) -> None:
        text = alert_text(alert)
        title = QCoreApplication.translate("AlertNotifier", "Price alert")
        self.shown.append(text)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(self)
                icon = self.window.windowIcon() if self.window is not None else QApplication.windowIcon()
                self.tray.setIcon(icon)
                self.tray.setToolTip("lsterm")
            self.tray.show()
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10000)
        if self.window is not None and self.window.statusBar() is not None:
            self.window.statusBar().showMessage(text, 20000)
        self.fired.emit(alert)


def install_alerts(context: Any, window: QMainWindow | None = None, path: Path | None = None) -> AlertBook:
    """Create the app's alert book (data dir), keep it attached to the current hub, and notify."""
    if path is None:
        from app.ui.paths import data_dir

        path = data_dir() / "alerts.json"
    book = AlertBook(path)
    context.alerts = book
    context.alert_notifier = AlertNotifier(book, window, context)
    book.attach(context.market)
    context.market_changed.connect(book.attach)
    if book.problem:
        msg = QCoreApplication.translate("AlertNotifier", "The alerts file was damaged; it was kept as %1 and alerts start empty.").replace(
            "%1", Path(book.problem).name)
        log.warning("%s", msg)
        if window is not None and window.statusBar() is not None:
            QTimer.singleShot(0, lambda: window.statusBar().showMessage(msg, 20000))
    return book
