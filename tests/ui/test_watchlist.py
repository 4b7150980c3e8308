"""The watchlist panel on a live market (embedded exchange over loopback, real client core): typing
symbols in, refusals, removing and reordering with keys and drops, live values, staleness,
market hours, disconnection and linking."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.trading.trading_hours import NEW_YORK
from app.ui.linking import LinkHub
from app.ui.panels.base import Panel
from app.ui.panels.watchlist import WatchlistPanel
from app.ui.watchlist_columns import INDEX
from app.ui.watchlist_model import SLOW_EVERY
from tests.ui.conftest import wait_signal


async def make_panel(live, qtbot) -> WatchlistPanel:
    """A shown panel on a market that moves only when the test steps it (`pump`)."""
    try:
        await live.exchange.market.stop()
    except RuntimeError:  # its timer fired while pytest-qt ran Qt events between fixture and test
        pass
    panel = WatchlistPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.show()
    panel.activateWindow()
    return panel


async def pump(live, symbols, steps: int = 3) -> None:
    """Step the simulated market: each step of a symbol may print a trade and moves its book."""
    for _ in range(steps):
        for s in symbols:
            live.exchange.market.step(s)
        await asyncio.sleep(0.005)


async def finish(live, panel) -> None:
    panel.shutdown()
    await live.hub.settled()


def cell(panel: WatchlistPanel, symbol: str, column: str) -> str:
    row = panel.model.index_of[symbol]
    return panel.model.data(panel.model.index(row, INDEX[column]))


async def type_symbol(panel, qtbot, text: str) -> None:
    panel.entry.setFocus()
    if text.isascii():
        qtbot.keyClicks(panel.entry, text)
    else:  # Hangul arrives from the input method as a committed string, as on a real keyboard
        ime = QInputMethodEvent()
        ime.setCommitString(text)
        QApplication.sendEvent(panel.entry, ime)
    qtbot.keyClick(panel.entry, Qt.Key.Key_Return)


@pytest.mark.asyncio
async def test_add_by_ticker_and_korean_name_and_refuse_unknown(live, qtbot, qtmodeltester):
    panel = await make_panel(live, qtbot)
    assert panel.stack.currentWidget() is panel.empty and "Enter" in panel.empty.text()
    await type_symbol(panel, qtbot, "aapl")
    await type_symbol(panel, qtbot, "테슬라")  # TSLA by its Korean name
    es = next(i.code for i in live.master.all() if i.code.startswith("ES") and i.market == "futures")
    await type_symbol(panel, qtbot, es)  # a future in the same list
    assert panel.model.symbols() == ["AAPL", "TSLA", es] == panel.book.active.symbols
    assert panel.stack.currentWidget() is panel.view and panel.entry.text() == ""
    await type_symbol(panel, qtbot, "NOSUCH")
    assert panel.model.rowCount() == 3  # no empty row
    assert panel.message.isVisible() and "NOSUCH" in panel.message.text()
    assert "no such instrument" in panel.message.text()
    assert panel.entry.text() == "NOSUCH"  # what was typed is kept for correction
    await type_symbol(panel, qtbot, "")  # the entry still holds NOSUCH: Enter again, still refused
    panel.entry.clear()
    await type_symbol(panel, qtbot, "AAPL")
    assert panel.model.rowCount() == 3 and "already" in panel.message.text()
    # live values arrive through the hub and keep updating
    await live.hub.settled()
    await pump(live, ["AAPL", "TSLA", es])
    await live.until(lambda: cell(panel, "AAPL", "last") != "" and cell(panel, es, "bid") != "")
    assert cell(panel, "AAPL", "name") == "APPLE INC" and cell(panel, "TSLA", "symbol") == "TSLA"
    first = live.hub.quote("AAPL").version
    await pump(live, ["AAPL"], 5)
    await live.until(lambda: panel.model.rows[0].version > first)
    q = live.hub.quote("AAPL")
    await live.until(lambda: panel.model.rows[0].version == live.hub.quote("AAPL").version)
    dec = live.master.get("AAPL").price_decimals(q.last)
    assert cell(panel, "AAPL", "last") == f"{live.hub.quote('AAPL').last:,.{dec}f}"
    qtmodeltester.check(panel.model)
    await finish(live, panel)


@pytest.mark.asyncio
async def test_remove_and_reorder_with_keys_and_drop(live, qtbot, qtmodeltester):
    panel = await make_panel(live, qtbot)
    for s in ("AAPL", "MSFT", "TSLA", "NVDA"):
        assert panel.add_symbol(s)
    view = panel.view
    view.setFocus()
    panel._select(0)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert panel.model.symbols() == ["MSFT", "AAPL", "TSLA", "NVDA"] == panel.book.active.symbols
    assert panel.selected_rows() == [1]  # the moved row stays selected
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # already first: no-op
    assert panel.model.symbols() == ["AAPL", "MSFT", "TSLA", "NVDA"]
    panel._select(2)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert panel.model.symbols() == ["AAPL", "MSFT", "NVDA"] == panel.book.active.symbols
    assert "TSLA" not in live.hub.quotes or live.hub._refs.get("TSLA", 0) == 0
    # a drag of row 0 dropped below row 2 (what the view hands the model on a drop)
    data = panel.model.mimeData([panel.model.index(0, 0)])
    assert panel.model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, panel.model.index(-1, -1)) is False
    assert panel.model.symbols() == ["MSFT", "NVDA", "AAPL"] == panel.book.active.symbols
    data = panel.model.mimeData([panel.model.index(2, 0)])
    panel.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, panel.model.index(0, 3))  # onto row 0
    assert panel.model.symbols() == ["AAPL", "MSFT", "NVDA"]
    qtmodeltester.check(panel.model)
    await finish(live, panel)


@pytest.mark.asyncio
async def test_sorting_keeps_live_updates_and_selection(live, qtbot, qtmodeltester):
    panel = await make_panel(live, qtbot)
    for s in ("AAPL", "MSFT", "TSLA", "NVDA", "INTC"):
        panel.add_symbol(s)
    await live.hub.settled()
    await pump(live, panel.model.symbols(), 4)
    await live.until(lambda: all(cell(panel, s, "last") for s in panel.model.symbols()))
    panel._select(panel.model.index_of["TSLA"])
    head = panel.view.horizontalHeader()
    x = head.sectionViewportPosition(INDEX["last"]) + 5
    qtbot.mouseClick(head.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, head.height() // 2))
    assert panel.book.active.sort is not None and panel.book.active.sort[0] == "last"

    def lasts():
        return [live.hub.quote(s).last for s in panel.model.symbols()]
    await live.until(lambda: lasts() == sorted(lasts(), reverse=panel.model.sort_desc))
    await pump(live, panel.model.symbols(), 6)  # prices move: the order follows, within a second
    await live.until(lambda: lasts() == sorted(lasts(), reverse=panel.model.sort_desc))
    assert panel.model.symbol_at(panel.selected_rows()[0]) == "TSLA"  # selection follows the row
    v = panel.model.rows[0].version
    await pump(live, panel.model.symbols(), 2)
    await live.until(lambda: any(r.version > v for r in panel.model.rows))  # still live
    qtmodeltester.check(panel.model)
    # a manual move while sorted adopts the sorted order, then moves
    order = panel.model.symbols()
    panel._select(0)
    panel.move_selected_down()
    assert panel.model.sort_col is None and head.sortIndicatorSection() == -1
    assert panel.book.active.symbols == [order[1], order[0]] + order[2:]
    await finish(live, panel)


@pytest.mark.asyncio
async def test_stale_closed_and_disconnected_states(live, qtbot):
    live.context.prefs.stale_seconds = 1
    panel = await make_panel(live, qtbot)
    panel.model.wallclock = lambda: datetime(2026, 12, 1, 10, 0, tzinfo=NEW_YORK)  # a Tuesday, open
    es = next(i.code for i in live.master.all() if i.code.startswith("ES") and i.market == "futures")
    panel.add_symbol("AAPL")
    panel.add_symbol(es)
    await live.hub.settled()
    await pump(live, ["AAPL", es])
    await live.until(lambda: cell(panel, "AAPL", "last") != "")
    await live.until(lambda: cell(panel, "AAPL", "state") == "Live")
    colors = panel.model.colors
    assert panel.model.data(panel.model.index(0, INDEX["last"]), Qt.ItemDataRole.ForegroundRole) != colors.stale
    # the exchange stops moving: the quote goes stale and its values grey (not cleared)
    await live.until(lambda: cell(panel, "AAPL", "state") == "Stale", timeout=10)
    row = panel.model.index_of["AAPL"]
    assert panel.model.data(panel.model.index(row, INDEX["last"]), Qt.ItemDataRole.ForegroundRole) == colors.stale
    assert cell(panel, "AAPL", "last") != ""
    # a Saturday in New York: the market is closed, and the row says so
    panel.model.wallclock = lambda: datetime(2026, 12, 5, 11, 0, tzinfo=NEW_YORK)
    panel.model._next_hours = 0.0
    await live.until(lambda: cell(panel, "AAPL", "state") == "Closed")
    tip = panel.model.data(panel.model.index(row, INDEX["symbol"]), Qt.ItemDataRole.ToolTipRole)
    assert "Market closed" in tip and "09:30–16:00 New York" in tip
    # the feed drops: values grey, a banner says so, and it recovers by itself
    live.exchange.faults.ws_drop_after = 1
    live.exchange.faults.drop_websockets()
    await live.until(lambda: panel.banner.isVisible() and cell(panel, "AAPL", "state") == "Disconnected")
    assert "disconnected" in panel.banner.text()
    live.exchange.faults.ws_drop_after = 0
    await live.until(lambda: not panel.banner.isVisible(), timeout=20)
    await finish(live, panel)


@pytest.mark.asyncio
async def test_the_demo_exchange_trading_after_hours_is_not_closed_but_ls_hours_stay_real(live, qtbot):
    """QA: the demo's embedded exchange prints trades around the clock, next to a "Closed" state.
    At the demo exchange a symbol printing outside its calendar session is "Live" (the tooltip says
    the demo trades outside the session), and "Closed" once it falls quiet (as with --sessions);
    on LS's servers (live, paper) the calendar decides, prints or not."""
    from app.ls.config import Endpoints
    from app.trading.session import Mode, TradingSession

    live.context.prefs.stale_seconds = 2
    panel = await make_panel(live, qtbot)
    model = panel.model
    model.wallclock = lambda: datetime(2026, 12, 5, 11, 0, tzinfo=NEW_YORK)  # a Saturday
    panel.add_symbol("AAPL")
    await live.hub.settled()

    def state() -> str:
        return cell(panel, "AAPL", "state")

    async def printing_until(cond) -> None:  # the market keeps printing while we wait
        for _ in range(400):
            await pump(live, ["AAPL"], steps=1)
            if cond():
                return
            await asyncio.sleep(0.02)
        raise AssertionError(f"state stayed {state()!r}")

    await printing_until(lambda: state() == "Live")
    tip = model.data(model.index(model.index_of["AAPL"], INDEX["symbol"]), Qt.ItemDataRole.ToolTipRole)
    assert "demo exchange is trading outside the session (09:30–16:00 New York)" in tip
    assert "Market closed" not in tip
    # the same prints with the session of an LS server: the real hours say closed
    demo = live.context.session
    live.context.session = TradingSession(Mode.LIVE, Endpoints(live.exchange.rest_url, live.exchange.ws_url, "live"))
    try:
        await printing_until(lambda: state() == "Closed")
        tip = model.data(model.index(model.index_of["AAPL"], INDEX["symbol"]), Qt.ItemDataRole.ToolTipRole)
        assert "Market closed (session 09:30–16:00 New York)" in tip
    finally:
        live.context.session = demo
    await printing_until(lambda: state() == "Live")
    # the demo exchange falls quiet (started with --sessions, at night): closed
    await live.until(lambda: state() == "Closed", timeout=10)
    await finish(live, panel)


