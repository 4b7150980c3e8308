"""The order book's painter: size bars in proportion, growing away from the price column, and the
numbers drawn, read back from the pixels of a real paint."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from app.trading.quotes import Depth, Quote, apply_book
from app.ui.book_delegate import SizeBarDelegate
from app.ui.book_model import COL, OrderBookModel
from app.ui.quotestyle import QuoteColors


def painted_book(qtbot) -> tuple[QTableView, OrderBookModel]:
    colors = QuoteColors()
    model = OrderBookModel(colors)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(SizeBarDelegate(colors, view))
    model.set_levels(2)
    quote, depth = Quote("X"), Depth("X")
    apply_book(quote, depth, {"offerho1": "10.01", "offerrem1": "100", "offerho2": "10.02", "offerrem2": "25",
                              "bidho1": "10.00", "bidrem1": "50"}, 2, "loctime", 1.0)
    model.update(depth, quote, {}, False, 2)
    view.resize(700, 300)
    for c in range(model.columnCount()):
        view.setColumnWidth(c, 90)
    view.show()
    return view, model


def test_size_bars_are_in_proportion_and_grow_away_from_the_price(qtbot):
    view, model = painted_book(qtbot)
    image = view.viewport().grab().toImage()

    def pixel(row: int, col: str, at: float):  # just inside the bar's top edge, above the text
        rect = view.visualRect(model.index(row, COL[col]))
        return image.pixelColor(rect.left() + int(rect.width() * at), rect.top() + 3)

    # rows: ask 10.02 (25), ask 10.01 (100, the largest), last, bid 10.00 (50), empty bid
    best_ask, far_ask, best_bid = 1, 0, 3
    assert pixel(best_ask, "ask_size", 0.1) == pixel(best_ask, "ask_size", 0.9)  # full width
    assert pixel(far_ask, "ask_size", 0.9) == pixel(best_ask, "ask_size", 0.9)  # a quarter, from the right
    assert pixel(far_ask, "ask_size", 0.1) != pixel(best_ask, "ask_size", 0.1)
    assert pixel(best_bid, "bid_size", 0.1) != pixel(best_bid, "bid_size", 0.9)  # half, from the left
    assert pixel(best_bid, "bid_size", 0.1) != pixel(best_ask, "ask_size", 0.1)  # buy colour, not sell
    assert pixel(4, "bid_size", 0.1) == pixel(4, "bid_size", 0.9)  # no level, no bar


def test_numbers_are_drawn_and_a_repaint_follows_an_update(qtbot):
    view, model = painted_book(qtbot)

    def ink(row: int, col: str) -> int:
        image = view.viewport().grab().toImage()
        rect = view.visualRect(model.index(row, COL[col]))
        y = rect.center().y()
        return len({image.pixelColor(x, y).name() for x in range(rect.left() + 1, rect.right())})

    assert ink(1, "price") > 2 and ink(1, "ask_size") > 2  # glyphs, not a flat fill
    assert ink(4, "price") <= 2  # the empty bid level has no text
    quote, depth = Quote("X"), Depth("X")
    apply_book(quote, depth, {"offerho1": "10.01", "offerrem1": "100", "bidho1": "10.00", "bidrem1": "50",
                              "bidho2": "9.99", "bidrem2": "7"}, 2, "loctime", 2.0)
    model.update(depth, quote, {}, False, 2)
    assert ink(4, "price") > 2 and ink(0, "price") <= 2
