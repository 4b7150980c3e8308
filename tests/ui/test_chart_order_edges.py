"""Orders and the average price out of the chart's y range, against the embedded exchange: each
shows as a marker at the price pane's top or bottom edge (its line's label, an arrow toward the
price), several stacked apart in price order; a real click on one brings its price into view and
keeps it there until the user pans."""

from __future__ import annotations

from contextlib import asynccontextmanager
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.trading.order_validation import Draft
from app.trading.orders import OrderManager
from app.trading.portfolio import PortfolioService
from tests.trading.test_portfolio_support import buy_stock
from tests.ui.test_chart import close_all, open_chart
from tests.ui.test_chart_positions import held


@asynccontextmanager
async def chart_with_orders(live, tmp_path, orders, size=(1000, 600), position: int = 0):
    """An AAPL chart with working orders [(side, qty, share of the last price)] sent through the
    order manager (past its price limits: confirmed), and `position` shares held first: yields
    (panel, orders, last price)."""
    mgr = OrderManager(live.client, live.master, hub=live.hub, mode="demo", data_dir=tmp_path)
    await mgr.start(reconcile=False)
    live.context.orders = mgr
    svc = None
    try:
        if position:
            svc = PortfolioService(live.client, live.hub, live.master, debounce=0.05)
            await svc.start()
            live.context.set_portfolio(svc)
            await buy_stock(live.client, live.master, "AAPL", position)
            await live.until(lambda: held(svc, "AAPL") == position)
        panel = await open_chart(live, size=size)
        await live.until(lambda: mgr.last_price("AAPL") is not None)
        last = Decimal(str(round(float(panel.series.c[-1]), 2)))
        sent = []
        for side, qty, share in orders:
            price = (last * Decimal(share)).quantize(Decimal("0.01"))
            sent.append(await mgr.submit(Draft("AAPL", side, qty, price), confirmed_limits=True))
        await live.until(lambda: all((o := mgr.order(s.id)) is not None and o.working and o.id for s in sent))
        await live.until(lambda: (panel.drain(), all(s.id in panel.trading.lines for s in sent)
                                  and (not position or panel.trading.avg_line.scene() is not None))[1])
        yield panel, sent, last
    finally:
        live.context.orders = None
        live.context.set_portfolio(None)
        await mgr.close()
        if svc is not None:
            await svc.close()
        await close_all(live)


def click(qtbot, panel, marker) -> None:
    view = panel.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(marker.box.center()))


def pane(panel):
    return panel.view.price_plot.vb.sceneBoundingRect()


@pytest.mark.asyncio
async def test_an_order_out_of_view_shows_at_the_edge_and_a_click_brings_it_in(live, qtbot, tmp_path):
    async with chart_with_orders(live, tmp_path, [("buy", 2, "0.90")]) as (panel, (order,), last):
        trading, vb = panel.trading, panel.view.price_plot.vb
        line, price = trading.lines[order.id], float(order.price)
        vb.setYRange(float(last) * 0.98, float(last) * 1.02, padding=0)  # the order 10 % below: out of view
        panel.drain()
        assert not line.label.isVisible()
        (marker,) = trading.edges.markers
        assert marker.text() == line.label.format and "2 @ " in marker.text()  # as on its line's label
        assert not marker.up and marker.edge.color == trading.buy  # the arrow down toward the price
        assert abs(marker.box.bottom() - pane(panel).bottom()) < 1.5 and marker.scene() is panel.view.scene()
        placed = []  # live ticks that leave the y range alone place no marker (their cost is unchanged)
        trading.place_edges = lambda *a, f=trading.place_edges: (placed.append(a), f(*a))[1]
        for _ in range(3):  # (ticks only: a minute's new bar, which fits the y range again, starts over)
            bars, version = len(panel.series), panel.series.version
            await live.until(lambda: (live.exchange.market.step("AAPL"), panel.drain(),
                                      panel.series.version >= version + 3)[2], timeout=20)
            if len(panel.series) == bars:
                break
            vb.setYRange(float(last) * 0.98, float(last) * 1.02, padding=0)
            panel.drain()
            placed.clear()
        assert vb.viewRange()[1] == [float(last) * 0.98, float(last) * 1.02] and not placed
        del trading.place_edges

        click(qtbot, panel, marker)
        y0, y1 = vb.viewRange()[1]
        assert y0 < price < y1
        panel.drain()
        assert not trading.edges.markers and line.label.isVisible()
        panel.view.on_reset()  # a refit (history arrived, a new bar past the sticky room): still in view
        y0, y1 = vb.viewRange()[1]
        assert y0 < price < y1 and line.value() == price  # nothing modified

        live.context.actions.trigger("chart.pan.left")  # the user scrolls: the fit is the bars' again
        panel.drain()
        y0, _y1 = vb.viewRange()[1]
        assert price < y0 and [m.text() for m in trading.edges.markers] == [line.label.format]


