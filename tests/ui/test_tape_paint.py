"""The time-and-sales painter: each trade's numbers in its side's colour, read back from a real paint."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from app.trading.quotes import Trade, TradeTape
from app.ui.quotestyle import QuoteColors
from app.ui.tape_model import COL, TapeDelegate, TimeSalesModel


def inks(view: QTableView, model: TimeSalesModel, row: int, col: str) -> set[str]:
    """The colours drawn in one cell (its glyphs, anti-aliased, and the background)."""
    image = view.viewport().grab().toImage()
    rect = view.visualRect(model.index(row, COL[col]))
    return {image.pixelColor(x, y).name() for x in range(rect.left(), rect.right())
            for y in range(rect.top(), rect.bottom())}


def closest(colours: set[str], target: QColor) -> int:
    """How far the colour nearest `target` is from it (0: drawn exactly)."""
    return min(sum(abs(a - b) for a, b in zip(QColor(c).getRgb()[:3], target.getRgb()[:3])) for c in colours)


def test_trades_are_drawn_in_their_side_colour_and_new_ones_on_top(qtbot):
    colors = QuoteColors()
    model = TimeSalesModel(colors)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(TapeDelegate(view))
    view.resize(400, 300)
    view.show()
    tape = TradeTape(10)
    tape.append(Trade("09:30:00", 101.25, 300, 1))
    tape.append(Trade("09:30:01", 101.24, 20, -1))
    model.sync(tape)
    assert model.index(0, COL["price"]).data() == "101.24"  # newest first
    assert closest(inks(view, model, 0, "price"), colors.sell) < 30
    assert closest(inks(view, model, 1, "price"), colors.buy) < 30
    assert closest(inks(view, model, 0, "price"), colors.buy) > 60

    tape.append(Trade("09:30:02", 101.30, 5, 1))
    model.decimals = 3
    model.sync(tape)
    assert [model.index(r, COL["price"]).data() for r in range(3)] == ["101.300", "101.240", "101.250"]
    assert closest(inks(view, model, 0, "size"), colors.buy) < 30
