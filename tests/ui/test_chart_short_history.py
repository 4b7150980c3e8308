"""A chart with fewer bars than a view holds (a monthly chart, a new listing) shows them across the
view, not squeezed into its right part beside an empty left one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.ui.chart.navigation import LIVE_VIEW, RIGHT_PAD
from tests.ui.test_chart import _ready, close_all, open_chart


@pytest.mark.asyncio
async def test_a_short_history_fills_the_view(live, qtbot):
    # a futures contract's weeks: listed 9-12 months before it is the front one, 39-52 of them
    front = live.master.front("ES").code
    panel = await open_chart(live, front, tf="W", size=(1000, 600))
    n = len(panel.series)
    assert 30 <= n < LIVE_VIEW
    (x0, x1), _ = panel.view.price_plot.vb.viewRange()
    assert x0 == pytest.approx(-0.5) and x1 == pytest.approx(n - 0.5 + RIGHT_PAD)
    panel.set_timeframe("D")  # a long one: the newest LIVE_VIEW bars, as before (its first page)
    await live.until(lambda: panel.feed.state == "ready" and panel.series.tf.id == "D")
    panel.drain()
    (x0, x1), _ = panel.view.price_plot.vb.viewRange()
    assert x1 - x0 == pytest.approx(LIVE_VIEW + RIGHT_PAD)
    panel.set_timeframe("W")
    await live.until(lambda: _ready(panel) and panel.series.tf.id == "W")
    panel.drain()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_End)
    (x0, x1), _ = panel.view.price_plot.vb.viewRange()
    assert x0 == pytest.approx(-0.5)
    await close_all(live)
