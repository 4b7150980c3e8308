"""Trading layers of the chart with small stand-ins handed in for the order manager and portfolio:
order lines (drag → one modify at a snapped price; refused → back), fill markers at their bar, and
the average-price line. (The end-to-end drag through the real order manager is in test_chart.py.)"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF

from app.trading.bar_series import BarSeries, Timeframe, local_seconds
from app.trading.trading_hours import SEOUL, ls_stamp
from app.ui.chart.lines import OrderTag, stack_tags
from app.ui.chart.trading import TradingLayers
from app.ui.chart.view import ChartView


@dataclass
class Orders:
    working_orders: list = field(default_factory=list)
    fill_list: list = field(default_factory=list)
    listeners: list = field(default_factory=list)

    def working(self, symbol):
        return [o for o in self.working_orders if o.symbol == symbol]

    def fills(self, symbol):
        return [f for f in self.fill_list if f.symbol == symbol]

    def add_listener(self, cb):
        self.listeners.append(cb)
        return lambda: self.listeners.remove(cb)


def order(oid: str, side: str, price: str, qty: int = 4):
    return SimpleNamespace(id=oid, symbol="AAPL", side=side, price=Decimal(price), remaining=qty)


def day_series() -> BarSeries:
    s = BarSeries(Timeframe.parse("1m"))
    n = 60
    t0 = local_seconds("20261130", "093000")
    c = 100 + np.arange(n) * 0.01
    s.replace({"t": t0 + np.arange(n) * 60, "o": c, "h": c + 0.05, "l": c - 0.05, "c": c, "v": np.ones(n)})
    return s


@pytest.mark.asyncio
async def test_order_lines_fills_and_average_price(qtbot):
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.set_series(day_series())
    orders = Orders([order("101", "buy", "99.90"), order("102", "sell", "100.80", 2)],
                    [SimpleNamespace(symbol="AAPL", side="buy", qty=3, price=Decimal("100.05"), time="233512",
                                     at=ls_stamp("233512", datetime(2026, 11, 30, 23, 40, tzinfo=SEOUL)))])
    calls: list[tuple] = []
    answer = {"ok": True}

    async def modify(context, parent, order_id, price=None):
        calls.append((order_id, price))
        await asyncio.sleep(0)
        return answer["ok"]

    context = SimpleNamespace(orders=orders, portfolio=SimpleNamespace(
        position=lambda s: SimpleNamespace(avg_price=Decimal("100.02"), qty=3) if s == "AAPL" else None))
    layers = TradingLayers(view, context, view, modify=modify)
    layers.set_symbol("AAPL", 2, Decimal("0.01"))
    layers.refresh()

    assert set(layers.lines) == {"101", "102"}
    assert layers.lines["101"].label.format == "BUY 4 @ 99.90" and layers.lines["102"].value() == 100.80
    xs, ys = layers.fills.getData()
    assert list(xs) == [5] and list(ys) == [100.05]  # 23:35:12 in Seoul, 09:35:12 in New York: the 09:35 bar
    assert layers.avg_line.isVisible() and layers.avg_line.value() == 100.02
    assert "+3 @ 100.02" in layers.avg_line.label.format

    line = layers.lines["101"]
    line.setValue(99.8349)
    line.sigPositionChangeFinished.emit(line)
    while layers.tasks:
        await asyncio.sleep(0.01)
    assert calls == [("101", Decimal("99.83"))] and layers.modifies == 1

    answer["ok"] = False  # refused (validation, confirmation declined): the line goes back
    line.setValue(95.0)
    line.sigPositionChangeFinished.emit(line)
    while layers.tasks:
        await asyncio.sleep(0.01)
    assert len(calls) == 2 and line.value() == 99.90

    orders.working_orders.pop(0)  # filled or cancelled: its line goes
    for cb in orders.listeners:
        cb("order", None)
    layers.refresh()
    assert set(layers.lines) == {"102"}
    layers.close()


def test_order_tags_clear_the_last_price_label(qtbot):
    """Orders one tick either side of the last price: each one's price is on the right axis
    without touching the last price's label or the other's, its line at its true price; zoomed far
    out (all on one pixel row), with the last price at the pane's top, and after a tick moves it."""
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    series = day_series()
    view.set_series(series)
    last = round(float(series.c[-1]), 2)
    buy, sell = f"{last - 0.01:.2f}", f"{last + 0.01:.2f}"
    orders = Orders([order("201", "buy", buy), order("202", "sell", sell)])
    layers = TradingLayers(view, SimpleNamespace(orders=orders, portfolio=None), view)
    layers.set_symbol("AAPL", 2, Decimal("0.01"))
    layers.refresh()
    vb = view.price_plot.vb
    label = view.last_line.label

    def painted() -> dict[str, QRectF]:
        layers.refresh()
        view.grab()  # a paint: what is on the screen
        return {"last": label.sceneBoundingRect(), **{k: t.sceneBoundingRect() for k, t in layers.tags.items()}}

    def apart(rects: dict[str, QRectF]) -> bool:
        rs = list(rects.values())
        return all(not r.isEmpty() for r in rs) and all(
            not a.intersects(b) for i, a in enumerate(rs) for b in rs[i + 1:])

    def on_line(oid: str) -> float:  # a tag's offset from its line's height, in pixels
        y = vb.mapViewToScene(QPointF(0, layers.lines[oid].value())).y()
        return abs(layers.tags[oid].sceneBoundingRect().center().y() - y)

    rects = painted()
    assert apart(rects), rects
    assert layers.tags["201"].text() == buy and layers.tags["202"].text() == sell
    assert rects["202"].bottom() < rects["last"].top() and rects["201"].top() > rects["last"].bottom()
    assert layers.lines["201"].value() == float(buy) and layers.lines["202"].value() == float(sell)

    vb.setYRange(last - 100, last + 100, padding=0)  # zoomed far out: the three prices on one pixel row
    rects = painted()
    assert apart(rects), rects
    assert rects["202"].bottom() < rects["last"].top() and rects["201"].top() > rects["last"].bottom()

    vb.setYRange(last - 2, last + 0.01, padding=0)  # the last price at the top: no room above it
    rects = painted()
    pane = vb.sceneBoundingRect()
    assert apart(rects), rects
    assert all(pane.top() <= r.top() and r.bottom() <= pane.bottom() for r in rects.values())

    vb.setYRange(last - 0.1, last + 0.1, padding=0)  # room for every tag at its line
    series.update_last(last + 0.06, 1.0)  # a tick takes the last price away: tags back on their lines
    view.on_update()
    rects = painted()
    assert apart(rects) and on_line("201") < 1 and on_line("202") < 1, rects
    series.update_last(last + 0.01, 1.0)  # and onto the sell's price: it goes above, the buy stays
    view.on_update()
    rects = painted()
    assert apart(rects) and rects["202"].bottom() < rects["last"].top() and on_line("201") < 1, rects

    orders.working_orders.pop()  # the sell is gone: so is its tag
    layers.dirty = True
    layers.refresh()
    assert set(layers.tags) == {"201"} and all(
        not isinstance(item, OrderTag) or item is layers.tags["201"] for item in view.scene().items())
    layers.close()


