"""Indicator parameters on a chart of the embedded exchange. Typed in the parameters dialog with real
keys, a bad value (zero, negative, text, a fraction for a period, a huge period, a Bollinger width of
zero, a MACD fast period not shorter than its slow) is refused with a message saying what is wrong
and what is allowed, the field keeps what was typed and nothing changes; a good value applies and
is what the workspace keeps. A workspace with bad indicator parameters opens with them clamped or
skipped and a notice saying so, the rest of the chart's settings applied."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from app.ui.chart.indicator_menu import ParamsDialog, edit_params, fill_menu
from app.ui.mainwindow import MainWindow
from app.ui.workspace import WorkspaceStore
from tests.ui.test_chart import _ready, close_all, open_chart, own


def open_dialog(panel, kind: str) -> ParamsDialog:
    """The dialog opened as the menu's "Parameters of …" item does."""
    fill_menu(panel)
    study = panel.studies.find(kind)
    act = next(a for a in panel.ind_menu.actions() if a.text().startswith("Parameters of ")
               and study.ind.label in a.text())
    act.trigger()
    return next(d for d in panel.findChildren(ParamsDialog) if d.isVisible() and d.kind == kind)


def type_into(qtbot, dlg: ParamsDialog, key: str, text: str) -> None:
    edit = dlg.fields[key]
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def press_enter(qtbot, dlg: ParamsDialog, key: str) -> None:
    qtbot.keyClick(dlg.fields[key], Qt.Key.Key_Return)


@pytest.mark.asyncio
@pytest.mark.parametrize("kind,key,typed,says", [
    ("sma", "n", "0", "Period must be a whole number from 1 to 5,000; “0” is not."),
    ("sma", "n", "-5", "“-5” is not"),
    ("sma", "n", "abc", "“abc” is not"),
    ("sma", "n", "20.5", "a whole number"),
    ("sma", "n", "1000000", "from 1 to 5,000"),
    ("sma", "n", "nan", "“nan” is not"),
    ("sma", "n", "", "Period: type a whole number from 1 to 5,000."),
    ("bb", "k", "0", "Width (standard deviations) must be a number from 0.1 to 10; “0” is not."),
    ("bb", "k", "-2", "“-2” is not"),
    ("macd", "fast", "30", "The fast period (30) must be shorter than the slow period (26)."),
])
async def test_a_bad_parameter_is_refused_with_a_message_and_nothing_changes(live, qtbot, kind, key, typed, says):
    panel = await open_chart(live)
    panel.add_indicator(kind)
    before = panel.settings()
    study = panel.studies.find(kind)
    dlg = open_dialog(panel, kind)
    type_into(qtbot, dlg, key, typed)
    press_enter(qtbot, dlg, key)
    assert dlg.isVisible() and dlg.error.isVisible()
    assert says in dlg.error.text(), dlg.error.text()
    assert dlg.fields[key].text() == typed  # what the user typed stays, to be corrected
    assert panel.settings() == before and panel.studies.find(kind) is study  # nothing applied
    type_into(qtbot, dlg, key, typed + "1")
    assert not dlg.error.isVisible()  # an edit takes the old message away
    dlg.reject()
    await close_all(live)


@pytest.mark.asyncio
async def test_good_parameters_apply_and_are_kept_in_the_workspace(live, qtbot, tmp_path):
    win = own(MainWindow(live.context))
    panel = win.open_panel("chart", symbol="AAPL").panel
    await live.until(lambda: _ready(panel))
    panel.add_indicator("macd")
    dlg = open_dialog(panel, "macd")
    assert [dlg.fields[k].text() for k in ("fast", "slow", "signal")] == ["12", "26", "9"]
    type_into(qtbot, dlg, "fast", "8")
    type_into(qtbot, dlg, "slow", "21")
    type_into(qtbot, dlg, "signal", "5")
    press_enter(qtbot, dlg, "signal")
    assert not dlg.isVisible()
    assert panel.studies.find("macd").ind.settings() == {"kind": "macd", "params": {"fast": 8, "slow": 21, "signal": 5}}
    store = WorkspaceStore(tmp_path / "ws")
    store.save("w", json.loads(json.dumps(win.capture())))
    saved = next(p for p in store.load("w")["panels"] if p["kind"] == "chart")
    assert saved["settings"]["indicators"] == [{"kind": "macd", "params": {"fast": 8, "slow": 21, "signal": 5}}]
    await close_all(live)


@pytest.mark.asyncio
async def test_a_workspace_with_bad_parameters_opens_corrected_and_says_so(live, qtbot):
    settings = {"timeframe": "15m", "style": "ohlc", "indicators": [
        {"kind": "sma", "params": {"n": 0}},
        {"kind": "bb", "params": {"n": "twenty", "k": -1}},
        {"kind": "nosuch", "params": {}},
        {"kind": "ema", "params": {"n": 1e400}},  # (json reads 1e400 as infinity)
        {"kind": "macd", "params": {"fast": 30, "slow": 10, "signal": 9}},
        {"kind": "sma", "params": {"n": 50}},
        {"kind": "rsi", "params": {"n": 99999}},
    ]}
    win = own(MainWindow(live.context))
    panel = win.open_panel("chart", settings=settings, symbol="AAPL").panel
    assert panel.timeframe == "15m" and panel.style == "ohlc"  # the rest of the settings applied
    assert panel.settings()["indicators"] == [
        {"kind": "sma", "params": {"n": 1}}, {"kind": "bb", "params": {"n": 20, "k": 0.1}},
        {"kind": "ema", "params": {"n": 20}}, {"kind": "macd", "params": {"fast": 12, "slow": 26, "signal": 9}},
        {"kind": "rsi", "params": {"n": 5000}}]
    text = panel.notice.text()
    for part in ("Saved indicator settings corrected", "Moving average (SMA) period 0 is out of range",
                 "“twenty” is not a number", "unknown indicator “nosuch”", "listed twice",
                 "the fast period (30) was not shorter than the slow period (10)", "RSI period 99999"):
        assert part in text, (part, text)
    await live.until(lambda: _ready(panel) and panel.series.tf.id == "15m")
    for _ in range(3):  # frame ticks over live bars: the corrected indicators compute
        panel.drain()
    assert all(len(s.out) for s in panel.studies.items)
    qtbot.mouseClick(panel.notice.close_button, Qt.MouseButton.LeftButton)
    assert not panel.notice.isVisible() and panel.notice.text() == ""
    await close_all(live)


@pytest.mark.asyncio
async def test_an_unreadable_indicator_list_loses_nothing_else(live, qtbot):
    win = own(MainWindow(live.context))
    panel = win.open_panel("chart", settings={"timeframe": "30m", "indicators": 7}, symbol="AAPL").panel
    assert panel.timeframe == "30m" and not panel.studies.items
    assert "the indicator list was unreadable" in panel.notice.text()
    await close_all(live)


@pytest.mark.asyncio
async def test_the_message_is_in_the_interface_language(live, qtbot):
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n

    app = QApplication.instance()
    panel = await open_chart(live)
    panel.add_indicator("rsi")
    i18n.install(app, "ko")
    try:
        dlg = edit_params(panel, panel.studies.find("rsi"))  # (what the menu's item, in Korean now, opens)
        type_into(qtbot, dlg, "n", "1")
        press_enter(qtbot, dlg, "n")
        assert dlg.error.text() == "기간 값은 2부터 5,000까지의 정수여야 합니다 (입력: “1”)."
        assert dlg.isVisible() and panel.studies.find("rsi").ind.p("n") == 14
        dlg.reject()
    finally:
        i18n.install(app, "en")
        await close_all(live)
