"""Indicator curves on the price pane (Bollinger bands, averages, VWAP) are part of its y fit: a
band wider than the bars stays in view instead of running off the pane's top or bottom."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

from app.ui.chart.lines import LevelLine
from app.ui.chart.navigation import OVERLAY_ROOM
from tests.ui.test_chart import close_all, open_chart


def curves_in_view(panel) -> tuple[float, float, float, float]:
    """(lowest curve value, highest, y0, y1) over the bars in the x range; the curves' reach capped
    at OVERLAY_ROOM of the bars' range past them."""
    view = panel.view
    (x0, x1), (y0, y1) = view.price_plot.vb.viewRange()
    lo, hi = max(0, int(math.floor(x0))), min(len(view.series), int(math.ceil(x1)) + 1)
    vals = np.concatenate([a[lo:hi] for st in panel.studies.items for a in st.out.values()])
    vals = vals[~np.isnan(vals)]
    bar_lo, bar_hi = float(view.series.l[lo:hi].min()), float(view.series.h[lo:hi].max())
    room = (bar_hi - bar_lo) * OVERLAY_ROOM
    return max(float(vals.min()), bar_lo - room), min(float(vals.max()), bar_hi + room), y0, y1


@pytest.mark.asyncio
async def test_bands_wider_than_the_bars_stay_in_view(live, qtbot):
    panel = await open_chart(live, "AMZN", tf="15m", size=(1000, 600))
    panel.add_indicator("bb", {"n": 20, "k": 6.0})  # bands far outside the bars
    panel.drain()
    low, high, y0, y1 = curves_in_view(panel)
    assert y0 <= low and high <= y1
    bars = float(panel.series.h[-100:].max() - panel.series.l[-100:].min())
    assert y1 - y0 <= bars * (1 + 2 * OVERLAY_ROOM) * 1.2  # the bars not squashed by far curves
    panel.view.setFocus()
    for _ in range(3):  # scrolled back, and zoomed: still fitted
        qtbot.keyClick(panel.view, Qt.Key.Key_Left)
        qtbot.keyClick(panel.view, Qt.Key.Key_Minus)
        low, high, y0, y1 = curves_in_view(panel)
        assert y0 <= low and high <= y1
    panel.remove_indicator("bb")
    assert not panel.view.overlays
    await close_all(live)


@pytest.mark.asyncio
async def test_rsi_pane_labels_its_levels(live, qtbot):
    panel = await open_chart(live, "AMZN", size=(600, 470))  # a dock's size: low indicator panes
    panel.add_indicator("rsi")
    panel.add_indicator("macd")
    panel.drain()
    rsi = panel.studies.find("rsi").pane
    ax = rsi.getAxis("right")
    _x, (y0, y1) = rsi.vb.viewRange()
    assert ax.ticks(y0, y1, ax.rect().height())[1] == ["30", "70"]
    assert sorted(item.y for item in rsi.vb.addedItems if isinstance(item, LevelLine)) == [30.0, 70.0]
    await close_all(live)


@pytest.mark.asyncio
async def test_vwap_starts_again_each_session_without_a_line_down_to_it(live, qtbot):
    from PySide6.QtCore import QPointF

    panel = await open_chart(live, "AAPL", tf="1m", size=(1000, 600))
    panel.add_indicator("vwap")
    panel.drain()
    s, view = panel.series, panel.view
    vwap = panel.studies.find("vwap").out["vwap"][:len(s)]
    day = s.t // 86400
    starts = np.flatnonzero(day[1:] != day[:-1]) + 1
    assert len(starts)
    b = int(starts[np.argmax(np.abs(vwap[starts] - vwap[starts - 1]))])  # the largest jump
    curve = panel.studies.find("vwap").curves["vwap"]
    view._set_x(b - 20, b + 20)
    lo, hi = sorted((float(vwap[b - 1]), float(vwap[b])))
    vb = view.price_plot.vb
    vb.setYRange(lo - (hi - lo), hi + (hi - lo), padding=0)
    image = view.grab().toImage()
    t = vb.childGroup.sceneTransform() * view.viewportTransform()

    def at(x, y):
        return view.viewport().mapTo(view, t.map(QPointF(x, y)).toPoint())

    top, bottom = at(b - 0.5, hi).y() + 3, at(b - 0.5, lo).y() - 3
    assert bottom - top > 10  # a jump of some pixels
    color = curve.color.name()
    ink = sum(image.pixelColor(x, y).name() == color
              for x in range(at(b - 1, hi).x() + 1, at(b, hi).x()) for y in range(top, bottom))
    assert ink == 0
    assert b in curve.breaks
    await close_all(live)
