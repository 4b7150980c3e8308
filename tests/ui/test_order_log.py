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


@pytest.mark.asyncio
async def test_the_order_story_is_korean_in_a_korean_panel_and_english_in_the_file(live, qtbot, tmp_path):
    """The panel words each line in the interface language (sides and price types too); the log
    file, read by support and scripts, keeps English."""
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n

    app = QApplication.instance()
    assert i18n.install(app, "ko")
    bridge = LogBridge()
    bridge.record.connect(live.context.log_model.add)
    handler = QtLogHandler(bridge)
    file_handler = logging.FileHandler(tmp_path / "lsterm.log", encoding="utf-8")
    root = logging.getLogger()
    root.addHandler(handler)
    root.addHandler(file_handler)
    level = root.level
    root.setLevel(logging.INFO)
    mgr = None
    try:
        for spec in TRADING:
            if spec.id not in live.context.actions:
                live.context.actions.register(ActionSpec(**spec.__dict__))
        panel = LogPanel(live.context)
        qtbot.addWidget(panel)
        mgr = await start_orders(live.context, live.session, live.master, live.hub)
        mgr.last_price("AAPL")
        await live.until(lambda: live.hub.quote("AAPL") and live.hub.quote("AAPL").last)
        price = below(live, "AAPL")
        order = await mgr.submit(Draft("AAPL", "buy", 400, price, "limit"))
        await live.until(lambda: order.state == "accepted")
        await mgr.cancel(order.id)
        await live.until(lambda: order.state == "cancelled")
        p = f"{price.normalize():f}"

        def shown() -> list[str]:
            live.context.log_model.flush()
            panel.search.setText(str(order.id))
            return [panel.proxy.index(r, 3).data() or "" for r in range(panel.proxy.rowCount())]

        await live.until(lambda: any("취소됨" in t for t in shown()))
        texts = shown()
        assert f"주문 {order.id} 접수: AAPL 매수 400 @ {p} 지정가" in texts
        assert f"취소 전송: 주문 {order.id} (AAPL 매수 400 @ {p} 지정가)" in texts
        assert f"주문 {order.id} 취소됨: AAPL 매수 400 @ {p} 지정가" in texts
        file_handler.flush()
        written = (tmp_path / "lsterm.log").read_text("utf-8")
        assert f"Order {order.id} accepted: AAPL buy 400 @ {p} limit" in written
        assert "매수" not in written
    finally:
        i18n.install(app, "en")
        root.removeHandler(handler)
        root.removeHandler(file_handler)
        file_handler.close()
        root.setLevel(level)
        live.context.orders = None
        if mgr is not None:
            await mgr.close()
        await quiesce(live)
