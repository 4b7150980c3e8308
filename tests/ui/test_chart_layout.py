"""The chart panel's tool bar and labels: the status text never widens the panel (a dock that widened
on every symbol change pushed its neighbours), the symbol box keeps room for a symbol."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

from app.ui.panels.chart import ChartPanel
from tests.ui.test_chart import _ready, close_all, open_chart, own


@pytest.mark.asyncio
async def test_loading_status_does_not_raise_the_minimum_width(live, qtbot):
    panel = ChartPanel(live.context)
    own(panel)
    panel.show()
    idle = panel.minimumSizeHint().width()
    panel.resize(idle, 400)  # as narrow as the panel allows: a dock column at its minimum
    panel.set_symbol("AAPL")
    assert panel.feed.loading and "Loading history" in panel.status.text()
    panel.layout().activate()
    assert panel.minimumSizeHint().width() == idle
    assert panel.status.toolTip() == panel.status.text()
    fm = panel.entry.fontMetrics()
    assert panel.entry.width() >= fm.horizontalAdvance("MMMMMM")  # not squeezed to "SLA"
    await live.until(lambda: _ready(panel))
    assert panel.minimumSizeHint().width() == idle
    for symbol in ("MSFT", "TSLA", "AAPL"):
        panel.set_symbol(symbol)
        assert panel.minimumSizeHint().width() == idle
        await live.until(lambda: _ready(panel))
    await close_all(live)


def test_timeframe_box_fits_its_longest_item_after_a_language_switch(make_shell, qtbot):
    shell = make_shell(lang="ko")
    shell.restore_workspace()
    shell.window.show()
    panel = next(d.panel for d in shell.window.docks.values() if d.panel.kind == "chart")
    reg = shell.context.actions
    for lang in ("en", "ko", "en"):  # the View menu's language items
        reg.qaction(f"view.language.{lang}").trigger()
        qtbot.wait(20)  # the posted layout requests (a sync test: no asyncio loop to disturb)
        panel.resize(panel.minimumSizeHint().width(), panel.height())  # its dock column at its narrowest
        panel.layout().activate()
        box = panel.tf_box
        texts = [box.itemText(i) for i in range(box.count())]
        assert ("5 min" in texts) == (lang == "en")
        longest = max(box.fontMetrics().horizontalAdvance(t) for t in texts)
        opt = QStyleOptionComboBox()
        box.initStyleOption(opt)
        need = box.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, QSize(longest, box.height()),
                                            box).width()
        assert box.width() >= need  # the text, its frame and the arrow: no "5 mir"
        assert box.sizeHint().width() == need  # sized to this language's items, not the first shown
    shell.window.hide()


@pytest.mark.asyncio
async def test_small_tick_prices_fit_the_value_axis(live, qtbot):
    """QA: 6J's axis labels (0.0066700, a 0.0000005 tick) lost their last digit to the pane's edge in
    the 66 px that fit stock prices. The value axes now widen to the widest label (all panes alike,
    so their time axes stay lined up) and narrow again for a stock."""
    from app.ui.chart.axes import TICK

    jy = live.master.front("6J").code
    panel = await open_chart(live, jy)
    view = panel.view

    def overflow() -> list[str]:
        for p in view.plots():  # (their layouts place the axes on the next pass otherwise)
            p.layout.activate()
        ax = view.price_plot.getAxis("right")
        mn, mx = ax.range
        _values, strings = ax.ticks(mn, mx, ax.rect().height())
        assert strings and all(len(s.split(".")[1]) == 7 for s in strings)
        return [s for s in strings if TICK + 3 + ax.label_pixmap(s, 1.0).width() > ax.width()]

    assert overflow() == []
    widths = {p.getAxis("right").width() for p in view.plots()}  # (laid out by overflow())
    assert len(widths) == 1 and widths.pop() > 66
    panel.set_symbol("AAPL")
    await live.until(lambda: _ready(panel) and panel.series is not None)
    for p in view.plots():
        p.layout.activate()
    assert {p.getAxis("right").width() for p in view.plots()} == {66}
    await close_all(live)
