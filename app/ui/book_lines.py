"""The order book's quote line (last, change, %, time) and footer (ask and bid totals, spread in ticks)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.ui.book_common import LiveLabel
from app.ui.quotestyle import QuoteColors, fmt_change, fmt_pct, fmt_price, fmt_qty, number_font


def set_label(label: QLabel, text: str, color: QColor | None) -> None:
    """Change a label only when its text or colour changed (it is called on every repaint tick)."""
    if label.text() != text:
        label.setText(text)
    key = color.name() if color is not None else ""
    if label.property("fg") != key:
        label.setProperty("fg", key)
        label.setStyleSheet(f"color: {key};" if key else "")


class BookLines(QObject):
    def __init__(self, colors: QuoteColors, parent: QWidget):
        super().__init__(parent)
        self.colors = colors
        font = number_font()
        big = number_font()
        big.setPointSizeF(font.pointSizeF() * 1.35)
        big.setBold(True)
        self.last, self.change, self.pct, self.time = (LiveLabel(parent) for _ in range(4))
        self.ask_total, self.spread, self.bid_total = (LiveLabel(parent) for _ in range(3))
        self.last.setFont(big)
        for lbl in (self.change, self.pct, self.time, self.ask_total, self.spread, self.bid_total):
            lbl.setFont(font)
        self.time.setProperty("dim", True)
        self.spread.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bid_total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.quote_layout = QHBoxLayout()
        self.quote_layout.setContentsMargins(8, 0, 8, 0)
        for w in (self.last, self.change, self.pct):
            self.quote_layout.addWidget(w)
        self.quote_layout.addStretch(1)
        self.quote_layout.addWidget(self.time)
        self.footer_layout = QHBoxLayout()
        self.footer_layout.setContentsMargins(8, 0, 8, 4)
        for w in (self.ask_total, self.spread, self.bid_total):
            self.footer_layout.addWidget(w, 1)

    def clear(self) -> None:
        for lbl in (self.last, self.change, self.pct, self.time, self.ask_total, self.spread, self.bid_total):
            lbl.clear()

    def update(self, depth: Any, quote: Any, inst: Any, decimals: int, stale: bool) -> None:
        c = self.colors
        last = quote.last if quote else None
        change = quote.change if quote else None
        color = c.stale if stale else c.for_sign(change)
        set_label(self.last, fmt_price(last, decimals), color)
        set_label(self.change, fmt_change(change, decimals), color)
        set_label(self.pct, fmt_pct(quote.change_pct if quote else None), color)
        set_label(self.time, depth.time or (quote.trade_time if quote else ""), None)
        asks, bids = depth.asks, depth.bids
        set_label(self.ask_total, self.tr("Asks {0}").format(fmt_qty(sum(lv.size for lv in asks))),
                  c.stale if stale else c.sell)
        set_label(self.bid_total, self.tr("Bids {0}").format(fmt_qty(sum(lv.size for lv in bids))),
                  c.stale if stale else c.buy)
        if asks and bids:
            spread = asks[0].price - bids[0].price
            tick = float(inst.tick_at(bids[0].price)) if inst else 0.0
            ticks = round(spread / tick) if tick else None
            text = self.tr("Spread {0}").format(fmt_price(spread, decimals))
            if ticks == 1:
                text += " " + self.tr("(1 tick)")
            elif ticks is not None:
                text += " " + self.tr("({0} ticks)").format(ticks)
        else:
            text = self.tr("No two-sided book")
        set_label(self.spread, text, None)
