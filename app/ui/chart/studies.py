"""Indicators on a `ChartView`: curves on the price pane (SMA, EMA, Bollinger, VWAP) or in their
own pane (RSI, MACD), recomputed in full when the bars are replaced and from the newest bar on
for a live tick or a new bar."""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.trading import indicators
from app.ui.chart.indicator_params import sanitize
from app.ui.chart.items import blend
from app.ui.chart.lines import CurveItem, LevelLine

COLORS = ["#f5a524", "#2ec4b6", "#c678dd", "#e5c07b", "#61afef", "#98c379", "#ef8354"]
LINE_COLORS = {"upper": 0, "lower": 0, "signal": 1, "hist": 2}
RSI_LEVELS = (30.0, 70.0)
NO_BREAKS = np.zeros(0, np.int64)
log = logging.getLogger(__name__)


def _t(text: str) -> str:
    return QCoreApplication.translate("Chart", text)


class Study:
    def __init__(self, view: Any, ind: indicators.Indicator, color: str):
        self.view = view
        self.ind = ind
        self.out: dict[str, np.ndarray] = {}
        self._breaks_key: tuple | None = None
        self._breaks_n = 0  # bars the breaks were found over
        self._breaks_at = NO_BREAKS
        self.pane = view.add_pane() if ind.pane == "own" else None
        plot = self.pane or view.price_plot
        base = QColor(color)
        self.curves: dict[str, CurveItem] = {}
        for i, line in enumerate(ind.lines):
            c = QColor(base) if i == 0 else QColor(COLORS[(COLORS.index(color) + 1 + LINE_COLORS.get(line, i)) % len(COLORS)])
            if line in ("upper", "lower"):
                c = blend(base, getattr(view, "background", QColor("#121316")), 0.67)
            curve = CurveItem(c, 1.0 if line == "hist" else 1.3)
            plot.addItem(curve)
            plot.addItem(curve.tail)
            self.curves[line] = curve
        if self.pane is None:  # on the price pane: its y range holds the curves as well as the bars
            view.overlays.append(self.values_range)
        else:
            self.pane.y_range = self.y_range
            if ind.kind == "rsi":  # its levels drawn and labelled (round steps gave a lone "0" in a low pane)
                self.pane.getAxis("right").levels = RSI_LEVELS
                for level in RSI_LEVELS:
                    self.pane.addItem(LevelLine(level, blend(QColor(120, 120, 120), view.background, 0.47)))

    def recompute(self, series) -> None:
        self.out = self.ind.compute(series) if series is not None and len(series) else {}
        self._push(series)

    def tail(self, series, start: int) -> None:
        if not self.out:
            self.recompute(series)
            return
        self.ind.update(series, self.out, start)
        self._push(series)

    def _push(self, series) -> None:
        n = len(series) if series is not None else 0
        breaks = self._breaks(series)
        for line, curve in self.curves.items():
            values = self.out.get(line, np.zeros(0))[:n]
            curve.breaks = breaks
            curve.set_values(values, series)

    def _breaks(self, series) -> np.ndarray:
        """The first bar of each session after the first, for a VWAP on intraday bars (it starts
        again there: its line is not drawn down from the last session's); else none."""
        if self.ind.kind != "vwap" or series is None or not series.tf.intraday or len(series) < 2:
            return NO_BREAKS
        at = getattr(series, "session_open", 0)  # (the indicator's own split: see VWAP)
        key, n = (id(series), series.resets, at), len(series)
        if key != self._breaks_key or n < self._breaks_n:
            self._breaks_at = indicators.session_breaks(series.t, 1, at)
        elif n > self._breaks_n:  # new bars: only they can open a session
            new = indicators.session_breaks(series.t, self._breaks_n, at)
            if len(new):
                self._breaks_at = np.concatenate((self._breaks_at, new))
        self._breaks_key, self._breaks_n = key, n
        return self._breaks_at

    def y_range(self, lo: int, hi: int) -> tuple[float, float] | None:
        """The own pane's y range for bars [lo, hi)."""
        if self.pane is None:
            return None
        if self.ind.kind == "rsi":
            return -5.0, 105.0
        fit = self.values_range(lo, hi)
        if fit is None:
            return None
        low, high = fit
        pad = (high - low) * 0.08 or 1e-6
        return low - pad, high + pad

    def values_range(self, lo: int, hi: int) -> tuple[float, float] | None:
        """The lowest and highest value of the lines for bars [lo, hi) (None: no values there)."""
        vals = [a[lo:hi] for a in self.out.values() if len(a)]
        vals = [v[~np.isnan(v)] for v in vals]
        vals = [v for v in vals if len(v)]
        if not vals:
            return None
        return min(float(v.min()) for v in vals), max(float(v.max()) for v in vals)

    def remove(self) -> None:
        plot = self.pane or self.view.price_plot
        for curve in self.curves.values():
            plot.removeItem(curve)
            plot.removeItem(curve.tail)
        if self.pane is not None:
            self.view.remove_pane(self.pane)
        elif self.values_range in self.view.overlays:
            self.view.overlays.remove(self.values_range)


class Studies:
    """The indicators of one chart (the workspace keeps `settings()`)."""

    def __init__(self, view: Any):
        self.view = view
        self.items: list[Study] = []

    def add(self, kind: str, params: dict | None = None) -> Study:
        ind = indicators.make(kind, params)
        used = {s.curves[next(iter(s.curves))].color.name() for s in self.items}
        color = next((c for c in COLORS if c not in used), COLORS[len(self.items) % len(COLORS)])
        study = Study(self.view, ind, color)
        self.items.append(study)
        try:
            study.recompute(self.view.series)
        except Exception:  # not left half-made on the chart (its next tick would fail again)
            self.remove(study)
            raise
        return study

    def remove(self, study: Study) -> None:
        if study in self.items:
            self.items.remove(study)
            study.remove()

    def clear(self) -> None:
        for s in list(self.items):
            self.remove(s)

    def find(self, kind: str) -> Study | None:
        return next((s for s in self.items if s.ind.kind == kind), None)

    def recompute(self) -> None:
        for s in self.items:
            s.recompute(self.view.series)

    def tail(self, start: int) -> None:
        for s in self.items:
            s.tail(self.view.series, start)

    def settings(self) -> list[dict]:
        return [s.ind.settings() for s in self.items]

    def apply(self, entries: Any) -> list[str]:
        """Show the indicators of `entries` (a workspace's, maybe hand-edited or from an older
        version) in place of those shown: bad parameters clamped or replaced by the defaults, bad
        entries skipped; returns notes saying what was changed (none: all was good)."""
        self.clear()
        notes: list[str] = []
        if entries is None:
            entries = []
        elif not isinstance(entries, list):
            notes.append(_t("the indicator list was unreadable ({0}); none is shown").format(type(entries).__name__))
            entries = []
        seen: set[str] = set()
        for e in entries:
            entry, why = sanitize(e, seen)
            notes += why
            if entry is None:
                continue
            try:
                self.add(entry["kind"], entry["params"])
            except Exception as exc:  # a checked entry should not fail; if it does, the rest still loads
                log.exception("chart: indicator %s could not be shown", entry["kind"])
                notes.append(_t("{0} could not be shown: {1}").format(entry["kind"].upper(), exc))
        return notes
