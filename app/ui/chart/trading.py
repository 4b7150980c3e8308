"""Trading on the chart: working orders as lines dragged to modify their price (through the order
manager's validation and confirmation: `order_actions.request_modify`), each with its price on the
right axis clear of the last price's label, fills as markers at their bar and price (hovered: the
fill in a tooltip), and the position's average price as a line. A line out of the price pane's y
range shows as a marker at the pane's edge (edges.py); a click on it keeps its price in view. Every
source is optional: the layers read `context.orders` / `context.portfolio` when they exist and stay
empty otherwise.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone, tzinfo
from decimal import Decimal
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

from app.trading.instruments import snap_to_tick
from app.trading.trading_hours import NEW_YORK
from app.ui.chart.edges import MAX_SHARE, Edge, EdgeColumn, stack
from app.ui.chart.lines import OrderTag, spread, stack_tags

log = logging.getLogger(__name__)
Modify = Callable[..., Awaitable[bool]]
LABEL_AT = 0.08  # where along the pane an order line's label is (a share of its width)


def _t(text: str) -> str:
    return QCoreApplication.translate("Chart", text)


class OrderLine(pg.InfiniteLine):
    """One working order: side, quantity and price on the line; dragging it asks for a modify."""

    def __init__(self, order: Any, color: QColor, decimals: int):
        pen = QPen(color)
        pen.setCosmetic(True)
        pen.setWidthF(1.4)
        hover = QPen(color)
        hover.setCosmetic(True)
        hover.setWidthF(2.6)
        super().__init__(pos=float(order.price), angle=0, movable=True, pen=pen, hoverPen=hover,
                         label="", labelOpts={"position": LABEL_AT, "color": "#ffffff", "fill": color,
                                              "anchors": [(0, 0.5), (0, 0.5)]})
        self.order_id = order.id
        self.decimals = decimals
        self.setZValue(30)
        self.set_order(order)

    def set_order(self, order: Any, held: Any = None) -> None:
        """Show `order`; `held`: a price the line was dropped at, waiting for its modify (kept)."""
        self.order = order
        self.show_price(order.price if held is None else held)
        if not self.moving and held is None:
            self.setValue(float(order.price))

    def show_price(self, price: Any) -> None:
        """The label with `price` (the order's, or where a drag has taken the line)."""
        order = self.order
        side = _t("BUY") if order.side == "buy" else _t("SELL")
        text = f"{side} {order.remaining:,} @ {float(price):,.{self.decimals}f}"
        filled, qty = getattr(order, "filled", 0), getattr(order, "qty", 0)
        if 0 < filled < qty:  # partly filled: the quantity left, and how much of what
            text += " " + _t("({0}/{1} filled)").format(f"{filled:,}", f"{qty:,}")
        if text != self.label.format:
            self.label.setFormat(text)
            self.label.setText(text)  # setFormat alone waits for the next move to show it


class TradingLayers:
    """Order lines, fill markers and the average-price line on a `ChartView`'s price pane; each
    order's price also on the right axis (`OrderTag`), clear of the last price's label."""

    def __init__(self, view: Any, context: Any, parent_widget: Any, modify: Modify | None = None):
        self.view = view
        self.context = context
        self.parent_widget = parent_widget
        self._modify = modify
        self.symbol = ""
        self.zone: tzinfo = NEW_YORK  # the clock the bars are stamped in
        self.decimals = 2
        self.tick = Decimal("0.01")
        self.buy = QColor("#ff5a5f")
        self.sell = QColor("#4d8dff")
        self.background = QColor(getattr(view, "background", "#121316"))  # under the axis tags
        self.lines: dict[str, OrderLine] = {}
        self.tags: dict[str, OrderTag] = {}  # order id -> its price on the right axis
        self._fixed_seen = QRectF()  # the last price's label as the tags were last placed around it
        self.fills = pg.ScatterPlotItem(size=11, pxMode=True, hoverable=True, tip=self.fill_tip)
        self.fills.setZValue(25)
        view.price_plot.addItem(self.fills, ignoreBounds=True)
        self.avg_line = pg.InfiniteLine(angle=0, movable=False, label="",
                                        labelOpts={"position": 0.2, "color": "#111111", "fill": "#f5a524",
                                                   "anchors": [(0, 0.5), (0, 0.5)]})
        pen = QPen(QColor("#f5a524"))
        pen.setCosmetic(True)
        self.avg_line.setPen(pen)
        self.avg_line.setZValue(24)  # in the scene only while there is a position (see _refresh_avg)
        self.modifies = 0  # modify requests sent from a drag (read by tests)
        self.held: dict[str, Decimal] = {}  # order id -> the price its line was dropped at, modify pending
        self._sources: dict[str, tuple[Any, Callable[[], None] | None]] = {}  # name → (object, remover)
        self.dirty = True
        self.relayout = False  # the labels' pixel places changed (zoom, scroll, resize)
        vb = view.price_plot.vb
        vb.sigYRangeChanged.connect(self._moved)
        vb.sigResized.connect(self._moved)
        # after the last price's label (connected when the view was made): the tags follow at once
        vb.sigRangeChanged.connect(self.place_tags)
        vb.sigResized.connect(self.place_tags)
        self.tasks: set[asyncio.Task] = set()
        self.edges = EdgeColumn(self._edge_clicked)
        self.pinned: set[str] = set()  # lines brought into view from their edge markers (ids, "avg")
        view.pins.append(self.pinned_range)
        view.x_range_moved.connect(self._unpin)

    # ---- sources ----
    @property
    def orders(self) -> Any:
        return getattr(self.context, "orders", None)

    @property
    def portfolio(self) -> Any:
        return getattr(self.context, "portfolio", None)

    def set_symbol(self, symbol: str, decimals: int, tick: Decimal, zone: tzinfo | None = None) -> None:
        """`zone`: the exchange's clock, the one the bars are stamped in (fills are placed on it)."""
        self.symbol, self.decimals, self.tick = symbol, decimals, tick
        self.zone = zone or NEW_YORK
        self.pinned.clear()
        self.dirty = True

    def set_colors(self, buy: QColor, sell: QColor) -> None:
        self.buy, self.sell = QColor(buy), QColor(sell)
        self.background = QColor(getattr(self.view, "background", "#121316"))
        for line in list(self.lines.values()):
            self._drop(line)
        self.dirty = True

    def _listen(self) -> None:
        """Follow the context's order manager and portfolio (a login or a restart installs new ones):
        any change of either redraws the layers on the next frame tick. The portfolio matters on its
        own: positions load after the chart opens and close without an order through the chart."""
        for name in ("orders", "portfolio"):
            source = getattr(self.context, name, None)
            if name in self._sources and self._sources[name][0] is source:
                continue
            old = self._sources.get(name, (None, None))[1]
            if old is not None:
                old()
            remover = source.add_listener(self._mark) if source is not None and hasattr(source, "add_listener") \
                else None
            self._sources[name] = (source, remover)
            self.dirty = True

    def _mark(self, *_args: Any) -> None:
        self.dirty = True

    def _moved(self, *_args: Any) -> None:
        self.relayout = True

    def close(self) -> None:
        for _source, remover in self._sources.values():
            if remover is not None:
                remover()
        self._sources.clear()
        for task in self.tasks:
            task.cancel()

    # ---- drawing (on the panel's frame tick) ----
    def refresh(self, force: bool = False) -> None:
        self._listen()
        if self.dirty or force:
            self.dirty = False
            self._refresh_orders()
            self._refresh_fills()
            self._refresh_avg()
            self.relayout = True
        if self.relayout:
            self.relayout = False
            self.layout_labels()
            self.place_tags()
        elif self.tags and self.view.last_line.label.box != self._fixed_seen:  # a tick moved it
            self.place_tags()

    def place_tags(self, *_args: Any) -> None:
        """The orders' prices on the right axis: at their lines' heights, moved the least to clear
        the last price's label and each other (a price above the last goes up from it, below down;
        a sell at the last price up, a buy down). The lines stay at their prices."""
        if not self.tags:
            return
        last = self.view.last_line
        label = last.label
        fixed = label.box if label.isVisible() and last.value is not None else QRectF()
        self._fixed_seen = QRectF(label.box)
        ids = list(self.tags)
        boxes, above = [], []
        at = self.snap(last.value) if last.value is not None else None  # in ticks: no float ties
        for oid in ids:
            line, tag = self.lines[oid], self.tags[oid]
            value = line.value()
            price = self.snap(value)
            tag.set_text(f"{float(price):,.{self.decimals}f}")
            boxes.append(tag.box_at(value, hide_outside=True))
            above.append(at is not None and (price > at or (price == at and line.order.side != "buy")))
        pane = self.view.price_plot.vb.sceneBoundingRect()
        for oid, box in zip(ids, stack_tags(fixed, boxes, above, pane.top(), pane.bottom())):
            self.tags[oid].put(box)

    def layout_labels(self) -> None:
        """Keep the labels of nearby lines apart (orders and the average price, as one column):
        labels that would overlap move apart as a block, centred on their lines on average; one
        with room stays on its line. None goes into the crosshair read-out's band at the pane's top
        (their text and the read-out's, over each other, could be read as neither)."""
        labels = [ln.label for ln in self.lines.values()]
        if self.avg_line.scene() is not None:
            labels.append(self.avg_line.label)
        if not labels:
            if self.edges.markers:
                self.edges.clear()
            return
        vb = self.view.price_plot.vb
        vb.updateMatrix()  # a new range is applied lazily, at the next paint
        for label in labels:
            label.anchors = [(0, 0.5), (0, 0.5)]
            label.updatePosition()
        pane = vb.sceneBoundingRect()
        top = min(max(pane.top(), self.view.readout_bottom()), pane.bottom())
        used_top, used_bottom = self.place_edges(top, pane.bottom())
        top, bottom = min(top + used_top, pane.bottom()), max(pane.bottom() - used_bottom, pane.top())
        shown, ys, hs = [], [], []
        for label in labels:
            y = label.scenePos().y()
            inside = pane.top() <= y <= pane.bottom()
            if label.isVisible() != inside:  # one of a line out of view goes with it (as its axis tag):
                label.setVisible(inside)     # the view box clipped it to half a label at the pane's edge
            if inside:
                shown.append(label)
                ys.append(y)
                hs.append(max(1.0, label.textItem.boundingRect().height()))
        for label, y, h, at in zip(shown, ys, hs, spread(ys, hs, top, max(top, bottom))):
            shift = at - (y - h / 2)
            if abs(shift) > 1e-6:
                anchor = (0, 0.5 - shift / h)
                label.anchors = [anchor, anchor]
                label.setAnchor(anchor)

    def place_edges(self, top: float, bottom: float) -> tuple[float, float]:
        """Markers at the price pane's edges for the lines out of its y range (the top's from `top`,
        under the read-out's band); returns the heights they take at the top and at the bottom."""
        vb = self.view.price_plot.vb
        if not len(self.view.series or ()):  # no bars (loading, no data): no y range to be out of
            return self.edges.show(vb.scene(), [], [], 0.0, top, bottom)
        y0, y1 = vb.viewRange()[1]
        above, below = [], []
        items = [(oid, ln, ln.pen.color(), QColor("#ffffff")) for oid, ln in self.lines.items()]
        if self.avg_line.scene() is not None:
            items.append(("avg", self.avg_line, self.avg_line.pen.color(), QColor("#111111")))
        for key, line, color, text_color in items:
            value = line.value()
            if y0 <= value <= y1:
                continue
            edge = Edge((key,), (value,), line.label.format, color, text_color)
            (above if value > y1 else below).append(edge)
        above.sort(key=lambda e: -e.prices[0])  # from the edge inward: the farthest price outermost
        below.sort(key=lambda e: e.prices[0])
        h = QFontMetricsF(QFont()).height() + 2
        room = (bottom - top) * MAX_SHARE
        pane = vb.sceneBoundingRect()
        left = pane.left() + LABEL_AT * pane.width()  # under the order lines' labels
        return self.edges.show(vb.scene(), stack(above, h, room), stack(below, h, room), left, top, bottom)

    def _edge_clicked(self, marker: Any) -> None:
        """A marker clicked: its prices join the y fit (kept in view until the user pans or zooms)."""
        self.pinned.update(marker.edge.keys)
        self.view._fit_y()
        self.relayout = True
        self.refresh()

    def pinned_range(self) -> tuple[float, float] | None:
        """The lowest and highest price of the lines kept in view (None: none kept)."""
        if not self.pinned:
            return None
        values = [self.lines[k].value() for k in self.pinned if k in self.lines]
        if "avg" in self.pinned and self.avg_line.scene() is not None:
            values.append(self.avg_line.value())
        return (min(values), max(values)) if values else None

    def _unpin(self, *_args: Any) -> None:
        """The user panned or zoomed: the y range fits the bars again."""
        if self.pinned:
            self.pinned.clear()
            self.view._fit_y()

    def _refresh_orders(self) -> None:
        mgr = self.orders
        working = [o for o in (mgr.working(self.symbol) if mgr is not None and self.symbol else [])
                   if o.price is not None and o.id]
        seen = set()
        for order in working:
            seen.add(order.id)
            line = self.lines.get(order.id)
            if line is None:
                color = self.buy if order.side == "buy" else self.sell
                line = OrderLine(order, color, self.decimals)
                line.sigPositionChangeFinished.connect(self._dragged)
                line.sigPositionChanged.connect(self.place_tags)  # dragged: its price goes with it
                line.sigPositionChanged.connect(self._relabel)  # ... on the axis and on the line
                self.view.price_plot.addItem(line, ignoreBounds=True)
                self.lines[order.id] = line
                tag = self.tags[order.id] = OrderTag()
                tag.color, tag.background = QColor(color), self.background
                tag.attach(self.view.price_plot.vb, self.view.price_plot.getAxis("right"))
            else:
                line.set_order(order, self.held.get(order.id))
        for oid in [k for k in self.lines if k not in seen]:
            self._drop(self.lines.pop(oid))

    def retranslate(self) -> None:
        """The labels in the new language, now (not at the next change of an order or position)."""
        for line in self.lines.values():
            line.set_order(line.order)
        self.refresh(force=True)

    def _drop(self, line: OrderLine) -> None:
        self.lines.pop(line.order_id, None)
        self.view.price_plot.removeItem(line)
        tag = self.tags.pop(line.order_id, None)
        if tag is not None and tag.scene() is not None:
            tag.scene().removeItem(tag)

    def _refresh_fills(self) -> None:
        mgr, s = self.orders, self.view.series
        fills = mgr.fills(self.symbol) if mgr is not None and self.symbol else []
        if s is None or not len(s) or not fills:
            self.fills.setData([], [])
            self.fills.hide()  # an empty scatter is still asked for its bounds on every paint
            return
        self.fills.show()
        xs, ys, brushes, symbols, shown = [], [], [], [], []
        for f in fills:
            x = self.bar_of(f.at)
            if x is None:
                continue
            shown.append(f)
            xs.append(x)
            ys.append(float(f.price))
            buy = f.side == "buy"
            brushes.append(pg.mkBrush(self.buy if buy else self.sell))
            symbols.append("t1" if buy else "t")
        self.fills.setData(xs, ys, brush=brushes, symbol=symbols, data=shown, pen=pg.mkPen("#ffffff", width=0.8))

    def fill_tip(self, x: float = 0.0, y: float = 0.0, data: Any = None) -> str:
        """The tooltip of a fill's marker (pyqtgraph asks it of the hovered marker, `data` its fill)."""
        f = data
        if f is None:
            return ""
        at = datetime.fromtimestamp(f.at, self.zone).strftime("%H:%M:%S") if f.at else ""
        side = _t("BUY") if f.side == "buy" else _t("SELL")
        return _t("Filled {time}: {side} {qty} @ {price}\nOrder {order}").format(
            time=at, side=side, qty=f"{f.qty:,}", price=f"{float(f.price):,.{self.decimals}f}", order=f.order_id)

    def bar_of(self, at: float) -> int | None:
        """The bar index a fill at instant `at` belongs to (the bar starting at or before it, on the
        exchange's clock the bars are stamped in); None when its time is not known."""
        s = self.view.series
        if not at or s is None or not len(s):
            return None
        local = datetime.fromtimestamp(at, self.zone)
        t = int(local.replace(tzinfo=timezone.utc).timestamp())  # the wall clock, as `local_seconds`
        if not s.tf.intraday:
            t = s.trade_day(t)  # a future's evening session trades for the next day, as its day bars
        i = int(np.searchsorted(s.t, t, side="right")) - 1
        return i if i >= 0 else None

    def _refresh_avg(self) -> None:
        pf = self.portfolio
        pos = pf.position(self.symbol) if pf is not None and self.symbol and hasattr(pf, "position") else None
        avg = getattr(pos, "avg_price", None) if pos is not None else None
        qty = getattr(pos, "qty", 0) if pos is not None else 0
        if not avg or not qty:
            if self.avg_line.scene() is not None:
                self.view.price_plot.removeItem(self.avg_line)
            return
        if self.avg_line.scene() is None:
            self.view.price_plot.addItem(self.avg_line, ignoreBounds=True)
        self.avg_line.setValue(float(avg))
        text = f"{_t('AVG')} {qty:+,} @ {float(avg):,.{self.decimals}f}"
        self.avg_line.label.setFormat(text)
        self.avg_line.label.setText(text)
        self.avg_line.show()

    # ---- dragging ----
    def snap(self, value: float) -> Decimal:
        return snap_to_tick(value, self.tick if self.tick > 0 else Decimal("0.01"))

    def _relabel(self, line: OrderLine) -> None:
        if line.moving or line.value() != float(line.order.price):
            line.show_price(self.snap(line.value()))
        else:
            line.show_price(line.order.price)

    def _dragged(self, line: OrderLine) -> None:
        price = self.snap(line.value())
        if price == line.order.price or price <= 0:
            line.setValue(float(line.order.price))
            return
        line.setValue(float(price))
        self.held[line.order_id] = price  # until the modify is answered (a confirmation may wait)
        task = asyncio.ensure_future(self._send_modify(line, price))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _send_modify(self, line: OrderLine, price: Decimal) -> None:
        self.modifies += 1
        modify = self._modify
        if modify is None:
            from app.ui.order_actions import request_modify as modify
        try:
            ok = await modify(self.context, self.parent_widget, line.order_id, price=price)
        except Exception as exc:  # a refused modify keeps the order where it was
            log.warning("chart: modify of %s refused: %s", line.order_id, exc)
            ok = False
        finally:
            if self.held.get(line.order_id) == price:
                del self.held[line.order_id]
        if not ok and line.scene() is not None:
            line.setValue(float(line.order.price))
        self.dirty = True