class ShowSpy(QObject):
    """Records every time a widget is shown (a banner that flashes for one frame counts)."""

    def __init__(self, widget):
        super().__init__(widget)
        self.widget, self.shows = widget, []
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):
        if obj is self.widget and event.type() == QEvent.Type.Show:
            self.shows.append(self.widget.text())
        return False


@pytest.mark.asyncio
async def test_disconnected_banner_only_for_a_real_drop_and_never_widens_the_panel(live, qtbot):
    hub = live.context.market
    live.context.set_market(None)  # the app builds its panels before the login
    panel = await make_panel(live, qtbot)
    spy = ShowSpy(panel.banner)
    es = next(i.code for i in live.master.all() if i.code.startswith("ES") and i.market == "futures")
    await type_symbol(panel, qtbot, "aapl")
    await type_symbol(panel, qtbot, es)  # its socket is opened by the hub: "connecting" at first
    await asyncio.sleep(0.3)
    live.context.set_market(hub)  # the login: the feed comes up
    await live.hub.settled()
    await pump(live, ["AAPL", es])
    await live.until(lambda: panel.model.link == "connected" and cell(panel, "AAPL", "last") and cell(panel, es, "last"))
    await asyncio.sleep(SLOW_EVERY * 2)
    assert spy.shows == [] and panel.banner.isHidden()  # no flash before the feed was up
    # a real drop is said at once (not after the grace period), and the banner wraps: the panel's
    # minimum width is the same with it as without it (QA: it widened the panel)
    narrow = panel.minimumSizeHint().width()
    panel.link_grace = 60.0
    live.exchange.faults.ws_drop_after = 1
    live.exchange.faults.drop_websockets()
    await live.until(lambda: panel.banner.isVisible(), timeout=10)
    assert "disconnected" in panel.banner.text() and len(spy.shows) == 1
    assert panel.minimumSizeHint().width() <= narrow
    assert panel.banner.width() <= panel.width()
    live.exchange.faults.ws_drop_after = 0
    await live.until(lambda: not panel.banner.isVisible(), timeout=20)
    # logged out: "log in" is said once the grace period has passed, not at once
    panel.link_grace = 0.3
    live.context.set_market(None)
    assert panel.banner.isHidden()
    await live.until(lambda: panel.banner.isVisible())
    assert "log in" in panel.banner.text()
    await finish(live, panel)


