"""More bars than pixels: the bars are drawn in groups of k, and the newest group (not just the
newest bar) is the live items' (app/ui/chart/groups.py). A new bar in that group leaves the cached
layer as it was; the live items draw the group as the layer draws it once it has closed; the panes'
y ranges fit the groups as drawn (a group's volume is its bars' total)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRect
from PySide6.QtWidgets import QApplication

from app.ui.chart.groups import live_start
from tests.ui.chart_pixels import chart_panel, pixels


@pytest.fixture
def panel(qtbot):
    panel = chart_panel(qtbot, seed=21)
    panel.show_all()
    QApplication.instance().processEvents()
    yield panel
    panel.shutdown()


def columns(view, first: int, last: int) -> tuple[int, int]:
    """The viewport px columns from bar `first`'s left edge to bar `last`'s right edge."""
    t = view.price_plot.vb.childGroup.sceneTransform() * view.viewportTransform()
    return int(t.map(QPointF(first - 0.5, 0)).x()), int(t.map(QPointF(last + 0.5, 0)).x())


def bar(series, rng) -> tuple:
    p = float(series.c[-1])
    c = p * (1 + (-1) ** len(series) * 0.0025)  # up and down: inside the y range (no rescale)
    return int(series.t[-1]) + 60, p, max(p, c) * 1.0002, min(p, c) * 0.9998, c, float(rng.integers(50, 400))


def test_a_group_drawn_live_is_drawn_alike_by_the_layer_once_closed(panel):
    """A new bar inside the newest group draws nothing into the layer's panes; the group's columns,
    grabbed while it is the live items' and again once the next bar opened a group (the layer's
    now), are the same pixels (where the view did not move a pixel nor a pane rescale between)."""
    app = QApplication.instance()
    view = panel.view
    s = panel.series
    k = view.group_size()
    assert k >= 8  # (3,000 bars in some 900 px)
    rng = np.random.default_rng(4)
    axis = view.plots()[-1].getAxis("bottom")
    panes_bottom = int(view.viewportTransform().mapRect(axis.mapRectToScene(axis.rect())).top())
    checked = 0
    for _group in range(12):
        if checked >= 4:
            break
        g = live_start(len(s), k)
        while len(s) < g + k:  # the newest group fills up, bar by bar
            s.append(*bar(s, rng))
            panel.drain()
            exposed = view.layer.exposed
            if len(s) - 1 > g and exposed is not None:  # not the group's first bar: the layer kept as it was
                assert exposed.intersected(QRect(0, 0, view.viewport().width(), panes_bottom)).isEmpty()
            app.processEvents()
        view.last_line.setVisible(False)  # (the last price's line and label cross the newest group)
        live = pixels(view.grab().toImage())
        cols, ranges = columns(view, g, g + k - 1), [p.vb.viewRange() for p in view.plots()]
        s.append(*bar(s, rng))  # the next group opens: the full one goes into the layer
        panel.drain()
        app.processEvents()
        if columns(view, g, g + k - 1) != cols or [p.vb.viewRange()[1] for p in view.plots()] != \
                [r[1] for r in ranges]:
            continue  # (the view moved a px or a pane rescaled: another group)
        view.last_line.setVisible(False)
        closed = pixels(view.grab().toImage())
        a, b = cols[0] + 1, cols[1] - 1  # (the columns it shares with its neighbours aside)
        offset = view.viewport().mapTo(view, view.viewport().rect().topLeft())
        part = (slice(offset.y(), offset.y() + panes_bottom), slice(offset.x() + a, offset.x() + b))
        differ = np.argwhere(live[part] != closed[part])
        assert not len(differ), f"group at {g}: {len(differ)} px differ, first at {differ[0].tolist()}"
        assert len(np.unique(live[part])) >= 3  # (something was drawn there: candle and volume)
        checked += 1
    assert checked >= 3


def test_panes_fit_the_groups_drawn(panel):
    """A group's volume is its bars' total and its range their extremes: the volume pane is tall
    enough for the tallest group drawn, the price pane holds every group's high and low."""
    view = panel.view
    s = panel.series
    k = view.group_size()
    (x0, x1), _ = view.price_plot.vb.viewRange()
    n = len(s)
    starts = np.arange(0, n, k)
    totals = np.add.reduceat(s.v[:n], starts)
    assert totals.max() > 4 * s.v.max()  # (the totals are what the pane must show)
    _v0, v1 = view.volume_plot.vb.viewRange()[1]
    assert v1 >= totals.max()
    y0, y1 = view.price_plot.vb.viewRange()[1]
    assert y0 <= float(s.l.min()) and y1 >= float(s.h.max())


def test_zoomed_out_the_live_items_hold_the_newest_group(panel):
    """Zoomed from single bars to groups, the live items' bounds take in the newest group (a tick
    repaints all of it, not the newest bar's sliver), and the screen is what a full redraw paints."""
    app = QApplication.instance()
    view = panel.view
    panel.go_end()
    view.show_last(100)
    app.processEvents()
    assert view.group_size() == 1
    panel.show_all()
    app.processEvents()
    k = view.group_size()
    s = panel.series
    g = live_start(len(s), k)
    assert g < len(s) - 1  # (a group of several bars)
    for item in (view.live_item, view.live_volume):
        r = item.boundingRect()
        assert r.left() <= g and r.right() >= len(s) - 1, (item, r, g)
    for _ in range(5):
        s.update_last(float(s.c[-1]) * 1.0004, 30.0)
        panel.drain()
        app.processEvents()
    g0 = view.geometry()
    screen = pixels(app.primaryScreen().grabWindow(panel.winId()).toImage())[g0.top():g0.bottom() + 1, g0.left():g0.right() + 1]
    full = pixels(panel.grab().toImage())[g0.top():g0.bottom() + 1, g0.left():g0.right() + 1]
    differ = np.argwhere(screen != full)
    assert not len(differ), f"{len(differ)} px differ, first at {differ[0].tolist()}"
