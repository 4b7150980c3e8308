"""Trading layers of the chart with small stand-ins handed in for the order manager and portfolio:
order lines (drag → one modify at a snapped price; refused → back), fill markers at their bar, and
the average-price line. (The end-to-end drag through the real order manager is in test_chart.py.)"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

import numpy as np
import pytest

from app.trading.bar_series import BarSeries, Timeframe, local_seconds
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
                    [SimpleNamespace(symbol="AAPL", side="buy", qty=3, price=Decimal("100.05"), time="093512")])
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
    assert list(xs) == [5] and list(ys) == [100.05]  # 09:35:12 falls in the 09:35 bar
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
