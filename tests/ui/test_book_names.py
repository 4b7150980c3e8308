"""The order book's and the tape's symbol box and instrument name at the default workspace's
widths: a long English futures name beside the box (LS names futures in English only, in Korean
mode too) neither squeezes the box nor widens the panel."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionFrame, QToolButton

from app.ui.panels.orderbook import OrderBookPanel
from app.ui.panels.time_sales import TimeSalesPanel
from tests.trading.test_portfolio_support import front_future


def text_room(entry) -> int:
    """The width a line edit has for its text: its contents less the text margins, the 2 px Qt
    keeps each side, and the clear button."""
    opt = QStyleOptionFrame()
    entry.initStyleOption(opt)
    contents = entry.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, entry)
    m = entry.textMargins()
    right = contents.right()
    for button in entry.findChildren(QToolButton):
        if button.isVisible():
            right = min(right, button.geometry().left())
    return right - contents.left() - m.left() - m.right() - 4


@pytest.mark.asyncio
@pytest.mark.parametrize("kind, width", [(OrderBookPanel, 330), (TimeSalesPanel, 430)])
async def test_a_long_futures_name_leaves_the_symbol_box_whole(live, qtbot, kind, width):
    """QA (Korean, default workspace): MNQZ26 read "NQZ26" in the order book's box and "Z26" in
    the tape's, the name "Micro E-mini Nasdaq-100(2026.12)" taking the room. The box holds the
    code; the name takes what is left (elided in the middle, whole in its tooltip)."""
    from app.ui import i18n
    from app.ui.theme import apply_theme

    app = QApplication.instance()
    sheet, palette, style, theme = app.styleSheet(), app.palette(), app.style().name(), app.property("lsterm_theme")
    apply_theme(app, "dark")  # its line-edit padding is part of the squeeze
    i18n.install(app, "ko")
    live.context.set_language("ko")
    try:
        panel = kind(live.context)
        qtbot.addWidget(panel)
        panel.resize(width, 400)  # the panel's dock in the default workspace (1440×880 window)
        panel.show()
        mnq = front_future(live.master, "MNQ")
        name = live.master.get(mnq).name
        panel.set_symbol(mnq)
        await live.until(lambda: panel.name.text() == name)
        qtbot.waitUntil(lambda: panel.entry.findChildren(QToolButton) != [])
        await asyncio.sleep(0.05)  # the layout the new name asked for
        entry = panel.entry
        assert entry.text() == mnq
        assert entry.fontMetrics().horizontalAdvance(mnq) <= text_room(entry), (entry.width(), text_room(entry))
        assert panel.width() == width and panel.minimumSizeHint().width() <= width  # not widened
        assert panel.name.geometry().right() < panel.width()
        shown = panel.name.shown()
        assert panel.name.fontMetrics().horizontalAdvance(shown) <= panel.name.contentsRect().width()
        assert shown == name or ("…" in shown and shown.endswith("12)") or shown.endswith(")"))
        assert name in panel.name.toolTip()
        if shown != name:  # short of room: the box no wider than a code needs, the name the rest
            assert entry.width() <= entry.minimumWidth() + entry.fontMetrics().horizontalAdvance("0"), entry.width()
        panel.shutdown()
    finally:
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        app.setStyle(style)
        app.setProperty("lsterm_theme", theme)
        i18n.install(app, "en")
        live.context.set_language("en")