class Probe(Panel):
    """A panel in the watchlist's link group that only takes the symbol."""

    kind = "probe-watchlist"
    uses_symbol = True


async def linked(live, qtbot) -> tuple[WatchlistPanel, Probe, LinkHub]:
    """A watchlist and a probe panel in the same (red) link group."""
    links: LinkHub = live.context.links
    panel = await make_panel(live, qtbot)
    probe = Probe(live.context)
    for p in (panel, probe):
        links.attach(p)
        links.set_group(p, "red")
    return panel, probe, links


@pytest.mark.asyncio
async def test_double_click_and_enter_load_the_symbol_in_linked_panels(live, qtbot):
    panel, probe, links = await linked(live, qtbot)
    panel.add_symbol("AAPL")
    panel.add_symbol("MSFT")
    view = panel.view
    rect = view.visualRect(panel.model.index(1, INDEX["last"]))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert probe.symbol == "MSFT"
    view.setFocus()
    panel._select(0)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert probe.symbol == "AAPL"
    links.detach(probe)
    await finish(live, panel)


@pytest.mark.asyncio
async def test_a_click_or_arrows_at_rest_load_the_row_in_linked_panels(live, qtbot):
    """QA: ESZ26 clicked in the watchlist showed selected while the chart, book and ticket kept
    AAPL, and the orders went out for AAPL. A click loads the row; the arrow keys load the row they
    rest on (not each row passed); a sort moving the selected row loads nothing."""
    panel, probe, links = await linked(live, qtbot)
    seen: list[str] = []
    panel.symbol_chosen.connect(seen.append)
    for sym in ("AAPL", "MSFT", "NVDA", "TSLA"):
        panel.add_symbol(sym)
    view = panel.view
    rect = view.visualRect(panel.model.index(1, INDEX["name"]))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert probe.symbol == "MSFT" and seen == ["MSFT"]
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert probe.symbol == "MSFT"  # moving on: nothing loaded per row passed
    await live.until(lambda: probe.symbol == "TSLA")
    assert seen == ["MSFT", "TSLA"]
    head = view.horizontalHeader()
    qtbot.mouseClick(head.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(head.sectionViewportPosition(INDEX["symbol"]) + 5, head.height() // 2))
    await asyncio.sleep(0.3)
    assert seen == ["MSFT", "TSLA"] and probe.symbol == "TSLA"  # the sort moved rows, loaded nothing
    links.detach(probe)
    await finish(live, panel)


@pytest.mark.asyncio
async def test_flash_fades_on_the_frame_clock_and_colours_follow_convention(live, qtbot):
    panel = await make_panel(live, qtbot)
    panel.add_symbol("AAPL")
    col = INDEX["last"]
    seen = []

    def on_change(tl, br):
        if tl.column() <= col <= br.column():
            bg = panel.model.data(panel.model.index(0, col), Qt.ItemDataRole.BackgroundRole)
            seen.append(None if bg is None else bg.alpha())
    await live.hub.settled()
    await pump(live, ["AAPL"])
    await live.until(lambda: cell(panel, "AAPL", "last") != "")
    panel.model.dataChanged.connect(on_change)
    for _ in range(200):  # step until trades print at other prices and a flash is seen fading (a
        await pump(live, ["AAPL"], 1)  # loop held up for its 300 ms under load sees one step only)
        await asyncio.sleep(0.04)
        if len({a for a in seen if a is not None}) > 1:
            break
    await live.until(lambda: any(a is not None for a in seen) and seen[-1] is None)
    flashes = [a for a in seen if a is not None]
    assert max(flashes) > min(flashes)  # it fades, in steps, on the shared clock
    # Korean convention: a rise is red; Western: green
    q = live.hub.quote("AAPL")
    await live.until(lambda: q.change not in (None, 0) and panel.model.rows[0].version == q.version)
    fg = panel.model.data(panel.model.index(0, INDEX["change"]), Qt.ItemDataRole.ForegroundRole)
    assert fg == (panel.model.colors.up if q.change > 0 else panel.model.colors.down)
    up_korean = panel.model.colors.up.name()
    live.context.prefs.color_convention = "western"
    live.context.settings_changed.emit()
    assert panel.model.colors.up.name() != up_korean
    await wait_signal(live.context.frame_tick)
    await finish(live, panel)


def popup_rows(completer) -> list[str]:
    model = completer.completionModel()
    return [model.index(i, 0).data() for i in range(model.rowCount())]


def assert_clean(rows: list[str]) -> None:
    """Each row is 'CODE  name · other name': no name twice, none that only repeats the code."""
    for row in rows:
        code, _, names = row.partition("  ")
        parts = [p.casefold() for p in names.split(" · ")] if names else []
        assert code and " " not in code and code.casefold() not in parts and len(set(parts)) == len(parts), row
        assert "  " not in names and row == row.strip(), row


@pytest.mark.asyncio
async def test_completion_rows_name_each_instrument_once(live, qtbot):
    panel = await make_panel(live, qtbot)
    panel.entry.setFocus()
    qtbot.keyClicks(panel.entry, "IB")
    popup = panel.completer.popup()
    await live.until(popup.isVisible)
    rows = popup_rows(panel.completer)
    # QA: 'IBM  IBM  International Business Machines' (its Korean name is its ticker)
    assert "IBM  INTERNATIONAL BUSINESS MACHINES" in rows
    assert_clean(rows)
    qtbot.keyClick(panel.entry, Qt.Key.Key_Backspace)
    qtbot.keyClick(panel.entry, Qt.Key.Key_Backspace)
    qtbot.keyClicks(panel.entry, "AMD")
    await live.until(lambda: popup.isVisible() and popup_rows(panel.completer)[:1] == ["AMD  ADVANCED MICRO DEVICES INC"])
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClick(panel.entry, Qt.Key.Key_Return)
    assert panel.model.symbols() == ["AMD"]
    # the order book's symbol box suggests in the same clean form
    from app.ui.panels.orderbook import OrderBookPanel

    book = OrderBookPanel(live.context)
    qtbot.addWidget(book)
    book.show()
    book.entry.setFocus()
    qtbot.keyClicks(book.entry, "IBM")
    rows = popup_rows(book.entry.completer())
    assert rows[0] == "IBM  INTERNATIONAL BUSINESS MACHINES"
    assert_clean(rows)
    book.shutdown()
    await finish(live, panel)


def assert_popup_fits(completer, window_width: int) -> bool:
    """The popup shows its widest row whole (QA: as narrow as its entry, long names were cut)
    unless that is wider than the window (then it is as wide as the window), starts where the
    entry starts and stays on screen. True when the row fits."""
    popup, entry = completer.popup(), completer.widget()
    model = completer.completionModel()
    rows = popup_rows(completer)
    fm = popup.fontMetrics()
    widest = max(range(len(rows)), key=lambda r: fm.horizontalAdvance(rows[r]))
    need = popup.sizeHintForIndex(model.index(widest, 0)).width()
    assert fm.horizontalAdvance(rows[widest]) > entry.width()  # the case: a row wider than the entry
    assert need >= fm.horizontalAdvance(rows[widest])
    cap = max(window_width, entry.width())
    assert popup.width() <= cap
    if popup.viewport().width() < need:  # cut only when capped: then as wide as the window
        assert popup.width() == cap, (rows[widest], need, popup.width())
    assert popup.mapToGlobal(QPoint(0, 0)).x() == entry.mapToGlobal(QPoint(0, 0)).x()
    assert popup.screen().availableGeometry().contains(popup.frameGeometry())
    return popup.width() < cap


@pytest.mark.asyncio
async def test_completion_popup_is_as_wide_as_its_rows(live, qtbot):
    panel = await make_panel(live, qtbot)
    panel.resize(430, 400)  # the factory width
    popup = panel.completer.popup()
    panel.entry.setFocus()
    qtbot.keyClicks(panel.entry, "Appl")  # 'AAPL  애플 · APPLE INC', 'AMAT  어플라이드 머티어리얼즈 · APPLIED MATERIALS INC'
    await live.until(popup.isVisible)
    await asyncio.sleep(0.05)  # the list lays its rows out (and drops its scroll bar) a pass later
    assert any(r.startswith("AMAT ") for r in popup_rows(panel.completer))
    assert assert_popup_fits(panel.completer, 430)
    qtbot.keyClick(panel.entry, Qt.Key.Key_Escape)
    # one letter: many rows, a scroll bar
    panel.entry.clear()
    qtbot.keyClicks(panel.entry, "a")
    await live.until(popup.isVisible)
    await asyncio.sleep(0.05)
    assert panel.completer.completionModel().rowCount() > panel.completer.maxVisibleItems()
    assert popup.verticalScrollBar().isVisible()
    assert_popup_fits(panel.completer, 430)  # whole, or as wide as the window
    qtbot.keyClick(panel.entry, Qt.Key.Key_Escape)
    # a narrower window: the popup is capped at the window's width (its rows elide there)
    panel.resize(260, 400)
    await asyncio.sleep(0.05)
    assert panel.width() < popup.width()
    panel.entry.clear()
    qtbot.keyClicks(panel.entry, "Appl")
    await live.until(popup.isVisible)
    await asyncio.sleep(0.05)
    assert not assert_popup_fits(panel.completer, panel.width())
    qtbot.keyClick(panel.entry, Qt.Key.Key_Escape)
    # the order book's symbol box (180 px at most) as well
    from app.ui.panels.orderbook import OrderBookPanel

    book = OrderBookPanel(live.context)
    qtbot.addWidget(book)
    book.resize(430, 500)  # LS's capitals ('APPLIED MATERIALS INC') need more than 330 px
    book.show()
    book.entry.setFocus()
    qtbot.keyClicks(book.entry, "Appl")
    await live.until(book.entry.completer().popup().isVisible)
    await asyncio.sleep(0.05)
    assert assert_popup_fits(book.entry.completer(), 430)
    book.shutdown()
    await finish(live, panel)


@pytest.mark.asyncio
async def test_one_pass_paint_matches_the_table_views_own_paint(live, qtbot):
    """WatchlistView paints every cell itself in one pass; the pixels are those QTableView draws
    cell by cell with the same delegate: moved and hidden columns, alternate rows, a selection."""
    from PySide6.QtWidgets import QTableView

    panel = await make_panel(live, qtbot)
    for s in ("AAPL", "MSFT", "NVDA", "TSLA", "AMD", "IBM"):
        panel.add_symbol(s)
    await live.hub.settled()
    await pump(live, ["AAPL", "MSFT", "NVDA", "TSLA", "AMD", "IBM"])
    await live.until(lambda: cell(panel, "IBM", "last") != "")
    await live.until(lambda: not panel.model._flashing)
    view = panel.view
    head = view.horizontalHeader()
    head.moveSection(head.visualIndex(INDEX["last"]), 0)
    panel.set_column_visible("name", False)
    view.selectRow(1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     view.visualRect(panel.model.index(4, INDEX["symbol"])).center())
    view.verticalScrollBar().setValue(1)
    assert panel.selected_rows() == [1, 4] and view.alternatingRowColors()
    ours = view.viewport().grab().toImage()
    view.paintEvent = lambda event: QTableView.paintEvent(view, event)
    plain = view.viewport().grab().toImage()
    assert not panel.model._flashing
    assert ours == plain
    await finish(live, panel)


@pytest.mark.asyncio
async def test_row_tooltip_names_in_the_interface_language_first(live, qtbot):
    """QA: the row tooltip's first line mixed languages the same way in both ("AAPL — 애플 · Apple
    Inc · NASDAQ · USD"). Now: the code and the name the name column shows, the other language's
    name in brackets; exchange and currency labelled on their own line; the session's clock in
    the interface language. A futures contract (LS names it in English only) has one name."""
    from app.ui import i18n
    from tests.trading.test_portfolio_support import front_future

    panel = await make_panel(live, qtbot)
    es = front_future(live.master)
    es_name = live.master.get(es).name
    for sym in ("AAPL", es):
        panel.add_symbol(sym)
    await live.hub.settled()
    model = panel.model

    def tip(sym: str) -> list[str]:
        return model.data(model.index(model.index_of[sym], INDEX["symbol"]), Qt.ItemDataRole.ToolTipRole).split("\n")

    app = QApplication.instance()
    try:
        i18n.install(app, "ko")
        live.context.set_language("ko")
        panel.retranslate()
        lines = tip("AAPL")
        assert lines[:2] == ["AAPL  애플 (APPLE INC)", "거래소 NASDAQ · 통화 USD"], lines
        assert "09:30–16:00 뉴욕 시간" in lines[2] and "New York" not in lines[2], lines
        assert cell(panel, "AAPL", "name") == "애플"  # the name the tooltip starts with
        lines = tip(es)
        assert lines[:2] == [f"{es}  {es_name}", "거래소 CME · 통화 USD"], lines
        assert "한국 시간" in lines[2], lines
        i18n.install(app, "en")
        live.context.set_language("en")
        panel.retranslate()
        lines = tip("AAPL")
        assert lines[:2] == ["AAPL  APPLE INC (애플)", "Exchange NASDAQ · Currency USD"], lines
        assert "09:30–16:00 New York" in lines[2], lines
        assert tip(es)[0] == f"{es}  {es_name}"
    finally:
        i18n.install(app, "en")
        live.context.set_language("en")
    await finish(live, panel)
