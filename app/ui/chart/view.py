"""The chart canvas: a price pane over a volume pane (and indicator panes) on one index time axis,
with crosshair read-out, last-price line, pan/zoom, auto-follow and the y range fitted to the bars
in view. Knows bars, not LS: it draws whatever `BarSeries` it is given.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen, QRegion
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QLabel

from app.ui.chart.axes import TICK, TimeAxis, ValueAxis, compact
from app.ui.chart.crosshair import Crosshair
from app.ui.chart.groups import group_size
from app.ui.chart.items import PriceItem, VolumeItem, blend
from app.ui.chart.layers import Layer
from app.ui.chart.lines import AxisLabel, PriceLineItem
from app.ui.chart.live import LiveBarItem, LiveVolumeItem
from app.ui.chart.navigation import LIVE_VIEW, Navigation
from app.ui.later import Timer

AXIS_WIDTH = 66  # px of the value axes right of the panes: "20,650.00" fits; longer prices widen them



class ChartView(Navigation, Crosshair, pg.GraphicsLayoutWidget):
    """Panes sharing x; `series` is a `BarSeries` (or None)."""

    hovered = Signal(int)  # bar index under the crosshair (-1: none)
    follow_changed = Signal(bool)
    x_range_moved = Signal(float, float)  # the user moved the x range (drag, wheel, keys)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.series = None
        self.decimals = 2
        self.tick_at = None  # price -> the symbol's price step (Decimal) there; None: unknown, decimals round
        self.follow = True
        self._setting_range = False
        self._appending = self._append_dirty = False
        # the layer is kept in a pixmap of ours (a new bar moves it on) and blitted straight from it,
        # only where a paint exposes: Qt's cached background would cost a whole-view copy on every
        # new bar or range change (0.45-0.5 ms here) to spare a tick's paint about 0.04 ms
        self.layer = Layer(self)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.ci.setContentsMargins(2, 2, 2, 2)
        self.ci.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        # the cached layer covers the whole viewport: no fill under it
        self.viewport().setAutoFillBackground(False)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.ci.setSpacing(0)
        self.price_plot = self._plot(self._price_text)
        self.price_item = PriceItem()
        self.live_item = LiveBarItem(self.price_item)
        self.price_plot.addItem(self.price_item)
        self.price_plot.addItem(self.live_item)
        self.volume_plot = self._plot(compact)
        self.volume_item = VolumeItem()
        self.volume_item.lod_source = self.price_item
        self.volume_plot.addItem(self.volume_item)
        self.live_volume = LiveVolumeItem(self.volume_item, self.live_item)
        self.volume_plot.addItem(self.live_volume)
        self.addItem(self.price_plot, row=0, col=0)
        self.addItem(self.volume_plot, row=1, col=0)
        self.panes: list[pg.PlotItem] = []  # indicator panes below the volume pane
        self.overlays: list = []  # (lo, hi) -> (low, high) | None of curves on the price pane (indicators)
        self.pins: list = []  # () -> (low, high) | None: prices the user asked to keep in view (order lines)
        self._layout_rows()
        self.last_line = PriceLineItem()
        self.price_plot.addItem(self.last_line, ignoreBounds=True)
        self.last_line.attach(self.price_plot.vb, self.price_plot.getAxis("right"))
        self.cross_label = AxisLabel()  # the crosshair's price on the right axis, over the last price's
        self.cross_label.setZValue(1001)
        self.cross_label.attach(self.price_plot.vb, self.price_plot.getAxis("right"))
        self.price_plot.vb.sigRangeChanged.connect(self._place_cross_label)
        # resized (the panel, a pane added) with no mouse move since: the label goes with its line,
        # onto the axis where it is now (once the layout has placed it)
        self._replace_label = Timer(self, self._place_cross_label)
        self.price_plot.vb.sigResized.connect(self._pane_resized)
        self._cross: list[pg.InfiniteLine] = []
        self.cross_h = pg.InfiniteLine(angle=0, movable=False)  # in the scene from the first hover on
        self.readout = QLabel(self)
        self.readout.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.readout.move(8, 4)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self.hover_index = -1
        self.price_plot.vb.sigXRangeChanged.connect(self._on_x_range)
        self._live_k = 1  # bars per group the live items' bounds were taken at (see `_regroup`)
        self.price_plot.vb.sigXRangeChanged.connect(self._regroup)
        self.price_plot.vb.sigResized.connect(self._regroup)
        self.scene().sigMouseMoved.connect(self._on_mouse)
        self.set_colors(QColor("#ff5a5f"), QColor("#4d8dff"), QColor("#121316"), QColor("#8b9099"),
                        QColor("#e4e6eb"))

    # ---- panes ----
    def _plot(self, fmt=None) -> pg.PlotItem:
        axes = {"bottom": TimeAxis(self), "right": ValueAxis("right", fmt), "left": ValueAxis("left"),
                "top": ValueAxis("top")}  # hidden ones too: pyqtgraph's own relabel on every range
        plot = pg.PlotItem(axisItems=axes)
        plot.hideButtons()
        plot.setMenuEnabled(False)
        plot.showAxis("right")
        plot.hideAxis("left")
        plot.hideAxis("top")
        plot.getAxis("right").setWidth(getattr(self, "axis_width", AXIS_WIDTH))
        plot.getAxis("right").setStyle(autoExpandTextSpace=False)
        plot.vb.setMouseEnabled(x=True, y=False)
        plot.vb.enableAutoRange(x=False, y=False)
        plot.vb.setDefaultPadding(0.0)
        plot.vb.sigRangeChanged.connect(self.invalidate_layer)
        plot.vb.sigResized.connect(self.invalidate_layer)
        for item in (plot, plot.vb, plot.vb.childGroup):  # containers that draw nothing: no paint call
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        # the range's transform changes on every new bar: no itemChange calls into Python for it (its
        # only use there is telling the view box to auto-range, which is off)
        plot.vb.childGroup.setFlag(QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges, False)
        return plot

    def _pane_resized(self, *_args) -> None:
        self._replace_label.due(0)

    def _price_text(self, v: float, step: float) -> str:
        return f"{v:,.{self.decimals}f}"

    # ---- the cached layer (layers.py) ----
    def drawBackground(self, p, rect) -> None:
        """Blit the layer, brought up to date, where the paint exposes (`rect`, scene coordinates;
        the paint's own region, rect by rect, when it has several)."""
        self.layer.paint(p, self.mapFromScene(rect).boundingRect().adjusted(-1, -1, 2, 2), self._region)

    _region: QRegion | None = None

    def paintEvent(self, ev) -> None:
        self._region = ev.region()
        try:
            super().paintEvent(ev)
        finally:
            self._region = None

    def invalidate_layer(self, *_args) -> None:
        """The history, an axis or a range changed: bring the cached layer up to date at the next
        paint (scrolled, if all that happened is new bars in `appending`; else drawn anew)."""
        if self._appending:
            self.layer.appended = True
            self._append_dirty = True  # exposed when `appending` ends: only what changed, if it can tell
            return
        self.layer.full = True
        self.viewport().update()

    @contextmanager
    def appending(self):
        """Changes made inside are new bars at the end (and the view following them): the cached
        layer may be scrolled rather than drawn anew, and when its pixels did not move (the whole
        history in view; a new bar in the room right of the newest) only the strip of new bars is
        painted again on screen, not the whole view."""
        self._appending, self._append_dirty = True, False
        try:
            yield
        finally:
            self._appending = False
            if self._append_dirty:
                self._expose_append()

    def _expose_append(self) -> None:
        if not self.layer.full and self.viewport().isVisible():  # (a hidden chart: at its next paint)
            for plot in self.plots():  # (pyqtgraph leaves the transforms to the paint)
                plot.vb.updateMatrix()
            exposed = self.layer.settle(self.viewport())
            if exposed is not None:
                self.viewport().update(exposed)
                return
        self.viewport().update()

    def _regroup(self, *_args) -> None:
        """Zoomed or resized to another group size: the live items draw another newest group."""
        k = self.group_size()
        if k != self._live_k:
            self._live_k = k
            self.live_item.refresh_bounds()
            self.live_volume.refresh_bounds()

    def group_size(self) -> int:
        """Bars per drawn group at the current zoom (1: every bar drawn)."""
        (x0, x1), _ = self.price_plot.vb.viewRange()
        return group_size(x0, x1, self.price_plot.vb.width() or 1.0)

    def plots(self) -> list[pg.PlotItem]:
        return [self.price_plot, self.volume_plot, *self.panes]

    def add_pane(self) -> pg.PlotItem:
        plot = self._plot()
        self.panes.append(plot)
        if hasattr(self, "text_color"):
            self._color_axes(plot, self.grid_color, self.dim_color)
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
        # opaque mixes, not alpha: a translucent stroke is ten times slower to draw
        self.background = QColor(background)
        self.grid_color = blend(dim, background, 0.25)
        for plot in (self.price_plot, self.volume_plot, *self.panes):
            self._color_axes(plot, self.grid_color, dim)
        pen = QPen(blend(dim, background, 0.6))
        pen.setCosmetic(True)
        self.cross_h.setPen(pen)
        for line in self._cross:
            line.setPen(pen)
        self._cross_pen = pen
        self.readout.setStyleSheet(f"color: {text.name()}; background: transparent;")
        self.cross_label.color, self.cross_label.text_color = QColor(dim), QColor(background)
        self.message.setStyleSheet(f"color: {dim.name()}; font-size: 15px;")
        self.text_color, self.dim_color = QColor(text), QColor(dim)
        self.invalidate_layer()  # (the layer's empty parts are the background brush)

    def _color_axes(self, plot: pg.PlotItem, grid: QColor, dim: QColor) -> None:
        for name in ("right", "bottom"):
            ax = plot.getAxis(name)
            ax.setPen(grid)
            ax.setTextPen(dim)
            ax.set_background(self.background)

    def set_readout_font(self, font: QFont) -> None:
        self.readout.setFont(font)

    def readout_bottom(self) -> float:
        """The scene y below the crosshair read-out's line (shown or not: the band is kept free)."""
        r = self.readout
        bottom = r.y() + r.fontMetrics().height() + 4
        return self.mapToScene(self.viewport().mapFrom(self, QPoint(0, bottom))).y()

    # ---- data ----
    def set_series(self, series, decimals: int = 2, tick_at=None) -> None:
        self.series = series
        self.decimals = decimals
        self.tick_at = tick_at
        for item in (self.price_item, self.live_item, self.volume_item, self.live_volume):
            item.set_series(series)
        self._blank_axes()
        self.set_follow(True)  # (the End button with it: it stayed enabled after a scrolled-back chart)
        self._prepended = getattr(series, "prepended", 0)
        self.show_last(LIVE_VIEW)
        self._update_last_line()
        self.rehover()

    def on_reset(self) -> None:
        """The bars were replaced (history arrived) or older bars put before them (scrolled back:
        the view moves with the bars it showed)."""
        for item in (self.price_item, self.live_item, self.volume_item, self.live_volume):
            item.refresh_bounds()
        self._blank_axes()
        shift = getattr(self.series, "prepended", 0) - getattr(self, "_prepended", 0)
        self._prepended = getattr(self.series, "prepended", 0)
        if self.follow:
            self.show_last(self._width_bars())
        elif shift > 0:
            (x0, x1), _ = self.price_plot.vb.viewRange()
            self._set_x(x0 + shift, x1 + shift)
        else:
            self._fit_y()
        self._update_last_line()
        self.rehover()

    def on_update(self) -> None:
        """The newest bar changed (a live tick): repaint it alone."""
        self.live_item.refresh_bounds()
        self.live_volume.refresh_bounds()
        self._update_last_line()
        self._fit_live()
        self.refresh_readout(len(self.series) - 1)

    def on_append(self, count: int = 1) -> None:
        """`count` bars were added at the end: the view moves with them (by whole pixels, see
        `follow_by`) and keeps its y ranges while they still fit (see `_apply_ranges`)."""
        for item in (self.price_item, self.live_item, self.volume_item, self.live_volume):
            item.refresh_bounds()
        self.invalidate_layer()  # the bars that closed go into it (the view may not move: see follow_by)
        if count == len(self.series):  # the first bars
            self._blank_axes()
        if self.follow:
            self.follow_by(count)
        else:
            self._fit_y(sticky=True)
        self._update_last_line()
        self.refresh_readout(len(self.series) - 1 - count)

    def _blank_axes(self) -> None:
        """No bars: the axes show no values (those of the symbol or timeframe shown before would stay)."""
        blank = self.series is None or not len(self.series)
        for plot in self.plots():
            for name in ("right", "bottom"):
                ax = plot.getAxis(name)
                if ax.blank != blank:
                    ax.blank = blank
                    self.invalidate_layer()
        self._fit_axes()

    def _fit_axes(self) -> None:
        """The value axes wide enough for the widest price label of the bars (6J's 0.0066700 lost its
        last digits to the pane's edge in the 66 px that fit stock prices); the panes below keep
        the same width so that their time axes stay lined up."""
        s = self.series
        widest = AXIS_WIDTH
        if s is not None and len(s):
            ax = self.price_plot.getAxis("right")
            fm = QFontMetricsF(ax.style.get("tickFont") or QFont())
            big = max(abs(float(s.h.max())), abs(float(s.l.min())))
            text = self._price_text(-big if s.l.min() < 0 else big, 1.0)
            widest = max(widest, math.ceil(TICK + 3 + fm.horizontalAdvance(text) + 6))
        if widest != getattr(self, "axis_width", AXIS_WIDTH):
            self.axis_width = widest
            for plot in self.plots():
                plot.getAxis("right").setWidth(widest)
            self.invalidate_layer()

    def _update_last_line(self) -> None:
        s = self.series
        if s is None or not len(s):
            self.last_line.setVisible(False)
            return
        self.last_line.setVisible(True)
        c, o = float(s.c[-1]), float(s.o[-1])
        prev = float(s.c[-2]) if len(s) > 1 else o
        color = self.price_item.up if c >= prev else self.price_item.down
        self.last_line.set(c, f"{c:,.{self.decimals}f}", color)

    # ---- messages ----
    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message.setGeometry(0, max(0, self.height() // 2 - 30), self.width(), 60)

    def wheelEvent(self, ev) -> None:
        """While following the newest bar the wheel zooms as the keys do, anchored at the right edge
        (zoomed about the mouse, the newest bars left the view and following stopped); scrolled
        back, pyqtgraph's zoom about the mouse."""
        delta = ev.angleDelta().y() or ev.angleDelta().x()
        if self.follow and self.series is not None and len(self.series) and delta:
            self.zoom(0.8 ** (delta / 120))
            ev.accept()
            return
        super().wheelEvent(ev)

    def leaveEvent(self, ev) -> None:
        super().leaveEvent(ev)
        self.mouse_left()

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        if getattr(self, "message", None) is not None:
            self.message.setGeometry(0, max(0, self.height() // 2 - 30), self.width(), 60)
