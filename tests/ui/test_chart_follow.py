"""Following the newest bar: new bars fill the free room right of the newest one and the view moves
on by a step when the room is used up (wide bars); dense bars (more than a bar a pixel) move the view
on with every new bar. Either way the newest bar stays in view with room after it, the view keeps
its width, and the chart keeps following."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.trading.bar_series import BarSeries, Timeframe
from app.ui.chart.navigation import FOLLOW_STEP, RIGHT_PAD
from app.ui.chart.view import ChartView


def series(n: int) -> BarSeries:
    s = BarSeries(Timeframe.parse("1m"))
    c = 100 + np.cumsum(np.random.default_rng(3).normal(0, 0.05, n))
    s.replace({"t": 1_700_000_040 + np.arange(n, dtype=np.int64) * 60, "o": c, "h": c + 0.05,
               "l": c - 0.05, "c": c, "v": np.ones(n)})
    return s


def new_bar(view: ChartView) -> None:
    s = view.series
    p = float(s.c[-1])
    s.append(int(s.t[-1]) + 60, p, p + 0.02, p - 0.02, p, 1.0)
    with view.appending():  # as the panel's frame clock does
        view.on_append(1)


@pytest.fixture
def view(qtbot):
    v = ChartView()
    qtbot.addWidget(v)
    v.resize(1000, 500)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_wide_bars_fill_the_room_then_the_view_steps_on(view, qtbot):
    view.set_series(series(500))
    view.show_last(100)
    qtbot.wait(1)
    (x0, x1), _ = view.price_plot.vb.viewRange()
    width = x1 - x0
    step = round(FOLLOW_STEP * width)
    moves = []
    for _ in range(40):
        before = view.price_plot.vb.viewRange()[0][0]
        new_bar(view)
        qtbot.wait(1)
        (x0, x1), _ = view.price_plot.vb.viewRange()
        n = len(view.series)
        assert x1 - (n - 0.5) >= 1 - 1e-6  # the newest bar in view, a slot of room after it at least
        assert x1 - x0 == pytest.approx(width, abs=1e-6)
        if abs(x0 - before) > 0.5:
            moves.append(x0 - before)
    assert view.follow
    assert moves and all(d == pytest.approx(step, abs=0.5) for d in moves[1:]), moves
    assert len(moves) <= math.ceil(40 / step) + 1  # (not on every bar)


def test_dense_bars_move_the_view_on_with_every_bar(view, qtbot):
    view.set_series(series(20_000))
    view.show_all()
    qtbot.wait(1)
    (x0, x1), _ = view.price_plot.vb.viewRange()
    half_px = (x1 - x0) / view.price_plot.vb.width() / 2  # (the range is rounded to move whole pixels)
    assert half_px > 5  # (dense: many bars a pixel)
    for _ in range(120):
        new_bar(view)
        (y0, y1), _ = view.price_plot.vb.viewRange()
        assert y1 - (len(view.series) - 0.5) == pytest.approx(RIGHT_PAD, abs=half_px + 1e-6)
    qtbot.wait(1)
    assert y0 - x0 == pytest.approx(120, abs=half_px + 1e-6)  # a bar on each time (none into the room)
    assert view.follow
