"""Non-modal price-alert dialogs: set "last ≥ / ≤ price" for a symbol, and the list of alerts."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.trading.alerts import AlertBook, AlertError
from app.ui.watchlist_alerts import price_text


TITLE_BAR_ROOM = 170  # px of a title bar that is not its text: icon, buttons, margins (Windows' are the widest)


def title_width(dialog: QDialog) -> int:
    """The width a dialog needs for its whole title in the title bar, as the window manager shows it
    ('title — app name' on Linux), in a bold font: a narrow form otherwise clips it ('Price ale…')."""
    title = dialog.windowTitle()
    app_name = QGuiApplication.applicationDisplayName()
    if app_name and not title.endswith(app_name):
        title = f"{title} \u2014 {app_name}"
    font = QFont(dialog.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(title) + TITLE_BAR_ROOM


def alert_error_text(widget: QWidget, exc: AlertError) -> str:
    if exc.kind == "unknown":
        return QCoreApplication.translate("AlertDialog", "%1 is not an instrument on this server.").replace("%1", exc.symbol or "?")
    if exc.kind == "bad_price":
        return QCoreApplication.translate("AlertDialog", "The alert price must be a number above zero.")
    return QCoreApplication.translate("AlertDialog", "Choose ≥ or ≤.")


class AlertDialog(QDialog):
    """Set one alert; the price starts at the last price. Errors stay in the dialog."""

    def __init__(self, book: AlertBook, symbol: str, last: float | None, decimals: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AlertDialog")
        self.book, self.symbol = book, symbol
        self.setWindowTitle(self.tr("Price alert — %1").replace("%1", symbol))
        self.op = QComboBox(self)
        self.op.addItem(self.tr("Last ≥ (rises to)"), ">=")
        self.op.addItem(self.tr("Last ≤ (falls to)"), "<=")
        self.price = QDoubleSpinBox(self)
        self.price.setDecimals(max(0, decimals))
        self.price.setRange(0, 1e12)
        self.price.setSingleStep(10 ** -decimals if decimals > 0 else 1)
        self.price.setValue(last or 0.0)
        self.price.setGroupSeparatorShown(True)
        self.message = QLabel(self)
        self.message.setObjectName("AlertMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Symbol"), QLabel(symbol, self))
        last_text = "" if last is None else f"{last:,.{max(0, decimals)}f}"
        form.addRow(self.tr("Last price"), QLabel(last_text, self))
        form.addRow(self.tr("When"), self.op)
        form.addRow(self.tr("Price"), self.price)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.created: Any = None
        self.setMinimumWidth(max(self.minimumSizeHint().width(), title_width(self)))
        self.finished.connect(self.deleteLater)

    def submit(self) -> None:
        try:
            self.created = self.book.add(self.symbol, self.op.currentData(), self.price.value())
        except AlertError as exc:
            self.message.setText(alert_error_text(self, exc))
            self.message.show()
            return
        self.accept()


class AlertsDialog(QDialog):
    """Every alert (active and triggered) with Remove and Clear triggered; follows the book live."""

    def __init__(self, book: AlertBook, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("AlertsDialog")
        self.book = book
        self.setWindowTitle(self.tr("Price alerts"))
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Symbol"), self.tr("Condition"), self.tr("Set"),
                                              self.tr("State"), self.tr("Triggered")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.remove_btn = QPushButton(self.tr("Remove"), self)
        self.clear_btn = QPushButton(self.tr("Clear triggered"), self)
        close = QPushButton(self.tr("Close"), self)
        self.remove_btn.clicked.connect(self.remove_selected)
        self.clear_btn.clicked.connect(book.clear_triggered)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.remove_btn)
        row.addWidget(self.clear_btn)
        row.addStretch(1)
        row.addWidget(close)
        self.empty = QLabel(self.tr("No alerts. Select a watchlist row and press Alt+A to set one."), self)
        lay = QVBoxLayout(self)
        lay.addWidget(self.empty)
        lay.addWidget(self.table)
        lay.addLayout(row)
        self.resize(max(560, title_width(self)), 300)
        book.changed_listeners.append(self.reload)
        self.finished.connect(self._drop)
        self.reload()

    def _drop(self) -> None:
        if self.reload in self.book.changed_listeners:
            self.book.changed_listeners.remove(self.reload)

    def reload(self) -> None:
        alerts = self.book.alerts
        self.table.setRowCount(len(alerts))
        for r, a in enumerate(alerts):
            last = self.tr("Last")
            cond = f"{last} {'≥' if a.op == '>=' else '≤'} {price_text(a.price)}"
            set_at = time.strftime("%m-%d %H:%M", time.localtime(a.created))
            state = self.tr("Triggered") if a.triggered else self.tr("Active")
            hit = "" if not a.triggered else \
                f"{time.strftime('%m-%d %H:%M:%S', time.localtime(a.triggered_at or 0))} @ {price_text(a.triggered_price or 0)}"
            for c, text in enumerate((a.symbol, cond, set_at, state, hit)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.table.setItem(r, c, item)
        self.empty.setVisible(not alerts)
        self.table.setVisible(bool(alerts))
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Remove needs a selected alert, Clear triggered a triggered one: never a button that does nothing."""
        sel = self.table.selectionModel()
        self.remove_btn.setEnabled(bool(sel is not None and sel.selectedRows()))
        self.clear_btn.setEnabled(any(a.triggered for a in self.book.alerts))

    def remove_selected(self) -> None:
        ids = {self.table.item(i.row(), 0).data(Qt.ItemDataRole.UserRole)
               for i in self.table.selectionModel().selectedRows()}
        for alert_id in ids:
            self.book.remove(alert_id)
