"""The symbol box of the order book, the tape and the chart: rows of suggestions read "CODE name",
and the box holds the code alone while a row is highlighted and once it is picked, by keys or the
mouse (QA: "AAPL 애플 · Apple Inc" stayed in the box after the arrows went over the rows)."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt

from app.ui.panels.orderbook import OrderBookPanel


async def typed(live, qtbot, text: str):
    panel = OrderBookPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(360, 500)
    panel.show()
    chosen: list[str] = []
    panel.symbol_chosen.connect(chosen.append)
    entry = panel.entry
    panel.activateWindow()  # a real focus-in: QLineEdit takes its completer's rows only then
    await live.until(lambda: panel.isActiveWindow())
    entry.setFocus()
    await live.until(lambda: entry.hasFocus())
    qtbot.keyClicks(entry, text)
    await live.until(lambda: entry._completer.popup().isVisible()
                     and entry._completer.completionModel().rowCount() > 0)
    return panel, entry._completer.popup(), chosen  # (the panel kept: pytest-qt holds it weakly)


@pytest.mark.asyncio
async def test_the_box_holds_the_code_of_the_row_highlighted_and_picked_by_keys(live, qtbot):
    panel, popup, chosen = await typed(live, qtbot, "micro")
    entry = panel.entry
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    label = popup.currentIndex().data()
    code = label.split()[0]
    assert label != code and entry.text() == code  # the row reads more; the box, the code
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    code = popup.currentIndex().data().split()[0]
    assert entry.text() == code
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    await asyncio.sleep(0.05)
    assert entry.text() == code and chosen[-1] == code


@pytest.mark.asyncio
async def test_the_box_keeps_the_code_when_the_list_is_left_with_escape(live, qtbot):
    panel, popup, chosen = await typed(live, qtbot, "micro")
    entry = panel.entry
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    code = popup.currentIndex().data().split()[0]
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    await asyncio.sleep(0.05)
    assert not popup.isVisible() and entry.text() == code


@pytest.mark.asyncio
async def test_a_suggestion_clicked_leaves_the_code(live, qtbot):
    panel, popup, chosen = await typed(live, qtbot, "app")
    entry = panel.entry
    index = popup.model().index(0, 0)
    code = index.data().split()[0]
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(index).center())
    await asyncio.sleep(0.05)
    assert entry.text() == code and chosen[-1] == code
