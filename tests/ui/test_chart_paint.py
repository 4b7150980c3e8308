"""The chart's cached layer after live ticks and new bars: a new bar moves the cached history on by
whole pixels and draws only the bar that closed and the time axis (see app/ui/chart/layers.py); what
is painted must be what a full redraw of the same state paints, pixel for pixel, with indicators on
the price pane and in panes of their own, with the newest bars in view and with all of them (merged
bars), and when the layer's pixmap comes to its end."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF

from app.ui.chart.layers import Layer
from tests.ui.chart_pixels import chart_panel, pixels, walk


@pytest.fixture
def panel(qtbot):
    panel = chart_panel(qtbot)
    for kind in ("sma", "bb", "rsi", "macd"):
        panel.add_indicator(kind)
    yield panel
    panel.shutdown()


def painted_and_redrawn(view) -> tuple[np.ndarray, np.ndarray]:
    """The view as it paints now (its cached layer moved on, the bars it holds back drawn by the
    live items), and as it paints with its cached layer drawn anew."""
    now = pixels(view.grab().toImage())
    kept = view.layer
    view.layer = Layer(view)
    try:
        again = pixels(view.grab().toImage())
    finally:
        view.layer = kept
    return now, again


def screen_and_grab(panel) -> tuple[np.ndarray, np.ndarray]:
    """The chart view's pixels on screen, and as `grab` repaints them all (the tool bar left out:
    the symbol box's cursor may blink between the two)."""
    from PySide6.QtWidgets import QApplication
    g = panel.view.geometry()

    def view_part(image) -> np.ndarray:
        return pixels(image.toImage())[g.top():g.bottom() + 1, g.left():g.right() + 1]
    return view_part(QApplication.instance().primaryScreen().grabWindow(panel.winId())), view_part(panel.grab())


def group_width(view) -> float:
    """The width of a drawn bar (or group of bars) in px."""
    t = view.price_plot.vb.childGroup.sceneTransform()
    return t.m11() * view.group_size()


@pytest.mark.parametrize("studies", ["indicators", "bars alone"])
@pytest.mark.parametrize("view", ["newest", "all"])
def test_ticks_and_new_bars_paint_what_a_full_redraw_paints(panel, qtbot, view, studies, monkeypatch):
    monkeypatch.setattr(Layer, "ROOM", 0.1)  # the tape's end comes every ten bars or so
    if studies == "bars alone":  # (new bars are held back by the layer, drawn by the live items)
        for kind in ("sma", "bb", "rsi", "macd"):
            panel.remove_indicator(kind)
    app_view = panel.view
    app_view.layer.tape = None  # (a new one, that short)
    if view == "all":
        panel.show_all()
    qtbot.wait(10)
    s = panel.series
    layer = app_view.layer

    def painted() -> np.ndarray:
        qtbot.wait(1)  # the paint the change asked for
        return pixels(app_view.grab().toImage())

    rng = np.random.default_rng(5)
    shifts, redraws, rewinds = layer.shifts, layer.redraws, layer.rewinds
    held = 0
    for step in range(170):
        p = float(s.c[-1])
        if step % 3:  # a new bar, up or down, tall enough to see, seldom a new high or low
            c = p * (1 + rng.choice([-1, 1]) * 0.0008)
            s.append(int(s.t[-1]) + 60, p, max(p, c) * 1.0003, min(p, c) * 0.9997, c, float(rng.integers(50, 400)))
        else:  # a tick on the newest bar
            s.update_last(p * (1 + rng.normal(0, 0.0005)), 7.0)
        panel.drain()
        if step % 20 != 19:  # against a cached layer drawn anew (the view's own goes on)
            qtbot.wait(1)
            held += layer.held_from is not None
            now, again = painted_and_redrawn(app_view)
            diff = np.argwhere(now != again)
            # Qt clips a line crossing the pane's left edge before it steps along it: a redraw may
            # put a pixel of that segment one row off from the same segment drawn whole earlier
            edge = app_view.price_plot.vb.sceneBoundingRect().left() + 2 * group_width(app_view)
            left = diff[diff[:, 1] < edge]
            assert len(left) <= 3, f"step {step}: {len(left)} pixels differ at the left edge: (y, x) {left[:3]}"
            diff = diff[diff[:, 1] >= edge]
            assert not len(diff), f"step {step}: {len(diff)} pixels differ from a redraw, first at (y, x) {diff[0]}"
            continue
        shown = painted()  # and now and then the whole view, drawn anew
        app_view.invalidate_layer()
        again = painted()
        assert layer.redraws > redraws  # (it was)
        redraws = layer.redraws
        diff = np.argwhere(shown != again)
        assert not len(diff), f"step {step}: {len(diff)} pixels differ from a full redraw, first at (y, x) {diff[0]}"
    assert layer.shifts - shifts >= 80  # the new bars moved the cached layer on (not drawn anew each time)
    if view == "newest":
        assert layer.rewinds - rewinds >= 3  # and came to the end of its room
        if studies == "bars alone":
            assert held >= 40  # and bars that closed were held back, drawn by the live items
        else:
            assert not held  # (under the indicators' curves they are not)


