"""The value axes of the chart's panes: a short pane (the volume pane of the default workspace,
about 80 px) still draws two labels, so its scale can be read, not a lone "0" (its round step had
put the next value so near the pane's top that its label was left out, as it would have covered
the pane above)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter, QPixmap

from app.trading.bar_series import BarSeries, Timeframe
from tests.ui.test_chart_time_labels import chart  # noqa: F401  (fixture: a chart panel, no market)


def bars(n: int, volume_max: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(5)
    c = 100.0 * np.exp(np.cumsum(rng.normal(0, 0.001, n)))
    o = np.concatenate(([100.0], c[:-1]))
    v = rng.integers(1, volume_max, n).astype(np.float64)
    v[n // 2] = volume_max
    return {"t": 1_700_000_000 + np.arange(n, dtype=np.int64) * 300, "o": o,
            "h": np.maximum(o, c) * 1.0005, "l": np.minimum(o, c) * 0.9995, "c": c, "v": v}


def drawn_labels(panel, plot, monkeypatch) -> list[str]:
    """The labels the pane's right axis draws when the cached layer is drawn again, top down."""
    axis = plot.axes["right"]["item"]
    blits: list[tuple[float, int]] = []
    real = QPainter.drawPixmap

    def draw_pixmap(painter, *args):
        if len(args) == 2 and isinstance(args[0], QPointF) and isinstance(args[1], QPixmap):
            blits.append((args[0].y(), args[1].cacheKey()))
        return real(painter, *args)

    with monkeypatch.context() as m:
        m.setattr(QPainter, "drawPixmap", draw_pixmap)
        axis._drawn_key = None  # (its own cached pixmap: drawn again too)
        panel.view.invalidate_layer()
        panel.grab()
    names = {pm.cacheKey(): text for (text, _dpr), pm in axis._labels_px.items()}
    return [names[key] for _y, key in sorted(blits) if key in names]


@pytest.mark.parametrize("volume_max", [44, 46, 88, 435, 4_350, 43_500])
def test_a_short_volume_pane_draws_two_labels(chart, volume_max, monkeypatch):  # noqa: F811
    panel = chart
    panel.resize(700, 430)
    series = BarSeries(Timeframe.parse("5m"))
    series.replace(bars(300, volume_max))
    panel.show_series(series)
    panel.go_end()
    panel.view.show_last(300)
    panel.grab()
    price, volume = panel.view.plots()[:2]
    lo, hi = volume.vb.viewRange()[1]
    assert volume.vb.sceneBoundingRect().height() < 90 and lo == 0 and hi >= volume_max  # a short pane
    labels = drawn_labels(panel, volume, monkeypatch)[::-1]  # from the bottom: "0" first
    assert len(labels) >= 2 and labels[0] == "0", labels
    values = [float(s.replace(",", "").replace("K", "e3")) for s in labels]
    assert values == sorted(values) and max(values) <= hi  # round values inside the pane
    assert len(drawn_labels(panel, price, monkeypatch)) >= 4  # the price pane's labels as before