def test_a_full_axis_column_keeps_tags_apart_inside_the_pane():
    """Tags crowding the last price from both sides fill the column outwards; more than one side
    holds go to the other side."""
    fixed = QRectF(0, 90, 60, 18)
    boxes = [QRectF(0, 88 + k, 60, 18) for k in range(6)]
    above = [True] * 5 + [False]
    out = stack_tags(fixed, boxes, above, 0.0, 200.0)
    rs = [fixed, *out]
    assert all(not a.intersects(b) for i, a in enumerate(rs) for b in rs[i + 1:])
    assert all(0.0 <= r.top() and r.bottom() <= 200.0 for r in out)
    assert sum(r.bottom() <= fixed.top() for r in out) == 4  # only four fit above (90 / 19)


def test_order_and_average_labels_in_a_tight_stack_keep_apart(qtbot):
    """A sell, the average price and a buy each 0.7 label heights apart: every label overlaps its
    neighbours' on its line. They move apart as a block centred on the lines (the middle one stays
    on its line), none overlapping another."""
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.set_series(day_series())
    orders = Orders([order("301", "sell", "100.10"), order("302", "buy", "99.90")])
    context = SimpleNamespace(orders=orders, portfolio=SimpleNamespace(
        position=lambda s: SimpleNamespace(avg_price=Decimal("100.00"), qty=3)))
    layers = TradingLayers(view, context, view)
    layers.set_symbol("AAPL", 2, Decimal("0.01"))
    layers.refresh()
    vb = view.price_plot.vb
    h = layers.lines["301"].label.textItem.boundingRect().height()
    span = 0.10 * vb.height() / (0.7 * h)  # 0.10 apart on the screen: 0.7 label heights
    vb.setYRange(100 - span / 2, 100 + span / 2, padding=0)
    layers.refresh()
    view.grab()  # a paint: the labels as on the screen
    labels = [layers.lines["301"].label, layers.avg_line.label, layers.lines["302"].label]
    rects = [lb.sceneBoundingRect() for lb in labels]
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:]), rects
    assert rects[0].bottom() < rects[1].top() and rects[1].bottom() < rects[2].top()
    avg_y = vb.mapViewToScene(QPointF(0, 100.0)).y()
    assert abs(rects[1].center().y() - avg_y) < 1.5
    layers.close()


def test_a_fill_goes_to_the_day_bar_of_its_trade_date(qtbot):
    """A day chart of a CME future (its trading day opens at 17:00 Chicago the evening before):
    a fill at 10:00 goes to that day's bar, one at 18:00 to the next day's, as the day bars
    themselves fold the evening's trades."""
    from zoneinfo import ZoneInfo

    chicago = ZoneInfo("America/Chicago")
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    s = BarSeries(Timeframe.parse("D"))
    s.session_open = 17 * 3600
    c = np.array([100.0, 101.0, 102.0])
    s.replace({"t": np.array([local_seconds(d) for d in ("20261130", "20261201", "20261202")]),
               "o": c, "h": c + 1, "l": c - 1, "c": c, "v": np.ones(3)})
    view.set_series(s)
    layers = TradingLayers(view, SimpleNamespace(orders=None, portfolio=None), view)
    layers.set_symbol("ESZ26", 2, Decimal("0.25"), chicago)
    assert layers.bar_of(datetime(2026, 12, 1, 10, 0, tzinfo=chicago).timestamp()) == 1
    assert layers.bar_of(datetime(2026, 12, 1, 18, 0, tzinfo=chicago).timestamp()) == 2
    assert layers.bar_of(0.0) is None  # a reconciled fill: LS did not say when
    layers.close()
