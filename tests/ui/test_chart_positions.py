"""The chart's average-price line follows the portfolio against the embedded exchange: a portfolio
installed after the chart opened (a restart, a login) shows the held position's line, and a position
closed elsewhere (no order through the chart) takes it away."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from app.trading.portfolio import PortfolioService
from tests.trading.test_portfolio_support import buy_stock, sell_stock
from tests.ui.test_chart import close_all, open_chart


def held(svc, symbol: str) -> int:
    pos = svc.position(symbol)
    return int(pos.qty) if pos is not None else 0


@pytest.mark.asyncio
async def test_average_price_line_follows_the_portfolio(live, qtbot):
    panel = await open_chart(live, "AAPL")
    avg = panel.trading.avg_line
    assert avg.scene() is None
    await buy_stock(live.client, live.master, "AAPL", 10)
    svc = PortfolioService(live.client, live.hub, live.master, debounce=0.05)
    await svc.start()
    try:
        await live.until(lambda: held(svc, "AAPL") == 10)
        panel.drain()
        assert avg.scene() is None  # no portfolio in the context yet
        live.context.set_portfolio(svc)  # what a login (or a restart) does
        await live.until(lambda: (panel.drain(), avg.scene() is not None)[1], timeout=10)
        assert "+10 @ " in avg.label.format
        assert avg.value() == pytest.approx(float(svc.position("AAPL").avg_price))

        await sell_stock(live.client, live.master, "AAPL", 10)  # closed outside the chart
        await live.until(lambda: held(svc, "AAPL") == 0)
        await live.until(lambda: (panel.drain(), avg.scene() is None)[1], timeout=10)
    finally:
        live.context.set_portfolio(None)
        await svc.close()
        await close_all(live)


async def installed_portfolio(live) -> PortfolioService:
    """A portfolio service started and installed in the context (as a login does)."""
    svc = PortfolioService(live.client, live.hub, live.master, debounce=0.05)
    await svc.start()
    live.context.set_portfolio(svc)
    return svc


def labels_apart(panel) -> bool:
    """No two trading labels share a pixel, as painted."""
    panel.view.grab()  # a paint: the labels take their on-screen transform
    labels = [ln.label for ln in panel.trading.lines.values()] + [panel.trading.avg_line.label]
    rects = [lb.sceneBoundingRect() for lb in labels]
    return all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])


@pytest.mark.asyncio
async def test_order_and_average_labels_do_not_overlap(live, qtbot, tmp_path):
    from decimal import Decimal

    from app.trading.order_validation import Draft
    from app.trading.orders import OrderManager

    mgr = OrderManager(live.client, live.master, hub=live.hub, mode="demo", data_dir=tmp_path)
    await mgr.start(reconcile=False)
    live.context.orders = mgr
    svc = await installed_portfolio(live)
    try:
        panel = await open_chart(live, "AAPL", size=(600, 500))
        await buy_stock(live.client, live.master, "AAPL", 10)
        await live.until(lambda: held(svc, "AAPL") == 10)
        avg = svc.position("AAPL").avg_price
        order = await mgr.submit(Draft("AAPL", "buy", 3, (avg * Decimal("0.95")).quantize(Decimal("0.01"))))
        await live.until(lambda: (o := mgr.order(order.id)) is not None and o.working and o.id)
        await live.until(lambda: (panel.drain(), order.id in panel.trading.lines
                                  and panel.trading.avg_line.scene() is not None)[1])
        vb = panel.view.price_plot.vb
        vb.setYRange(0, float(avg) * 400, padding=0)  # zoomed far out: both lines on one pixel row
        panel.drain()
        line = panel.trading.lines[order.id]
        assert abs(vb.mapViewToScene(QPointF(0, float(line.value()))).y()
                   - vb.mapViewToScene(QPointF(0, float(avg))).y()) < 2
        assert labels_apart(panel)
        vb.setYRange(float(avg) * 0.85, float(avg) * 1.05, padding=0)  # apart again: back on their lines
        panel.drain()
        assert labels_apart(panel) and panel.trading.avg_line.label.anchor[1] == 0.5
    finally:
        live.context.orders = None
        live.context.set_portfolio(None)
        await mgr.close()
        await svc.close()
        await close_all(live)


@pytest.mark.asyncio
async def test_average_label_follows_a_language_switch(live, qtbot):
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n

    svc = PortfolioService(live.client, live.hub, live.master, debounce=0.05)
    await svc.start()
    live.context.set_portfolio(svc)
    app = QApplication.instance()
    try:
        panel = await open_chart(live, "AAPL")
        live.context.language_changed.connect(lambda _l: panel.retranslate())  # what its dock does
        await buy_stock(live.client, live.master, "AAPL", 10)
        avg = panel.trading.avg_line
        await live.until(lambda: (panel.drain(), avg.scene() is not None)[1])
        assert avg.label.format.startswith("AVG +10")
        for lang, word in (("ko", "평단 +10"), ("en", "AVG +10")):  # the language action's steps
            i18n.install(app, lang)
            live.context.set_language(lang)
            assert avg.label.format.startswith(word) and avg.label.toPlainText().startswith(word)
    finally:
        i18n.install(app, "en")
        live.context.set_portfolio(None)
        await svc.close()
        await close_all(live)


@pytest.mark.asyncio
async def test_average_label_keeps_clear_of_the_readout(live, qtbot):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPolygonF

    from tests.ui.test_chart_readout import hover_bar

    svc = await installed_portfolio(live)
    try:
        panel = await open_chart(live, "AAPL", size=(900, 500))
        await buy_stock(live.client, live.master, "AAPL", 10)
        avg_line = panel.trading.avg_line
        await live.until(lambda: held(svc, "AAPL") == 10 and (panel.drain(), avg_line.scene() is not None)[1])
        view, vb = panel.view, panel.view.price_plot.vb
        hover_bar(panel, len(panel.series) - 2)  # the read-out shown
        assert view.readout.text()
        avg = float(svc.position("AAPL").avg_price)
        px = (avg * 0.02) / vb.height()  # a pixel in price
        vb.setYRange(avg * 0.98, avg + 3 * px, padding=0)  # the line 3 px under the pane's top
        panel.trading.relayout = True
        panel.drain()
        view.grab()
        g = view.readout.geometry()
        band = QPolygonF(view.mapToScene(QRect(view.viewport().mapFrom(view, g.topLeft()), g.size()))).boundingRect()
        label = avg_line.label.sceneBoundingRect()
        assert not label.intersects(band), (label, band)
    finally:
        live.context.set_portfolio(None)
        await svc.close()
        await close_all(live)
