"""The crosshair's price on the right axis is a price the symbol trades at: on its tick (E-mini S&P 500
steps 0.25 in the embedded exchange's master), at any height the mouse is at; a stock keeps its cents."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPointF

from tests.ui.test_chart import close_all, hover_mouse, open_chart


def hover_price(panel, fraction: float) -> float:
    """A real mouse move to the height `fraction` of the price pane's range; the price there."""
    view, vb = panel.view, panel.view.price_plot.vb
    (_x0, _x1), (y0, y1) = vb.viewRange()
    price = y0 + (y1 - y0) * fraction
    at = vb.mapViewToScene(QPointF(len(panel.series) - 10, price))
    hover_mouse(view.viewport(), view.mapFromScene(at))
    return view.cross_h.value()


@pytest.mark.asyncio
async def test_crosshair_price_is_on_the_futures_tick(live, qtbot):
    es = live.master.front("ES").code
    panel = await open_chart(live, es, size=(1000, 600))
    assert live.context.instruments.get(es).tick == Decimal("0.25")
    off_tick = 0
    for k in range(1, 40):  # heights a pixel or so apart: most land between two ticks
        y = hover_price(panel, 0.2 + k * 0.015)
        text = panel.view.cross_label.text()
        shown = Decimal(text.replace(",", ""))
        assert shown % Decimal("0.25") == 0, text
        assert abs(float(shown) - y) <= 0.125 + 1e-9  # the nearest tick
        off_tick += (Decimal(str(y)) % Decimal("0.25")) != 0
    assert off_tick > 20  # the mouse was between ticks (a test that cannot fail otherwise)
    await close_all(live)


@pytest.mark.asyncio
async def test_crosshair_price_of_a_stock_is_in_cents(live, qtbot):
    panel = await open_chart(live, "MSFT", size=(1000, 600))
    y = hover_price(panel, 0.37)
    assert panel.view.cross_label.text() == f"{Decimal(str(y)).quantize(Decimal('0.01')):,}"
    await close_all(live)
