"""A bar's colour: up when it closed above its open; a bar that closed at its open (a one-trade
tick bar, a doji) takes the direction of its close against the close before it, as the tape colours
the trade. Its volume bar takes the same colour. (All of a 1-tick chart's bars were up-coloured.)"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF

from app.trading.bar_series import BarSeries, Timeframe
from app.ui.chart.recorder import rising
from app.ui.context import AppContext
from app.ui.panels.chart import ChartPanel


def test_rising():
    o = np.array([10.0, 10.0, 10.0, 10.0])
    c = np.array([11.0, 9.0, 10.0, 10.0])
    prev = np.array([12.0, 8.0, 9.5, 10.5])
    assert rising(o, c, prev).tolist() == [True, False, True, False]


def test_flat_bars_take_the_direction_of_their_trade(qtbot):
    panel = ChartPanel(AppContext("en"))
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    prices = 100 + np.cumsum(np.where(np.arange(60) % 3 == 0, -0.05, 0.04))  # up, up, down, ...
    n = len(prices)
    bars = {"t": 1_700_000_000 + np.arange(n, dtype=np.int64), "o": prices, "h": prices, "l": prices,
            "c": prices, "v": np.full(n, 50.0)}
    series = BarSeries(Timeframe.parse("1t"))
    series.replace(bars)
    panel.show_series(series)
    view = panel.view
    for step in range(6):  # new one-trade bars too: drawn by the live items, then into the layer
        p = float(series.c[-1]) + (0.04 if step % 2 else -0.05)
        series.append(int(series.t[-1]) + 1, p, p, p, p, 50.0)
        panel.drain()
        qtbot.wait(1)
    image = view.grab().toImage()
    price_t = view.price_plot.vb.childGroup.sceneTransform() * view.viewportTransform()
    volume_t = view.volume_plot.vb.childGroup.sceneTransform() * view.viewportTransform()
    up, down = view.price_item.up.name(), view.price_item.down.name()
    fills = view.volume_item.fill(view.price_item.up).name(), view.volume_item.fill(view.price_item.down).name()
    checked = 0
    (x0, _x1), _ = view.price_plot.vb.viewRange()
    for i in range(max(1, int(x0) + 2), len(series)):
        c, before = float(series.c[i]), float(series.c[i - 1])
        rise = c >= before
        at = price_t.map(QPointF(i + 0.2, c)).toPoint()
        seen = {image.pixelColor(at.x(), at.y() + d).name() for d in (-1, 0, 1)} - {view.background.name()}
        assert seen == {up if rise else down}, (i, c, before, seen)  # (the doji: one px high)
        vol = volume_t.map(QPointF(i + 0.2, 25.0)).toPoint()
        assert image.pixelColor(vol).name() == fills[0 if rise else 1], i
        checked += 1
    assert checked >= 30
