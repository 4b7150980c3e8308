"""Panning and zooming the chart stop where the bars end: dragged, wheeled or keyed past the oldest
or the newest bar, or zoomed out past all of them, bars still fill half the view (all of them when
there are fewer) and the y axes keep a range fitted to bars (an empty view kept the last range, and
its axis labels, of bars no longer shown)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.ui.chart.navigation import KEEP
from tests.ui.test_chart import close_all, open_chart


def bars_in_view(view) -> float:
    """How many bar slots of the series the x range covers."""
    (x0, x1), _ = view.price_plot.vb.viewRange()
    n = len(view.series)
    return max(0.0, min(x1, n - 0.5) - max(x0, -0.5))


def filled(view) -> bool:
    (x0, x1), _ = view.price_plot.vb.viewRange()
    return bars_in_view(view) >= min(len(view.series), KEEP * (x1 - x0)) - 1e-6


def drag(qtbot, view, dx: int, times: int = 1) -> None:
    vp = view.viewport()
    start = view.mapFromScene(view.price_plot.vb.sceneBoundingRect().center())
    for _ in range(times):
        qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
        for k in range(1, 11):
            qtbot.mouseMove(vp, start + QPoint(dx * k // 10, 0))
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))


@pytest.mark.asyncio
async def test_dragging_and_keys_stop_where_the_bars_end(live, qtbot):
    panel = await open_chart(live, "AMZN", tf="15m", size=(1000, 600))
    view = panel.view
    assert panel.feed.complete  # nothing older to page in: the oldest bar is the end
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    drag(qtbot, view, 400, times=4)  # pulled right, far past the oldest bar
    assert filled(view)
    y0, y1 = view.price_plot.vb.viewRange()[1]
    (x0, x1), _ = view.price_plot.vb.viewRange()
    lo, hi = max(0, int(x0)), int(x1) + 1
    assert y0 <= float(view.series.l[lo:hi].min()) and float(view.series.h[lo:hi].max()) <= y1

    for _ in range(30):  # keys: far into the future
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert filled(view)
    drag(qtbot, view, -400, times=4)
    assert filled(view)
    for _ in range(30):
        qtbot.keyClick(view, Qt.Key.Key_Left)
    assert filled(view)
    await close_all(live)


@pytest.mark.asyncio
async def test_zooming_out_stops_at_all_bars(live, qtbot):
    panel = await open_chart(live, "AAPL", tf="M", size=(1000, 600))  # fewer months than a view holds
    view = panel.view
    view.setFocus()
    for _ in range(20):
        qtbot.keyClick(view, Qt.Key.Key_Minus)
    (x0, x1), _ = view.price_plot.vb.viewRange()
    assert x1 - x0 <= max(100, (len(view.series) + 3) / KEEP) + 1e-6
    assert filled(view) and view.follow
    drag(qtbot, view, -300, times=3)
    assert filled(view)
    await close_all(live)


def wheel(view, notches: int) -> None:
    from PySide6.QtCore import QPoint as P
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    vp = view.viewport()
    pos = view.mapFromScene(view.price_plot.vb.sceneBoundingRect().center())
    ev = QWheelEvent(pos.toPointF(), vp.mapToGlobal(pos).toPointF(), P(0, 0), P(0, 120 * notches),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(vp, ev)


@pytest.mark.asyncio
async def test_the_wheel_keeps_following_the_newest_bar(live, qtbot):
    panel = await open_chart(live, "AAPL", size=(1000, 600))
    view = panel.view
    (x0, x1), _ = view.price_plot.vb.viewRange()
    wheel(view, 2)  # in, over the middle of the chart
    (z0, z1), _ = view.price_plot.vb.viewRange()
    assert z1 - z0 < x1 - x0
    assert view.follow and z1 >= len(view.series) - 1
    wheel(view, -4)  # out
    (z0, z1), _ = view.price_plot.vb.viewRange()
    assert z1 - z0 > x1 - x0 and view.follow and filled(view)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Left)  # scrolled back: about the mouse, as pyqtgraph zooms
    wheel(view, 2)
    assert not view.follow
    await close_all(live)


@pytest.mark.asyncio
async def test_a_new_timeframe_follows_and_says_so(live, qtbot):
    panel = await open_chart(live, "AAPL")
    view = panel.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert not view.follow and panel.end_button.isEnabled()
    panel.set_timeframe("15m")  # a new series opens at its newest bar, following it
    assert view.follow and not panel.end_button.isEnabled()
    await close_all(live)