def test_a_closed_bar_is_in_the_cached_layer_in_its_colour(panel, qtbot):
    """The bar that closed is drawn by the layer alone (the live item moved on to the new bar): its
    body shows in its colour at its place, the layer moved on rather than drawn anew."""
    view = panel.view
    s = panel.series
    x0 = view.price_plot.vb.viewRange()[0][0]
    for _ in range(30):  # the view's first move on after it was set may be drawn in full
        s.append(int(s.t[-1]) + 60, float(s.c[-1]), float(s.c[-1]), float(s.c[-1]), float(s.c[-1]), 1.0)
        panel.drain()
        qtbot.wait(1)
        if view.price_plot.vb.viewRange()[0][0] != x0:
            break
    assert view.price_plot.vb.viewRange()[0][0] != x0
    p = float(s.c[-1])
    y0, y1 = view.price_plot.vb.viewRange()[1]
    # well inside the y range, with the bands (in the fit) moving with it: no rescale; away from
    # the nearer edge (the fit pads 6 % past the high and the low)
    rise = p < (y0 + y1) / 2
    up = p + (1 if rise else -1) * 0.04 * (y1 - y0)
    s.update_last(up, 100.0)  # the newest bar goes up (or down)
    panel.drain()
    qtbot.wait(1)
    shifts = view.layer.shifts
    s.append(int(s.t[-1]) + 60, up, up, up, up, 1.0)  # it closes; the next opens flat
    panel.drain()
    qtbot.wait(1)
    image = view.grab().toImage()
    assert view.layer.shifts == shifts + 1
    i = len(s) - 2  # the closed up bar
    t = view.price_plot.vb.childGroup.sceneTransform() * view.viewportTransform()
    body = [view.viewport().mapTo(view, t.map(QPointF(i, p + (up - p) * k / 10)).toPoint()) for k in range(2, 9)]
    colours = [image.pixelColor(q).name() for q in body]  # (an indicator's curve may cross the body)
    colour = (view.price_item.up if rise else view.price_item.down).name()
    assert colours.count(colour) >= 4, colours
    left = view.viewport().mapTo(view, t.map(QPointF(i - 0.5, (p + up) / 2)).toPoint())  # between bars
    assert image.pixelColor(left).name() == view.background.name()


@pytest.mark.parametrize("studies", ["indicators", "bars alone"])
@pytest.mark.parametrize("view", ["newest", "all"])
def test_the_screen_after_partial_paints_is_what_a_full_redraw_paints(panel, qtbot, view, studies):
    """Ticks and new bars repaint only what they expose (the layer is blitted there alone, no cached
    background under it): the window's pixels on screen, after many such paints and no full one,
    are those of a full redraw (`grab` repaints everything); with bars held back by the layer too
    (drawn by the live items, then into the layer in one strip)."""
    from PySide6.QtWidgets import QApplication
    if studies == "bars alone":
        for kind in ("sma", "bb", "rsi", "macd"):
            panel.remove_indicator(kind)
    app_view = panel.view
    if view == "all":
        panel.show_all()
    app = QApplication.instance()
    app.processEvents()
    series = panel.series
    rng = np.random.default_rng(5)
    held = 0
    for i in range(60):
        series.update_last(float(series.c[-1]) * (1 + rng.normal(0, 0.0004)), 3.0)
        panel.drain()
        app.processEvents()
        if i % 3 == 2:
            p = float(series.c[-1])
            series.append(int(series.t[-1]) + 60, p, p, p, p, 1.0)
            panel.drain()
            held += app_view.layer.held_from is not None
            app.processEvents()
    assert app_view.layer.shifts > 0  # (new bars moved the layer on: partial paints, not redraws)
    assert (held >= 10) == (studies == "bars alone" and view == "newest"), held
    screen, full = screen_and_grab(panel)
    assert screen.shape == full.shape
    differ = np.argwhere(screen != full)
    assert not len(differ), f"{len(differ)} px differ, first at (row, col) {differ[0].tolist()}"


def test_new_bars_that_move_no_pixel_repaint_only_their_strip_and_the_screen_is_right(panel, qtbot):
    """With the whole history in view a new bar moves no pixel of the history: only the strip of
    new bars (and the time axis where it changed) is painted again on screen, not the whole view;
    the window's pixels after many such bars, each different, are those of a full redraw."""
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    view = panel.view
    panel.show_all()
    app.processEvents()
    series = panel.series
    rng = np.random.default_rng(9)
    partial = 0
    for i in range(30):
        p = float(series.c[-1])
        c = p * (1 + (-1) ** i * 0.003)  # tall bars, up and down (no new high or low): each one shows
        series.append(int(series.t[-1]) + 60, p, max(p, c) * 1.002, min(p, c) * 0.998, c,
                      float(rng.integers(100, 900)))
        panel.drain()
        exposed = view.layer.exposed
        if exposed is not None:
            partial += 1
            assert exposed.boundingRect().width() < view.viewport().width() / 2 or exposed.rectCount() > 1
        app.processEvents()
    assert partial >= 15  # (half the new bars at least exposed a strip, not the view; the indicator
    # panes rescale now and then)
    screen, full = screen_and_grab(panel)
    differ = np.argwhere(screen != full)
    assert not len(differ), f"{len(differ)} px differ, first at (row, col) {differ[0].tolist()}"


