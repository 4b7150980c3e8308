"""A partly filled order on the chart of the embedded exchange: its line's label (and its edge
marker, out of view) says the quantity left and how much of the order is filled, and the fill's
marker, hovered with the mouse, tells the fill's time, side, quantity, price and order number."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QPointF

from app.trading.trading_hours import NEW_YORK, SEOUL
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
        vb.setYRange(float(fill.price) * 0.99, float(fill.price) * 1.01, padding=0)
        panel.view.grab()  # painted: the marker is where the mouse goes
        view = panel.view

        def marker() -> QPoint:
            # where the marker is now: a tick can widen the y range, a new bar step the followed
            # view on, between two moves
            spot = trading.fills.points()[0].pos()
            return view.mapFromScene(vb.mapViewToScene(QPointF(spot.x(), spot.y())))

        # (pyqtgraph's scene drops a move too soon after the last one: moved again until it is seen)
        await live.until(lambda: (hover_mouse(view.viewport(), marker()), vb.toolTip() != "")[1])
        tip = vb.toolTip()
        assert f"BUY 2 @ {float(fill.price):,.2f}" in tip and f"Order {order.id}" in tip, tip
        # LS stamps the fill in Korean time; the marker tells it on New York's clock, as the bars
        kst = datetime.now(SEOUL).replace(hour=int(fill.time[:2]), minute=int(fill.time[2:4]),
                                          second=int(fill.time[4:6]), microsecond=0)
        if kst > datetime.now(SEOUL) + timedelta(minutes=1):
            kst -= timedelta(days=1)
        assert f"{kst.astimezone(NEW_YORK):%H:%M:%S}" in tip, tip
        # and on the bar the fill happened in, one of the newest (the order filled a moment ago)
        i, s = int(trading.fills.points()[0].pos().x()), panel.series
        wall = int(kst.astimezone(NEW_YORK).replace(tzinfo=timezone.utc).timestamp())
        assert i >= len(s) - 2 and s.t[i] <= wall and (i == len(s) - 1 or wall < s.t[i + 1])
        await live.until(lambda: (hover_mouse(view.viewport(), marker() - QPoint(0, 60)), vb.toolTip() == "")[1])
        assert mgr.order(order.id).price == order.price and Decimal(2) == fill.qty
