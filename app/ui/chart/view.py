"""The chart canvas: a price pane over a volume pane (and indicator panes) on one index time axis,
with crosshair read-out, last-price line, pan/zoom, auto-follow and the y range fitted to the bars
in view. Knows bars, not LS: it draws whatever `BarSeries` it is given.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsItem, QLabel

from app.ui.chart.items import LiveBarItem, LiveVolumeItem, PriceItem, VolumeItem
from app.ui.chart.lines import PriceLineItem

LIVE_VIEW = 100  # bars in view when a chart opens (and after End)
RIGHT_PAD = 3  # empty slots right of the newest bar


def _utc(t: int) -> datetime:
    return datetime.fromtimestamp(int(t), timezone.utc)


class TimeAxis(pg.AxisItem):
    """Bar indices labelled with their times: dates where the day (or year) changes, else times."""

    def __init__(self, view: ChartView):
        super().__init__("bottom")
        self.view = view
        self.setStyle(tickTextOffset=4, autoExpandTextSpace=False)
        self.setHeight(22)

    def tickValues(self, minVal, maxVal, size):
        s = self.view.series
        if s is None or not len(s) or size <= 0:
            return []
        per_px = (maxVal - minVal) / size
        raw = max(1.0, per_px * 110)
        mag = 10 ** math.floor(math.log10(raw))
        step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
        first = max(0, int(math.ceil(minVal / step) * step))
        last = min(len(s) - 1, int(maxVal))
        if last < first:
            return []
        return [(step, list(range(first, last + 1, int(step))))]

    def tickStrings(self, values, scale, spacing):
        s = self.view.series
        if s is None or not len(s):
            return ["" for _ in values]
        unit = s.tf.unit
        out, prev = [], None
        for v in values:
            i = int(v)
            if not 0 <= i < len(s):
                out.append("")
                continue
            d = _utc(s.t[i])
            if i > 0 and prev is None:
                prev = _utc(s.t[max(0, i - int(spacing))])
            if unit in ("tick", "min"):
                new_day = prev is None or prev.date() != d.date()
                fmt = "%m/%d" if new_day else ("%H:%M:%S" if unit == "tick" else "%H:%M")
            elif unit == "month":
                fmt = "%Y" if prev is None or prev.year != d.year else "%b"
            else:
                fmt = "%Y" if prev is None or prev.year != d.year else "%m/%d"
            out.append(d.strftime(fmt))
            prev = d
        return out


class ChartView(pg.GraphicsLayoutWidget):
    """Panes sharing x; `series` is a `BarSeries` (or None)."""

    hovered = Signal(int)  # bar index under the crosshair (-1: none)
    follow_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.series = None
        self.decimals = 2
        self.follow = True
        self._setting_range = False
        self.ci.setContentsMargins(2, 2, 2, 2)
        self.ci.setSpacing(0)
        self.price_plot = self._plot()
        self.price_item = PriceItem()
        self.live_item = LiveBarItem(self.price_item)
        self.price_plot.addItem(self.price_item)
        self.price_plot.addItem(self.live_item)
        self.volume_plot = self._plot()
        self.volume_item = VolumeItem()
        self.volume_item.lod_source = self.price_item
        self.volume_plot.addItem(self.volume_item)
        self.live_volume = LiveVolumeItem(self.volume_item)
        self.volume_plot.addItem(self.live_volume)
        self.addItem(self.price_plot, row=0, col=0)
        self.addItem(self.volume_plot, row=1, col=0)
        self.panes: list[pg.PlotItem] = []  # indicator panes below the volume pane
        self._layout_rows()
        self.last_line = PriceLineItem()
        self.price_plot.addItem(self.last_line, ignoreBounds=True)
        self.last_line.attach(self.price_plot.vb)
        self._cross: list[pg.InfiniteLine] = []
        self.cross_h = pg.InfiniteLine(angle=0, movable=False)
        self.price_plot.addItem(self.cross_h, ignoreBounds=True)
        self.cross_h.hide()  # until the mouse is over the chart
        self.readout = QLabel(self)
        self.readout.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.readout.move(8, 4)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.hover_index = -1
        self.price_plot.vb.sigXRangeChanged.connect(self._on_x_range)
        self.scene().sigMouseMoved.connect(self._on_mouse)
        self.set_colors(QColor("#ff5a5f"), QColor("#4d8dff"), QColor("#121316"), QColor("#8b9099"),
                        QColor("#e4e6eb"))

    # ---- panes ----
    def _plot(self) -> pg.PlotItem:
        plot = pg.PlotItem(axisItems={"bottom": TimeAxis(self)})
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.showAxis("right")
        plot.hideAxis("left")
        plot.getAxis("right").setWidth(66)
        plot.getAxis("right").setStyle(autoExpandTextSpace=False)
        for name in ("right", "bottom"):  # axes repaint from a pixmap unless their range moved
            plot.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        plot.vb.setMouseEnabled(x=True, y=False)
        plot.vb.enableAutoRange(x=False, y=False)
        plot.vb.setDefaultPadding(0.0)
        return plot

    def add_pane(self) -> pg.PlotItem:
        plot = self._plot()
        self.panes.append(plot)
        if hasattr(self, "text_color"):
            grid = QColor(self.dim_color)
            grid.setAlpha(60)
            self._color_axes(plot, grid, self.dim_color)
        self._layout_rows()
        return plot

    def remove_pane(self, plot: pg.PlotItem) -> None:
        if plot in self.panes:
            self.panes.remove(plot)
            self.removeItem(plot)
            self._layout_rows()

    def _layout_rows(self) -> None:
        """Price, volume, then indicator panes; the time axis shows under the lowest only."""
        plots = [self.price_plot, self.volume_plot, *self.panes]
        for row, plot in enumerate(plots):
            if row >= 2 and plot.scene() is None:
                self.addItem(plot, row=row, col=0)
            if plot is not self.price_plot:
                plot.setXLink(self.price_plot)
            if plot is plots[-1]:
                plot.showAxis("bottom")
            else:
                plot.hideAxis("bottom")
        lay = self.ci.layout
        for row in range(len(plots)):
            lay.setRowStretchFactor(row, 6 if row == 0 else 2)

    # ---- look ----
    def set_colors(self, up: QColor, down: QColor, background: QColor, dim: QColor, text: QColor) -> None:
        self.setBackground(background)
        self.volume_item.background = QColor(background)
        self.volume_item._fills.clear()
        for item in (self.price_item, self.volume_item):
            item.set_colors(up, down)
        self.price_item.line_color = QColor(text)
        grid = QColor(dim)
        grid.setAlpha(60)
        for plot in (self.price_plot, self.volume_plot, *self.panes):
            self._color_axes(plot, grid, dim)
        cross = QColor(dim)
        cross.setAlpha(150)
        pen = QPen(cross)
        pen.setCosmetic(True)
        self.cross_h.setPen(pen)
        for line in self._cross:
            line.setPen(pen)
        self._cross_pen = pen
        self.readout.setStyleSheet(f"color: {text.name()}; background: transparent;")
        self.message.setStyleSheet(f"color: {dim.name()}; font-size: 15px;")
        self.text_color, self.dim_color = QColor(text), QColor(dim)

    @staticmethod
    def _color_axes(plot: pg.PlotItem, grid: QColor, dim: QColor) -> None:
        for name in ("right", "bottom"):
            ax = plot.getAxis(name)
            ax.setPen(grid)
            ax.setTextPen(dim)

    def set_readout_font(self, font: QFont) -> None:
        self.readout.setFont(font)

    # ---- data ----
    def set_series(self, series, decimals: int = 2) -> None:
        self.series = series
        self.decimals = decimals
        for item in (self.price_item, self.live_item, self.volume_item, self.live_volume):
            item.set_series(series)
        self.follow = True
        self.show_last(LIVE_VIEW)
        self._update_last_line()

    def on_reset(self) -> None:
        """The bars were replaced (history arrived)."""
        for item in (self.price_item, self.live_item, self.volume_item, self.live_volume):
            item.refresh_bounds()
        if self.follow:
            self.show_last(self._width_bars())
        else:
            self._fit_y()
        self._update_last_line()

    def on_update(self) -> None:
        """The newest bar changed (a live tick): repaint it alone."""
        self.live_item.refresh_bounds()
        self.live_volume.refresh_bounds()
        self._update_last_line()
        self._fit_live()

    def on_append(self, count: int = 1) -> None:
        """`count` bars were added at the end."""
        for item in (self.price_item, self.live_item, self.volume_item, self.live_volume):
            item.refresh_bounds()
        if self.follow:
            (x0, x1), _ = self.price_plot.vb.viewRange()
            self._set_x(x0 + count, x1 + count)
        else:
            self._fit_y()
        self._update_last_line()

    def _update_last_line(self) -> None:
        s = self.series
        if s is None or not len(s):
            self.last_line.hide()
            return
        self.last_line.show()
        c, o = float(s.c[-1]), float(s.o[-1])
        prev = float(s.c[-2]) if len(s) > 1 else o
        color = self.price_item.up if c >= prev else self.price_item.down
        self.last_line.set(c, f"{c:,.{self.decimals}f}", color)

    # ---- view range ----
    def _width_bars(self) -> float:
        (x0, x1), _ = self.price_plot.vb.viewRange()
        return max(10.0, x1 - x0 - RIGHT_PAD)

    def show_last(self, bars: float = LIVE_VIEW) -> None:
        n = len(self.series) if self.series is not None else 0
        self._set_x(n - bars - 0.5, n - 0.5 + RIGHT_PAD)

    def show_all(self) -> None:
        n = len(self.series) if self.series is not None else 0
        self._set_x(-0.5, n - 0.5 + RIGHT_PAD)

    def go_end(self) -> None:
        self.set_follow(True)
        self.show_last(self._width_bars())

    def pan(self, fraction: float) -> None:
        (x0, x1), _ = self.price_plot.vb.viewRange()
        d = (x1 - x0) * fraction
        self._set_x(x0 + d, x1 + d, user=True)

    def zoom(self, factor: float) -> None:
        """factor < 1 zooms in (fewer bars), anchored at the right edge when following."""
        (x0, x1), _ = self.price_plot.vb.viewRange()
        width = max(10.0, min((x1 - x0) * factor, 1e9))
        if self.follow:
            self._set_x(x1 - width, x1)
        else:
            mid = (x0 + x1) / 2
            self._set_x(mid - width / 2, mid + width / 2, user=True)

    def _set_x(self, x0: float, x1: float, user: bool = False) -> None:
        self._setting_range = not user
        try:
            self.price_plot.vb.setXRange(x0, x1, padding=0)
        finally:
            self._setting_range = False
        self._fit_y()
        if user:
            self._check_follow()

    def set_follow(self, on: bool) -> None:
        if on != self.follow:
            self.follow = on
            self.follow_changed.emit(on)

    def _on_x_range(self, *_args) -> None:
        if not self._setting_range:  # the user dragged or wheeled
            self._fit_y()
            self._check_follow()

    def _check_follow(self) -> None:
        n = len(self.series) if self.series is not None else 0
        (_x0, x1), _ = self.price_plot.vb.viewRange()
        self.set_follow(x1 >= n - 1)

    def _visible(self) -> tuple[int, int]:
        (x0, x1), _ = self.price_plot.vb.viewRange()
        n = len(self.series) if self.series is not None else 0
        return max(0, int(math.floor(x0))), min(n, int(math.ceil(x1)) + 1)

    def _fit_y(self) -> None:
        s = self.series
        if s is None or not len(s):
            return
        lo, hi = self._visible()
        if hi <= lo:
            return
        span = hi - lo
        if span > 4096:  # use the level-of-detail groups the item already computed
            vis = self.price_item.visible()
            g = self.price_item.lod.get(s, vis[0], vis[1], vis[2]) if vis else None
            low = min(float(np.nanmin(g.l)), float(s.l[-1])) if g is not None and len(g.l) else float(np.nanmin(s.l[lo:hi]))
            high = max(float(np.nanmax(g.h)), float(s.h[-1])) if g is not None and len(g.h) else float(np.nanmax(s.h[lo:hi]))
            vmax = float(np.nanmax(g.v)) / max(1, g.k) * max(1, g.k) if g is not None and len(g.v) else 1.0
        else:
            low, high = float(np.nanmin(s.l[lo:hi])), float(np.nanmax(s.h[lo:hi]))
            vmax = float(np.nanmax(s.v[lo:hi]))
        self._set_y(low, high)
        self.volume_plot.vb.setYRange(0, max(vmax, 1.0) * 1.15, padding=0)
        for pane in self.panes:
            fit = getattr(pane, "fit_y", None)
            if fit is not None:
                fit(lo, hi)

    def _set_y(self, low: float, high: float) -> None:
        pad = (high - low) * 0.06 or max(abs(high) * 0.001, 1e-6)
        self._y = (low, high)
        self.price_plot.vb.setYRange(low - pad, high + pad, padding=0)

    def _fit_live(self) -> None:
        """A tick: widen the y range only when the newest bar leaves it."""
        s = self.series
        lo, hi = getattr(self, "_y", (math.inf, -math.inf))
        if float(s.l[-1]) < lo or float(s.h[-1]) > hi:
            self._set_y(min(lo, float(s.l[-1])), max(hi, float(s.h[-1])))
        (_v0, v1), = [self.volume_plot.vb.viewRange()[1]]
        if float(s.v[-1]) * 1.05 > v1:
            self.volume_plot.vb.setYRange(0, float(s.v[-1]) * 1.15, padding=0)

    # ---- crosshair ----
    def _on_mouse(self, pos: QPointF) -> None:
        if self.series is None or not len(self.series):
            return
        vb = self.price_plot.vb
        if not self.sceneBoundingRect_contains(pos):
            return
        p = vb.mapSceneToView(pos)
        self.hover(int(round(p.x())), p.y())

    def sceneBoundingRect_contains(self, pos: QPointF) -> bool:
        return any(plot.vb.sceneBoundingRect().contains(pos)
                   for plot in (self.price_plot, self.volume_plot, *self.panes))

    def hover(self, index: int, y: float | None = None) -> None:
        """Put the crosshair on bar `index` (and price `y`) and show its read-out."""
        s = self.series
        plots = [self.price_plot, self.volume_plot, *self.panes]
        while len(self._cross) < len(plots):
            line = pg.InfiniteLine(angle=90, movable=False, pen=getattr(self, "_cross_pen", None))
            self._cross.append(line)
        for line, plot in zip(self._cross, plots):
            if line.scene() is None or line.parentItem() is None or line.getViewBox() is not plot.vb:
                if line.scene() is not None:
                    line.scene().removeItem(line)
                plot.addItem(line, ignoreBounds=True)
            line.setPos(index)
        if y is not None:
            self.cross_h.setPos(y)
            self.cross_h.show()
        if s is None or not 0 <= index < len(s):
            self.hover_index = -1
            self.readout.setText("")
            self.hovered.emit(-1)
            return
        self.hover_index = index
        self.readout.setText(self.readout_text(index))
        self.readout.adjustSize()
        self.hovered.emit(index)

    def readout_values(self, index: int) -> dict:
        s = self.series
        return {"t": int(s.t[index]), "o": float(s.o[index]), "h": float(s.h[index]), "l": float(s.l[index]),
                "c": float(s.c[index]), "v": float(s.v[index])}

    def readout_text(self, index: int) -> str:
        r = self.readout_values(index)
        d = self.decimals
        when = _utc(r["t"]).strftime("%Y-%m-%d %H:%M" if self.series.tf.intraday else "%Y-%m-%d")
        up = r["c"] >= r["o"]
        color = (self.price_item.up if up else self.price_item.down).name()
        vals = "  ".join(f"{k.upper()} <span style='color:{color}'>{r[k]:,.{d}f}</span>" for k in "ohlc")
        return f"{when}&nbsp;&nbsp;{vals}&nbsp;&nbsp;V {int(r['v']):,}"

    # ---- messages ----
    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setGeometry(0, max(0, self.height() // 2 - 30), self.width(), 60)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        if getattr(self, "message", None) is not None:
            self.message.setGeometry(0, max(0, self.height() // 2 - 30), self.width(), 60)
