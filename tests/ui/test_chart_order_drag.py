"""An order line dragged past the fat-finger limits: while the warning waits for an answer the line
stays where it was dropped and its label shows that price (an order or portfolio change redrew it at
the old price, under a dialog asking about the new one); "Don't send" puts it back, nothing sent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.test_chart import chart_with_order, drag_line


def confirm_box():
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.objectName() == "OrderConfirm" and w.isVisible()), None)


@pytest.mark.asyncio
async def test_a_line_waiting_for_its_warning_stays_where_it_was_dropped(live, qtbot, tmp_path):
    async with chart_with_order(live, tmp_path, 2) as (panel, mgr, order, last):
        line, price = panel.trading.lines[order.id], order.price
        target = (last * Decimal("0.80")).quantize(Decimal("0.01"))  # 20 % away: past the demo's 10 %
        drag_line(qtbot, panel, price, target, last)
        await live.until(lambda: confirm_box() is not None)
        dropped = line.value()
        assert abs(dropped - float(target)) < float(last) * 0.01
        assert f"@ {dropped:,.2f}" in line.label.format  # the label says where the line is
        panel.trading.dirty = True  # an order or portfolio change redraws the layers meanwhile
        panel.drain()
        assert panel.trading.lines[order.id] is line and line.value() == dropped
        assert f"@ {dropped:,.2f}" in line.label.format

        confirm_box().button(QMessageBox.StandardButton.No).click()
        await live.until(lambda: not panel.trading.tasks)
        panel.drain()
        assert line.value() == float(price) and f"@ {float(price):,.2f}" in line.label.format
        assert panel.trading.modifies == 1 and mgr.order(order.id).price == price  # nothing sent


@pytest.mark.asyncio
async def test_the_label_of_an_order_out_of_view_goes_with_its_line(live, qtbot, tmp_path):
    async with chart_with_order(live, tmp_path, 1) as (panel, _mgr, order, last):
        line, vb = panel.trading.lines[order.id], panel.view.price_plot.vb
        price = float(order.price)
        px = float(last) * 0.02 / vb.height()  # about a pixel, in price
        vb.setYRange(price + 4 * px, price + 4 * px + float(last) * 0.02, padding=0)  # the line 4 px below the pane
        panel.drain()
        assert not line.label.isVisible()  # not half a label on the pane's edge
        vb.setYRange(price - float(last) * 0.01, price + float(last) * 0.01, padding=0)
        panel.drain()
        assert line.label.isVisible() and f"@ {price:,.2f}" in line.label.format