@pytest.mark.asyncio
async def test_several_edge_markers_stack_apart_in_price_order(live, qtbot, tmp_path):
    orders = [("buy", 1, "0.90"), ("buy", 2, "0.91"), ("buy", 3, "0.92"), ("sell", 4, "1.10"), ("buy", 5, "0.96")]
    async with chart_with_orders(live, tmp_path, orders, position=10) as (panel, sent, last):
        trading, vb = panel.trading, panel.view.price_plot.vb
        avg = trading.avg_line.value()
        vb.setYRange(avg * 0.95, avg * 0.99, padding=0)  # the average and the sell above, the buys below
        panel.drain()
        markers = trading.edges.markers
        tops = [m for m in markers if m.up]
        bottoms = sorted((m for m in markers if not m.up), key=lambda m: m.box.top())
        texts = [m.text() for m in sorted(tops, key=lambda m: m.box.top())] + [m.text() for m in bottoms]
        assert texts == [trading.lines[sent[3].id].label.format, trading.avg_line.label.format,
                         *(trading.lines[o.id].label.format for o in reversed(sent[:3]))]
        assert texts[1].startswith("AVG +10 @ ")
        boxes = [m.box for m in markers]
        assert all(not a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
        p = pane(panel)
        assert all(p.top() <= b.top() and b.bottom() <= p.bottom() + 0.5 for b in boxes)
        assert min(b.top() for b in boxes) >= panel.view.readout_bottom() - 0.5  # under the read-out's band

        near = trading.lines[sent[4].id]  # in view, a few pixels above the bottom edge's stack
        vb.setYRange(near.value() * 0.997, avg * 0.99, padding=0)
        panel.drain()
        panel.view.grab()  # painted: the labels at their places
        assert near.label.isVisible() and len([m for m in trading.edges.markers if not m.up]) == 3
        label = near.label.sceneBoundingRect()
        assert not any(label.intersects(m.box) for m in trading.edges.markers)

        avg_marker = next(m for m in markers if m.text().startswith("AVG"))
        click(qtbot, panel, avg_marker)
        panel.drain()
        y0, y1 = vb.viewRange()[1]
        assert y0 < avg < y1 and trading.avg_line.label.isVisible()
        assert [m.text() for m in trading.edges.markers if m.up] == [texts[0]]  # the sell still out of view


@pytest.mark.asyncio
async def test_a_short_pane_folds_the_rest_into_one_marker(live, qtbot, tmp_path):
    orders = [("buy", q, share) for q, share in ((1, "0.86"), (2, "0.87"), (3, "0.88"), (4, "0.89"),
                                                   (5, "0.90"), (6, "0.91"))]
    async with chart_with_orders(live, tmp_path, orders, size=(700, 300)) as (panel, sent, last):
        trading, vb = panel.trading, panel.view.price_plot.vb
        vb.setYRange(float(last) * 0.98, float(last) * 1.02, padding=0)
        panel.drain()
        markers = trading.edges.markers
        assert 1 < len(markers) < len(sent)
        more = markers[0]  # at the edge: "+N more", for the farthest orders (the nearest shown one by one)
        n = len(sent) - (len(markers) - 1)
        assert more.text() == f"+{n} more" and len(more.edge.keys) == n
        assert sum(len(m.edge.keys) for m in markers) == len(sent)
        click(qtbot, panel, more)
        panel.drain()
        y0, _y1 = vb.viewRange()[1]
        assert y0 < min(ln.value() for ln in trading.lines.values())  # the farthest: all in view
