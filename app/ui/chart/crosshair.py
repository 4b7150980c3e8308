"""The chart's crosshair: a vertical line through every pane and a horizontal one on the price
pane, its price on the right axis, with the OHLCV read-out of the bar under the mouse. The read-out is of the bars shown: new
bars (another symbol or timeframe, history arrived) put it on the bar now under the mouse, a live
tick on the hovered bar updates it, and it goes when the mouse leaves the chart."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF

from app.trading.instruments import snap_to_tick
from app.ui.chart.axes import utc
from app.ui.chart.items import bar_rises


class Crosshair:
    """Mixin for `ChartView` (needs series, plots(), price_plot, cross_h, cross_label, readout, hovered)."""

    _mouse: QPointF | None = None  # where the mouse last was over a pane (scene), None once it left

    def _on_mouse(self, pos: QPointF) -> None:
        if not self.sceneBoundingRect_contains(pos):
            return
        self._mouse = QPointF(pos)
        if self.series is None or not len(self.series):
            return
        p = self.price_plot.vb.mapSceneToView(pos)
        self.hover(int(round(p.x())), p.y())

    def rehover(self) -> None:
        """The bars were replaced (another series, history arrived, older bars put before): the
        crosshair and read-out go to the bar now under the mouse, or away if there is none."""
        if self._mouse is None or self.series is None or not len(self.series):
            self.clear_hover()
            return
        p = self.price_plot.vb.mapSceneToView(self._mouse)
        self.hover(int(round(p.x())), p.y())

    def _place_cross_label(self, *_args) -> None:
        """The y range moved under the crosshair: its price label goes with its line."""
        label = self.cross_label
        if not label.box.isEmpty():
            label.put(label.box_at(self.cross_h.value(), hide_outside=True))

    def mouse_left(self) -> None:
        self._mouse = None
        self.clear_hover()

    def clear_hover(self) -> None:
        """No crosshair and no read-out."""
        for line in self._cross:
            line.hide()
        self.cross_h.hide()
        self.cross_label.put(QRectF())
        if self.hover_index != -1 or self.readout.text():
            self.hover_index = -1
            self.readout.setText("")
            self.hovered.emit(-1)

    def refresh_readout(self, first: int) -> None:
        """Bars from `first` on changed (a live tick, new bars): the read-out follows when it shows one of them."""
        i = self.hover_index
        if 0 <= i < len(self.series or ()) and i >= first:
            self.readout.setText(self.readout_text(i))
            self.readout.adjustSize()

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
            line.show()
        if y is not None:
            if self.cross_h.scene() is None:  # not before: a line in the scene works on every range change
                self.price_plot.addItem(self.cross_h, ignoreBounds=True)
            self.cross_h.setPos(y)
            self.cross_h.show()
            label = self.cross_label
            label.set(y, self.price_text(y), label.color)
            label.put(label.box_at(y, hide_outside=True))  # (the mouse over a lower pane: none)
        if s is None or not 0 <= index < len(s):
            self.hover_index = -1
            self.readout.setText("")
            self.hovered.emit(-1)
            return
        self.hover_index = index
        self.readout.setText(self.readout_text(index))
        self.readout.adjustSize()
        self.hovered.emit(index)

    def price_text(self, y: float) -> str:
        """The price at height `y` as the symbol can trade it: on its tick (a 0.25 step shows
        101.25, not 101.2371), or to its decimals when the tick is unknown."""
        d = self.decimals
        step = self.tick_at(y) if self.tick_at is not None else None
        if not step or step <= 0 or not math.isfinite(y):
            return f"{y:,.{d}f}"
        return f"{snap_to_tick(y, step):,.{max(d, -step.normalize().as_tuple().exponent)}f}"

    def readout_values(self, index: int) -> dict:
        s = self.series
        return {"t": int(s.t[index]), "o": float(s.o[index]), "h": float(s.h[index]), "l": float(s.l[index]),
                "c": float(s.c[index]), "v": float(s.v[index])}

    def readout_text(self, index: int) -> str:
        r = self.readout_values(index)
        d = self.decimals
        unit = self.series.tf.unit  # a tick bar is labelled by its last trade's second
        when = utc(r["t"]).strftime({"tick": "%Y-%m-%d %H:%M:%S", "min": "%Y-%m-%d %H:%M"}.get(unit, "%Y-%m-%d"))
        up = bar_rises(self.series, index)
        color = (self.price_item.up if up else self.price_item.down).name()
        vals = "  ".join(f"{k.upper()} <span style='color:{color}'>{r[k]:,.{d}f}</span>" for k in "ohlc")
        return f"{when}&nbsp;&nbsp;{vals}&nbsp;&nbsp;V {int(r['v']):,}"

