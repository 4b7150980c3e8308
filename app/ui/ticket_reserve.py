"""The order ticket's reserved-order row (stocks): "Reserve" on or off (Alt+R) and the validity
window (from / until). With it on, Enter registers a reserved order (COSAT00400) that LS sends
when the window opens, instead of a new order now."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QGridLayout, QLabel, QSizePolicy, QWidget

from app.trading.reconcile import today


class ReserveRow(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TicketReserve")
        self.check = QCheckBox(self)
        self.check.setObjectName("TicketReserveOn")
        self.check.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.start = QDateEdit(self)
        self.end = QDateEdit(self)
        self.until = QLabel("–", self)
        for name, w in (("TicketReserveFrom", self.start), ("TicketReserveUntil", self.end)):
            w.setObjectName(name)
            w.setCalendarPopup(True)
            w.setDisplayFormat("yy-MM-dd")
        # the check above its two dates: the ticket is a narrow column and must not widen the window
        for w in (self.start, self.end):
            w.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            w.setMinimumWidth(84)
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setHorizontalSpacing(4)
        lay.setVerticalSpacing(2)
        lay.addWidget(self.check, 0, 0, 1, 3)
        lay.addWidget(self.start, 1, 0)
        lay.addWidget(self.until, 1, 1)
        lay.addWidget(self.end, 1, 2)
        lay.setColumnStretch(0, 1)
        lay.setColumnStretch(2, 1)
        self.check.toggled.connect(self._enable)
        self.reset()

    def retranslate(self) -> None:
        self.check.setText(self.tr("Reserve (Alt+R)"))
        self.check.setToolTip(self.tr("A reserved order: LS keeps it and sends it when the window opens."))

    def reset(self) -> None:
        day = datetime.strptime(today(), "%Y%m%d").date()
        self.start.setDate(QDate(day.year, day.month, day.day))
        self.end.setDate(QDate(day.year, day.month, day.day).addDays(7))
        self.check.setChecked(False)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)

    @property
    def on(self) -> bool:
        return not self.isHidden() and self.check.isChecked()

    def dates(self) -> tuple:
        return self.start.date().toPython(), self.end.date().toPython()
