"""The chart tool bar's texts: the bar count, the timeframe's title and the status label that
takes the room left over (messages in the "Chart" translation context)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from app.trading.bar_series import Timeframe


def _t(text: str) -> str:
    return QCoreApplication.translate("Chart", text)


def bar_count(n: int) -> str:
    """"1 bar", "865 bars" (Korean: "1 봉", "865 봉")."""
    return f"{n:,} " + (_t("bar") if n == 1 else _t("bars"))


class StatusLabel(QLabel):
    """The tool bar's status text: takes the room left over and never asks for more, so a long
    "Loading history…" cannot raise the panel's minimum width (the dock would widen and push its
    neighbours). Elided to fit; the full text is in the tooltip."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self.setToolTip(text)
        self._elide()

    def text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        QLabel.setText(self, self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                           max(0, self.width())))


def tf_title(tf: str) -> str:
    t = Timeframe.parse(tf)
    if t.unit == "tick":
        return _t("{n} tick").format(n=t.n)
    if t.unit == "min":
        return _t("{n} min").format(n=t.n)
    return {"day": _t("Day"), "week": _t("Week"), "month": _t("Month")}[t.unit]
