"""Price alerts from the watchlist on a live market: set from a row with a key (non-modal dialog
prefilled with the last price), fire exactly once when the exchange's price is driven across even
with no panel showing the symbol (notification + log line), listed and removable, kept on disk."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.trading.alerts import AlertBook
from app.ui.watchlist_alerts import install_alerts
from app.ui.watchlist_dialogs import AlertDialog, AlertsDialog
from tests.ui.test_watchlist import finish, make_panel, pump


async def drive_up(live, symbol: str, target: float, steps: int = 5000) -> None:
    """Push the exchange's price of `symbol` up (a drift in its price process) until it passes `target`."""
    proc = live.exchange.market.state(symbol).process
    proc.drift = 0.002
    try:
        for _ in range(steps):
            live.exchange.market.step(symbol)
            await asyncio.sleep(0)
            if float(live.exchange.market.last(symbol)) > target:
                return
    finally:
        proc.drift = 0.0
    raise AssertionError("the price never got there")


@pytest.mark.asyncio
async def test_alert_from_a_row_fires_once_and_is_listed(live, qtbot, tmp_path, caplog):
    path = tmp_path / "alerts.json"
    book = install_alerts(live.context, None, path)
    panel = await make_panel(live, qtbot)
    panel.add_symbol("AAPL")
    await live.hub.settled()
    await pump(live, ["AAPL"])
    await live.until(lambda: live.hub.quote("AAPL").last is not None)
    panel.view.setFocus()
    panel._select(0)
    qtbot.keyClick(panel.view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # watchlist.alert
    dlg = panel.findChild(AlertDialog)
    assert dlg is not None and dlg.isVisible()
    assert dlg.windowModality() != Qt.WindowModality.ApplicationModal  # open(), never exec()
    last = live.hub.quote("AAPL").last
    assert dlg.price.value() == pytest.approx(last)  # prefilled with the last price
    # a price of zero is refused in the dialog, which stays open
    dlg.price.setValue(0)
    qtbot.mouseClick(dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert dlg.message.isVisible() and book.alerts == []
    target = round(last * 1.01, 2)
    dlg.op.setCurrentIndex(dlg.op.findData(">="))
    dlg.price.setValue(target)
    qtbot.mouseClick(dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert [(a.symbol, a.op, a.price) for a in book.alerts] == [("AAPL", ">=", target)]
    assert "1" in panel.alerts_btn.text()
    # no panel shows AAPL any more: the alert still watches it through the hub
    await finish(live, panel)
    await live.hub.settled()
    fired = []
    live.context.alert_notifier.fired.connect(fired.append)
    with caplog.at_level(logging.WARNING, logger="app.trading.alerts"):
        await drive_up(live, "AAPL", target * 1.005)
        await live.until(lambda: fired)
        for _ in range(20):
            live.exchange.market.step("AAPL")
        await asyncio.sleep(0.2)
    assert len(fired) == 1 and fired[0].triggered and fired[0].triggered_price >= target
    assert live.context.alert_notifier.shown == [f"AAPL: last {fired[0].triggered_price:,.2f} reached ≥ {target:,.2f}"]
    assert sum("ALERT AAPL" in r.getMessage() for r in caplog.records) == 1
    # kept on disk as triggered: a restart does not fire it again
    assert json.loads(path.read_text("utf-8"))["alerts"][0]["triggered"] is True
    assert [a.triggered for a in AlertBook(path).alerts] == [True]
    # listed, and removable
    panel2 = await make_panel(live, qtbot)
    listing = panel2.show_alerts()
    assert isinstance(listing, AlertsDialog) and listing.table.rowCount() == 1
    assert listing.table.item(0, 3).text() == "Triggered"
    listing.table.selectRow(0)
    qtbot.mouseClick(listing.remove_btn, Qt.MouseButton.LeftButton)
    assert book.alerts == [] and listing.table.rowCount() == 0 and listing.empty.isVisible()
    listing.close()
    await finish(live, panel2)


@pytest.mark.asyncio
async def test_alert_dialog_shows_its_whole_title_and_list_buttons_follow_what_there_is(live, qtbot, tmp_path):
    from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication

    book = install_alerts(live.context, None, tmp_path / "alerts.json")
    panel = await make_panel(live, qtbot)
    panel.add_symbol("AAPL")
    await live.hub.settled()
    await pump(live, ["AAPL"])
    await live.until(lambda: live.hub.quote("AAPL").last is not None)
    view = panel.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(panel.model.index(0, 0)).center())
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    dlg = panel.findChild(AlertDialog)
    assert dlg is not None and dlg.isVisible()
    # QA: the title bar showed 'Price ale… — lsterm'. The dialog is as wide as its whole title
    # ('title — app name' as the window manager writes it, bold) and three title-bar buttons
    bold = QFont(dlg.font())
    bold.setBold(True)
    title = f"{dlg.windowTitle()} \u2014 {QGuiApplication.applicationDisplayName()}"
    assert dlg.width() >= QFontMetrics(bold).horizontalAdvance(title) + 3 * 24
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible() and book.alerts == []
    # the list: Remove and Clear triggered do nothing with no alert, so they are disabled
    qtbot.mouseClick(panel.alerts_btn, Qt.MouseButton.LeftButton)
    listing = panel.findChild(AlertsDialog)
    assert listing is not None and listing.isVisible()
    assert not listing.remove_btn.isEnabled() and not listing.clear_btn.isEnabled()
    last = live.hub.quote("AAPL").last
    book.add("AAPL", ">=", round(last * 2, 2))  # far away: stays active
    assert listing.table.rowCount() == 1
    assert not listing.remove_btn.isEnabled()  # nothing selected yet
    assert not listing.clear_btn.isEnabled()  # nothing triggered
    table = listing.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 0)).center())
    assert listing.remove_btn.isEnabled()
    book.add("AAPL", "<=", round(last * 2, 2))  # already true: fires on the next frame
    await pump(live, ["AAPL"])
    await live.until(lambda: any(a.triggered for a in book.alerts))
    assert listing.clear_btn.isEnabled()
    qtbot.mouseClick(listing.clear_btn, Qt.MouseButton.LeftButton)
    assert [a.op for a in book.alerts] == [">="] and not listing.clear_btn.isEnabled()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(0, 0)).center())
    qtbot.mouseClick(listing.remove_btn, Qt.MouseButton.LeftButton)
    assert book.alerts == [] and not listing.remove_btn.isEnabled() and not listing.clear_btn.isEnabled()
    listing.close()
    await finish(live, panel)
