"""The log panel tells the day's orders: the order manager the shell starts (`start_orders`) logs
each order's changes, and they reach the log panel (QA: it showed no order events)."""

from __future__ import annotations

import logging

import pytest

from app.trading.order_validation import Draft
from app.ui.actions import ActionSpec
from app.ui.commands import TRADING
from app.ui.log_model import LogBridge, QtLogHandler
from app.ui.order_actions import start_orders
from app.ui.panels.log_panel import LogPanel
from tests.ui.test_ticket import below, quiesce


@pytest.mark.asyncio
async def test_orders_started_by_the_shell_are_told_in_the_log_panel(live, qtbot):
    for spec in TRADING:
        if spec.id not in live.context.actions:
            live.context.actions.register(ActionSpec(**spec.__dict__))
    bridge = LogBridge()
    bridge.record.connect(live.context.log_model.add)
    handler = QtLogHandler(bridge)
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    panel = LogPanel(live.context)
    qtbot.addWidget(panel)
    mgr = await start_orders(live.context, live.session, live.master, live.hub)
    try:
        assert mgr is not None and live.context.orders is mgr
        mgr.last_price("AAPL")
        await live.until(lambda: live.hub.quote("AAPL") and live.hub.quote("AAPL").last)
        order = await mgr.submit(Draft("AAPL", "buy", 2, below(live, "AAPL"), "limit"))
        await live.until(lambda: order.state == "accepted")
        await mgr.cancel(order.id)
        await live.until(lambda: order.state == "cancelled")

        def shown() -> list[str]:
            live.context.log_model.flush()
            panel.search.setText(f"order {order.id}")
            return [panel.proxy.index(r, 3).data() for r in range(panel.proxy.rowCount())]

        await live.until(lambda: any("cancelled" in (t or "") for t in shown()))
        texts = shown()
        assert any(t.startswith(f"Order {order.id} accepted: AAPL buy 2 @ ") for t in texts)
        assert any(t.startswith(f"Cancel sent: order {order.id} ") for t in texts)
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        live.context.orders = None
        if mgr is not None:
            await mgr.close()
        await quiesce(live)
