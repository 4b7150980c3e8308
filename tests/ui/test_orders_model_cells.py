"""The orders panel's rows (RowsModel) leave no Python wrapper behind when Qt deletes their cells.

Cells cloned from a prototype were made in C++; when the model deleted them (a working order's row
removed on every cancel or fill, a reset), PySide kept their wrappers alive and registered at the
freed addresses. The next object Qt allocated there was handed the stale wrapper: the chart's
drawRects received a QStandardItem for its QRectF array (TypeError in the chart's paint), and the
terminal crashed within minutes of steady order traffic (bench/memory.py's soak)."""

from __future__ import annotations

import gc
from types import SimpleNamespace

import shiboken6
from PySide6.QtCore import Qt

from app.ui.panels.orders_panel_model import Column, RowsModel

COLUMNS = (Column("id", "No.", Qt.AlignmentFlag.AlignRight, lambda o: str(o.key), lambda o: o.key, numeric=True),
           Column("sym", "Symbol", Qt.AlignmentFlag.AlignLeft, lambda o: o.symbol, lambda o: o.symbol),
           Column("side", "Side", Qt.AlignmentFlag.AlignLeft, lambda o: o.side, lambda o: o.side, side_colored=True))


def cell_wrappers() -> int:
    gc.collect()
    return sum(1 for w in shiboken6.getAllValidWrappers() if type(w).__name__ == "QStandardItem")


def test_removed_and_reset_rows_leave_no_wrappers(qtbot):
    model = RowsModel(COLUMNS, key=lambda o: o.key, keep=lambda o: not getattr(o, "done", False))
    before = cell_wrappers()
    orders = [SimpleNamespace(key=k, symbol="AAPL", side="buy" if k % 2 else "sell") for k in range(60)]
    for o in orders:
        model.upsert(o)
    assert model.rowCount() == 60
    for o in orders[:40]:  # cancelled or filled: out of the working table
        o.done = True
        model.upsert(o)
    assert model.rowCount() == 20
    assert cell_wrappers() - before <= 20 * len(COLUMNS)  # only the rows still shown
    model.reset(orders[50:])
    assert model.rowCount() == 10
    assert cell_wrappers() - before <= 10 * len(COLUMNS)
    assert model.item(0, 0).text() == "59" and model.item(0, 0).textAlignment() & Qt.AlignmentFlag.AlignRight
    assert not model.item(0, 0).isEditable()
