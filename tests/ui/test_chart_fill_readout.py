"""A partly filled order on the chart of the embedded exchange: its line's label (and its edge
marker, out of view) says the quantity left and how much of the order is filled, and the fill's
marker, hovered with the mouse, tells the fill's time, side, quantity, price and order number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QPointF

from tests.ui.test_chart import chart_with_order, hover_mouse


@pytest.mark.asyncio
async def test_a_partial_fill_shows_on_the_line_and_its_marker_tells_the_fill(live, qtbot, tmp_path):
    async with chart_with_order(live, tmp_path, 5) as (panel, mgr, order, last):
        trading = panel.trading
        line = trading.lines[order.id]
        price = f"{float(order.price):,.2f}"
        assert line.label.format == f"BUY 5 @ {price}"
        live.exchange.broker.force_trade("AAPL", order.price, 2)  # the market prints at the order's price
        await live.until(lambda: mgr.order(order.id).filled == 2)
        await live.until(lambda: (panel.drain(), line.label.format == f"BUY 3 @ {price} (2/5 filled)")[1])
        assert line.label.toPlainText() == line.label.format

        vb = panel.view.price_plot.vb
        vb.setYRange(float(last) * 1.01, float(last) * 1.03, padding=0)  # the order out of view
        panel.drain()
        assert [m.text() for m in trading.edges.markers] == [f"BUY 3 @ {price} (2/5 filled)"]

        (fill,) = mgr.fills("AAPL")
        await live.until(lambda: (panel.drain(), len(trading.fills.data) == 1)[1])
        spot = trading.fills.points()[0]
        vb.setYRange(float(fill.price) * 0.99, float(fill.price) * 1.01, padding=0)
        panel.view.grab()  # painted: the marker is where the mouse goes
        view = panel.view
        at = view.mapFromScene(vb.mapViewToScene(QPointF(spot.pos().x(), spot.pos().y())))
        # (pyqtgraph's scene drops a move too soon after the last one: moved again until it is seen)
        await live.until(lambda: (hover_mouse(view.viewport(), at), vb.toolTip() != "")[1])
        tip = vb.toolTip()
        digits = fill.time
        assert f"BUY 2 @ {float(fill.price):,.2f}" in tip and f"Order {order.id}" in tip, tip
        assert f"{digits[:2]}:{digits[2:4]}:{digits[4:6]}" in tip
        away = QPoint(at.x(), at.y() - 60)
        await live.until(lambda: (hover_mouse(view.viewport(), away), vb.toolTip() == "")[1])  # no tooltip there
        assert mgr.order(order.id).price == order.price and Decimal(2) == fill.qty
