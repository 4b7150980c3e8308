"""Helpers of the chart's pixel tests: a random walk of 1-minute bars, a grab's pixels as an array."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage


def walk(n: int, seed: int = 11) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    c = 100.0 * np.exp(np.cumsum(rng.normal(0, 0.001, n)))
    o = np.concatenate(([100.0], c[:-1]))
    return {"t": 1_700_000_000 + np.arange(n, dtype=np.int64) * 60, "o": o,
            "h": np.maximum(o, c) * 1.0005, "l": np.minimum(o, c) * 0.9995, "c": c,
            "v": rng.integers(1, 500, n).astype(np.float64)}


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), -1)[:, :image.width()].copy()


def chart_panel(qtbot, bars: int = 3000, seed: int = 11):
    """A chart panel of 1000 × 640 px, shown, with `walk(bars, seed)` in it (no feed)."""
    from app.trading.bar_series import BarSeries, Timeframe
    from app.ui.context import AppContext
    from app.ui.panels.chart import ChartPanel
    panel = ChartPanel(AppContext("en"))
    qtbot.addWidget(panel)
    panel.resize(1000, 640)
    panel.show()
    series = BarSeries(Timeframe.parse("1m"))
    series.replace(walk(bars, seed))
    panel.show_series(series)
    return panel