def test_a_new_bar_in_the_room_repaints_its_own_columns_not_the_room(panel, qtbot):
    """Following the newest bars, a new bar that goes into the empty room right of them moves no
    pixel: the panes are painted again on screen only at the bars that changed (the bar that closed
    and the new one), not over the empty room to the panes' right edge; the time axis only when the
    new bar brings a label. The screen stays right."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    view = panel.view
    app.processEvents()
    series = panel.series
    axis = view.plots()[-1].getAxis("bottom")
    panes_bottom = int(view.viewportTransform().mapRect(axis.mapRectToScene(axis.rect())).top())
    widths, rooms, axis_painted = [], [], 0
    for i in range(40):
        p = float(series.c[-1])
        c = p * (1 + (-1) ** i * 0.0008)
        series.append(int(series.t[-1]) + 60, p, max(p, c), min(p, c), c, 200.0)
        panel.drain()
        exposed = view.layer.exposed
        if exposed is not None:
            (x0, x1), _ = view.price_plot.vb.viewRange()
            rooms.append(x1 - (len(series) - 0.5))
            panes = exposed.intersected(QRect(0, 0, view.viewport().width(), panes_bottom))
            widths.append(panes.boundingRect().width() / group_width(view))
            axis_painted += not exposed.intersected(QRect(0, panes_bottom, view.viewport().width(), 100)).isEmpty()
        app.processEvents()
    assert len(widths) >= 20 and max(rooms) >= 6  # (bars went into a room of several slots)
    assert max(widths) <= 4.5, widths  # the closed bar, the new one and a px or two each side
    assert 0 < axis_painted <= len(widths) / 3, (axis_painted, len(widths))  # a label every few bars
    screen, full = screen_and_grab(panel)
    differ = np.argwhere(screen != full)
    assert not len(differ), f"{len(differ)} px differ, first at (row, col) {differ[0].tolist()}"


def test_keys_that_move_the_range_repaint_the_history(panel, qtbot):
    """Scroll back and zoom by keys move the x range alone (no bar changes): the history must be
    drawn anew for the new range, on screen as in a full redraw, and the y range follows the bars."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    view = panel.view
    panel.activateWindow()
    view.setFocus()
    app.processEvents()
    before = view.price_plot.vb.viewRange()
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Left, Qt.Key.Key_Plus, Qt.Key.Key_Left):
        qtbot.keyClick(view, key)
        app.processEvents()
        screen, full = screen_and_grab(panel)
        differ = np.argwhere(screen != full)
        assert not len(differ), f"after {key}: {len(differ)} px differ, first at {differ[0].tolist()}"
    after = view.price_plot.vb.viewRange()
    assert after[0][1] < before[0][1] - 10  # scrolled back by keys
    assert not view.follow


@pytest.mark.parametrize("change", ["reset", "append"])
def test_an_indicator_pane_fits_the_values_it_shows(panel, qtbot, change):
    """New history (a symbol or timeframe switch) or a new bar: the indicator panes' y ranges are
    fitted to the indicators computed for those bars, not to the ones before them (QA: after a
    timeframe switch the MACD pane kept the old range and its lines ran off the bottom)."""
    view = panel.view
    macd = next(s for s in panel.studies.items if s.ind.kind == "macd")
    series = panel.series
    if change == "reset":
        bars = walk(3000)
        for k in ("o", "h", "l", "c"):  # ten times the price: ten times the MACD's swings
            bars[k] = bars[k] * 10
        series.replace(bars)
    else:
        p = float(series.c[-1])
        series.append(int(series.t[-1]) + 60, p, p * 1.08, p, p * 1.08, 50.0)  # a jump: a MACD swing
    panel.drain()
    (x0, x1), _ = view.price_plot.vb.viewRange()
    lo, hi = max(0, int(x0)), min(len(series), int(x1) + 1)
    values = np.concatenate([a[lo:hi] for a in macd.out.values()])
    values = values[~np.isnan(values)]
    y0, y1 = macd.pane.vb.viewRange()[1]
    assert y0 <= values.min() and values.max() <= y1, (y0, y1, values.min(), values.max())


def test_a_tick_that_takes_an_indicator_past_its_pane_widens_the_pane(panel, qtbot):
    """A live tick moves the newest bar's MACD: past the pane's edge, the pane widens at once
    (as the price pane does), rather than drawing the tail out of sight until the next bar."""
    macd = next(s for s in panel.studies.items if s.ind.kind == "macd")
    series = panel.series
    series.update_last(float(series.c[-1]) * 1.06, 5.0)  # a jump within the bar
    panel.drain()
    last = [float(a[len(series) - 1]) for a in macd.out.values() if len(a) >= len(series)]
    y0, y1 = macd.pane.vb.viewRange()[1]
    assert all(y0 <= v <= y1 for v in last), (y0, y1, last)
