"""The order book panel against the embedded exchange: levels, layout, clicks, own orders, linking."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.ui.book_model import ASK, BAR_ROLE, BID, COL, CUMULATIVE, LAST, PRICE_ROLE
from app.ui.panels.orderbook import OrderBookPanel
from app.ui.panels.time_sales import TimeSalesPanel
from tests.ui.conftest import wait_signal
from tests.ui.test_ticket import trading  # noqa: F401, F811  (fixture: the live market with an order manager)



async def stop_market(live) -> None:
    """Freeze the simulated market (tests then step it by hand).

    pytest-qt processes Qt events after fixture setup, outside the running qasync loop; a market
    task woken there dies with "no running event loop", which leaves the market stopped anyway.
    """
    try:
        await live.exchange.market.stop()
    except RuntimeError:
        pass

def make_panel(live, qtbot, symbol: str = "", group: str | None = None) -> OrderBookPanel:
    panel = OrderBookPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(520, 620)
    panel.show()
    live.context.links.attach(panel)
    live.context.links.set_group(panel, group)
    if symbol:
        panel.set_symbol(symbol)
    return panel


def shown_levels(panel: OrderBookPanel) -> tuple[list[tuple[Decimal, int]], list[tuple[Decimal, int]]]:
    """(asks best first, bids best first) as the panel displays them: parsed back from the cells."""
    m = panel.model
    n = m.levels

    def read(row: int, col: str) -> tuple[Decimal, int] | None:
        price = m.index(row, COL["price"]).data()
        size = m.index(row, COL[col]).data()
        if not price:
            return None
        return Decimal(price.replace(",", "")), int(size.replace(",", ""))

    asks = [read(n - 1 - i, "ask_size") for i in range(n)]
    bids = [read(n + 1 + i, "bid_size") for i in range(n)]
    return [a for a in asks if a], [b for b in bids if b]


def columns_layout(panel: OrderBookPanel) -> list[tuple[int, int]]:
    """(x, width) of every column of the ladder as shown (0 width: hidden)."""
    head = panel.view.horizontalHeader()
    return [(head.sectionViewportPosition(c), 0 if head.isSectionHidden(c) else head.sectionSize(c))
            for c in range(panel.model.columnCount())]


def exchange_levels(live, symbol: str, n: int) -> tuple[list[tuple[Decimal, int]], list[tuple[Decimal, int]]]:
    book = live.exchange.market.book(symbol)
    return ([(p, q) for p, q, _c in book.asks[:n]], [(p, q) for p, q, _c in book.bids[:n]])


async def quiet_market(live, panel: OrderBookPanel, symbol: str) -> None:
    """Stop the simulated market and wait until the panel shows the exchange's book exactly."""
    await stop_market(live)
    n = panel.model.levels
    await live.until(lambda: panel.state == "book" and shown_levels(panel) == exchange_levels(live, symbol, n))


@pytest.mark.asyncio
async def test_book_shows_the_exchange_levels_sorted_and_labelled(live, qtbot, qtmodeltester):
    panel = make_panel(live, qtbot, "AAPL")
    qtmodeltester.check(panel.model)
    assert panel.model.levels == 10 and panel.model.rowCount() == 21
    await quiet_market(live, panel, "AAPL")
    qtmodeltester.check(panel.model)
    asks, bids = shown_levels(panel)
    assert len(asks) == 10 and len(bids) == 10
    # asks: best (lowest) just above the middle row, prices rising upwards; bids falling downwards
    ask_rows = [Decimal(panel.model.index(r, COL["price"]).data()) for r in range(10)]
    assert ask_rows == sorted(ask_rows, reverse=True)
    bid_rows = [Decimal(panel.model.index(r, COL["price"]).data()) for r in range(11, 21)]
    assert bid_rows == sorted(bid_rows, reverse=True)
    assert ask_rows[-1] > bid_rows[0]
    assert [panel.model.row_kind(r) for r in (0, 9, 10, 11, 20)] == [ASK, ASK, LAST, BID, BID]
    # the middle row is the last trade price
    last = live.exchange.market.last("AAPL")
    assert Decimal(panel.model.index(10, COL["price"]).data()) == last
    # size cells only on their own side; bars proportional to the largest visible size
    assert panel.model.index(2, COL["bid_size"]).data() == ""
    assert panel.model.index(15, COL["ask_size"]).data() == ""
    biggest = max(q for _p, q in asks + bids)
    fracs = {r: panel.model.index(r, COL["ask_size" if r < 10 else "bid_size"]).data(BAR_ROLE)
             for r in list(range(10)) + list(range(11, 21))}
    assert max(fracs.values()) == pytest.approx(1.0)
    assert fracs[9] == pytest.approx(asks[0][1] / biggest)
    assert fracs[11] == pytest.approx(bids[0][1] / biggest)
    # every price fits its column, the bold last-trade price too (it was drawn as "226.…")
    from PySide6.QtGui import QFontMetrics

    from app.ui.book_delegate import PAD

    width = panel.view.columnWidth(COL["price"])
    bold = QFontMetrics(panel.model.bold)
    assert all(bold.horizontalAdvance(panel.model.index(r, COL["price"]).data()) + 2 * PAD <= width
               for r in range(panel.model.rowCount()))
    # and no wider than the widest of them (or the header) needs: the sizes get the rest
    need = max(bold.horizontalAdvance(panel.model.index(r, COL["price"]).data()) + 2 * PAD + 2
               for r in range(panel.model.rowCount()))
    assert width == max(need, panel.view.horizontalHeader().sectionSizeHint(COL["price"]))
    # header and footer lines: last, spread (in ticks), totals
    assert panel.last_lbl.text() == f"{last:,.2f}"
    spread = asks[0][0] - bids[0][0]
    assert f"{spread:.2f}" in panel.spread_lbl.text()
    assert f"{sum(q for _p, q in asks):,}" in panel.ask_total.text()
    assert f"{sum(q for _p, q in bids):,}" in panel.bid_total.text()
    panel.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_live_updates_change_rows_in_place(live, qtbot):
    panel = make_panel(live, qtbot, "MSFT")
    await quiet_market(live, panel, "MSFT")
    resets, changes = [], []
    panel.model.modelReset.connect(lambda: resets.append(1))
    panel.model.dataChanged.connect(lambda a, b: changes.append((a.row(), b.row())))
    for _ in range(30):
        live.exchange.market.step("MSFT")
    await live.until(lambda: shown_levels(panel) == exchange_levels(live, "MSFT", 10))
    assert changes and not resets
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_cumulative_column_toggles_and_is_saved(live, qtbot):
    panel = make_panel(live, qtbot, "AAPL")
    await quiet_market(live, panel, "AAPL")
    assert all(panel.view.isColumnHidden(c) for c in CUMULATIVE)
    live.context.actions.trigger("orderbook.cumulative")  # the registered action
    assert panel.cumulative and not any(panel.view.isColumnHidden(c) for c in CUMULATIVE)
    asks, bids = exchange_levels(live, "AAPL", 10)
    m = panel.model
    assert m.index(9, COL["cum_ask"]).data() == f"{asks[0][1]:,}"
    assert m.index(0, COL["cum_ask"]).data() == f"{sum(q for _p, q in asks):,}"
    assert m.index(12, COL["cum_bid"]).data() == f"{bids[0][1] + bids[1][1]:,}"
    assert panel.settings() == {"cumulative": True}
    other = make_panel(live, qtbot)
    other.apply_settings(panel.settings())
    assert other.cumulative and not other.view.isColumnHidden(CUMULATIVE[0])
    panel.shutdown()
    other.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_clicking_a_level_chooses_its_side_and_price(live, qtbot):
    panel = make_panel(live, qtbot, "AAPL", group="red")
    await quiet_market(live, panel, "AAPL")
    asks, bids = exchange_levels(live, "AAPL", 10)
    view = panel.view

    async def click(row: int):
        rect = view.visualRect(panel.model.index(row, COL["price"]))
        waiter = asyncio.ensure_future(wait_signal(live.context.links.price_chosen, 2.0))
        await asyncio.sleep(0)  # let it connect
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        return await waiter

    group, symbol, side, price = await click(9)  # best ask
    assert (group, symbol, side) == ("red", "AAPL", "buy")
    assert isinstance(price, Decimal) and price == asks[0][0]
    group, symbol, side, price = await click(11)  # best bid
    assert (side, price) == ("sell", bids[0][0])
    _g, _s, side, price = await click(0)  # the farthest ask
    assert (side, price) == ("buy", asks[9][0])
    # the middle (last price) row has no side: nothing is chosen
    got = []
    live.context.links.price_chosen.connect(lambda *a: got.append(a))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(panel.model.index(10, COL["price"])).center())
    assert got == []
    # Enter on the selected level acts like a click
    view.setCurrentIndex(panel.model.index(12, COL["price"]))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert got and got[-1][2:] == ("sell", bids[1][0])
    assert panel.model.index(12, 0).data(PRICE_ROLE) == bids[1][0]
    panel.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop


class FakeOrders:
    """What the order manager will offer: working quantities by price and a change notification."""

    def __init__(self):
        self.by_symbol: dict[str, dict[Decimal, tuple[int, int]]] = {}
        self.changed: list = []

    def working_by_price(self, symbol):
        return dict(self.by_symbol.get(symbol, {}))

    def fire(self):
        for cb in list(self.changed):
            cb()

@pytest.mark.asyncio
async def test_own_working_orders_show_at_their_levels(live, qtbot, qtmodeltester):
    panel = make_panel(live, qtbot, "AAPL")
    await quiet_market(live, panel, "AAPL")
    m = panel.model
    assert all(m.index(r, COL["own_buy"]).data() == "" for r in range(m.rowCount()))  # no order manager yet
    # the own-order columns are there, empty, before any order: orders coming and going never
    # shift the ladder sideways (QA: the columns appeared and disappeared with the orders)
    assert not panel.view.isColumnHidden(COL["own_buy"]) and not panel.view.isColumnHidden(COL["own_sell"])
    layout = columns_layout(panel)
    assert all(layout[c][1] > 0 for c in (COL["own_buy"], COL["own_sell"]))
    asks, bids = exchange_levels(live, "AAPL", 10)
    orders = FakeOrders()
    orders.by_symbol["AAPL"] = {asks[2][0]: (0, 7), bids[0][0]: (300, 0), bids[4][0]: (5, 2),
                                Decimal("0.01"): (9, 9)}  # a price outside the book shows nowhere
    live.context.orders = orders
    await live.until(lambda: m.index(11, COL["own_buy"]).data() == "300")
    assert m.index(10 - 3, COL["own_sell"]).data() == "7"  # third ask from the middle
    assert columns_layout(panel) == layout
    assert (m.index(15, COL["own_buy"]).data(), m.index(15, COL["own_sell"]).data()) == ("5", "2")
    assert sum(1 for r in range(m.rowCount()) if m.index(r, COL["own_buy"]).data()) == 2
    qtmodeltester.check(m)
    orders.by_symbol["AAPL"] = {bids[0][0]: (100, 0)}  # partly filled / cancelled
    orders.fire()
    await live.until(lambda: m.index(11, COL["own_buy"]).data() == "100")
    assert m.index(7, COL["own_sell"]).data() == ""
    orders.by_symbol["AAPL"] = {Decimal("0.01"): (9, 9)}  # working, but at no visible level
    orders.fire()
    await live.until(lambda: m.index(11, COL["own_buy"]).data() == "")
    assert columns_layout(panel) == layout  # the columns stay, empty
    panel.shutdown()
    assert orders.changed == []  # the panel stopped listening
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_switching_symbol_through_the_link_group_rewatches(live, qtbot):
    panel = make_panel(live, qtbot, group="blue")
    assert panel.state == "empty" and "Type a symbol" in panel.message.text()
    live.context.links.publish("blue", "AAPL")
    await live.until(lambda: panel.state == "book")
    await live.hub.settled()
    assert ("GSH", "82AAPL") in live.hub.subscriptions
    live.context.links.publish("blue", "MSFT")
    await live.until(lambda: panel.state == "book" and panel.symbol == "MSFT")
    await live.hub.settled()
    subs = live.hub.subscriptions
    assert ("GSH", "82MSFT") in subs and not any(k.endswith("AAPL") for _tr, k in subs)
    assert live.hub.depth("AAPL") is None
    # typing in the panel's own entry publishes to the group
    panel.entry.setText("nvda")
    qtbot.keyClick(panel.entry, Qt.Key.Key_Return)
    assert live.context.links.symbols["blue"] == "NVDA" and panel.symbol == "NVDA"
    await live.until(lambda: panel.state == "book")
    panel.shutdown()
    await live.hub.settled()
    assert not live.hub.subscriptions
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_unknown_symbol_says_so_and_is_not_published(live, qtbot):
    panel = make_panel(live, qtbot, group="green")
    live.context.links.publish("green", "AAPL")
    panel.entry.setText("NOPE1")
    qtbot.keyClick(panel.entry, Qt.Key.Key_Return)
    assert panel.state == "unknown" and "NOPE1" in panel.message.text()
    assert live.context.links.symbols["green"] == "AAPL"
    panel.set_symbol("ZZZZ9")  # from a link group too
    assert panel.state == "unknown" and "ZZZZ9" in panel.message.text()
    panel.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_futures_book_has_five_levels_on_the_contract_tick(live, qtbot, qtmodeltester):
    es = live.master.front("ES").code
    panel = make_panel(live, qtbot, es)
    assert panel.model.levels == 5 and panel.model.rowCount() == 11
    await quiet_market(live, panel, es)
    qtmodeltester.check(panel.model)
    asks, bids = shown_levels(panel)
    assert len(asks) == 5 and len(bids) == 5
    tick = live.master.get(es).tick_at()
    assert all((p / tick) == (p / tick).to_integral_value() for p, _q in asks + bids)
    text = panel.model.index(4, COL["price"]).data()
    assert len(text.split(".")[-1]) == live.master.get(es).price_decimals()
    panel.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop

@pytest.mark.asyncio
async def test_real_order_manager_orders_show_at_their_level(trading, qtbot):  # noqa: F811
    from app.trading.order_validation import Draft

    live = trading
    panel = make_panel(live, qtbot, "AAPL")
    await quiet_market(live, panel, "AAPL")
    _asks, bids = exchange_levels(live, "AAPL", 10)
    price = bids[3][0]
    layout = columns_layout(panel)
    order = await live.context.orders.submit(Draft("AAPL", "buy", 7, price, "limit"))
    m = panel.model
    row = 10 + 1 + 3
    await live.until(lambda: m.row_price(row) == price and m.index(row, COL["own_buy"]).data() == "7")
    assert sum(1 for r in range(m.rowCount()) if m.index(r, COL["own_buy"]).data()) == 1
    assert columns_layout(panel) == layout
    await live.context.orders.cancel(order)
    await live.until(lambda: m.index(row, COL["own_buy"]).data() == "")
    assert columns_layout(panel) == layout  # no working orders left: the columns stay, empty
    panel.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop


@pytest.mark.asyncio
async def test_a_new_session_hub_is_watched_again_and_logout_says_so(live, qtbot):
    from app.trading.marketdata import MarketDataHub

    book = make_panel(live, qtbot, "AAPL")
    tape = TimeSalesPanel(live.context)
    qtbot.addWidget(tape)
    tape.show()
    tape.set_symbol("AAPL")
    await live.until(lambda: book.state == "book" and tape.state == "tape")
    old = live.hub
    hub = MarketDataHub(live.client, live.master)
    try:
        live.context.set_market(hub, live.master)  # a new session replaced the hub
        assert book.hub is hub and tape.hub is hub
        await live.until(lambda: book.state == "book" and tape.state == "tape"
                         and hub.depth("AAPL") is not None and hub.depth("AAPL").version > 0)
        assert old.depth("AAPL") is None and old.tape("AAPL") is None  # the old hub was let go
        live.context.set_market(None)  # logged out
        assert book.state == "offline" and "log in" in book.message.text()
        assert tape.state == "offline" and "log in" in tape.message.text()
    finally:
        live.context.set_market(old, live.master)
        await hub.close()
    await live.until(lambda: book.state == "book" and tape.state == "tape")
    book.shutdown()
    tape.shutdown()
    await stop_market(live)  # before pytest-qt processes events outside the loop


def test_the_ladder_painted_in_one_pass_matches_the_table_views_own_paint(qtbot):
    """BookView paints every cell itself (one pass, no per-cell calls through QTableView): the
    pixels are those the table view draws cell by cell with the same delegate, selection included."""
    from PySide6.QtWidgets import QTableView

    from app.trading.quotes import Depth, Quote, apply_book
    from app.ui.book_delegate import SizeBarDelegate
    from app.ui.book_model import OrderBookModel
    from app.ui.panels.orderbook import BookView
    from app.ui.quotestyle import QuoteColors

    colors = QuoteColors()
    model = OrderBookModel(colors)
    model.set_levels(5)
    quote, depth = Quote("X"), Depth("X")
    book = {"offerho1": "10.01", "offerrem1": "100", "offerho2": "10.02", "offerrem2": "25", "offerho3": "10.05",
            "offerrem3": "7", "bidho1": "10.00", "bidrem1": "50", "bidho2": "9.98", "bidrem2": "130"}
    apply_book(quote, depth, book, 5, "loctime", 1.0)
    quote.last, quote.prev_close = 10.01, 9.9
    model.update(depth, quote, {Decimal("10.02"): (0, 3), Decimal("9.98"): (12, 0)}, False, 2)
    views = []
    for cls in (QTableView, BookView):
        view = cls()
        qtbot.addWidget(view)
        view.setModel(model)
        view.setItemDelegate(SizeBarDelegate(colors, view))
        view.setShowGrid(False)
        view.verticalHeader().hide()
        view.setColumnHidden(COL["cum_ask"], True)
        view.resize(520, 200)  # shorter than the ladder: a partly shown last row
        for c in range(model.columnCount()):
            view.setColumnWidth(c, 70)
        view.selectRow(3)
        view.show()
        views.append(view)
    plain, ours = (v.viewport().grab().toImage() for v in views)
    assert plain.size() == ours.size()
    assert ours == plain
    views[1].selectRow(8)
    views[0].selectRow(8)
    views[1].verticalScrollBar().setValue(2)
    views[0].verticalScrollBar().setValue(2)
    plain, ours = (v.viewport().grab().toImage() for v in views)
    assert ours == plain


def test_live_labels_repaint_without_asking_the_window_for_a_layout(qtbot):
    """The book's quote and footer lines and the tape's count change on the frame tick: a new text
    that fits repaints the label only; a QLabel asked the whole window for a new layout each time."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QHBoxLayout, QMainWindow, QWidget

    from app.ui.book_common import LiveLabel

    class Layouts(QObject):
        n = 0

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.LayoutRequest:
                self.n += 1
            return False

    window = QMainWindow()
    qtbot.addWidget(window)
    central = QWidget(window)
    row = QHBoxLayout(central)
    label = LiveLabel(central)
    label.setProperty("dim", True)
    row.addWidget(label)
    row.addStretch(1)
    window.setCentralWidget(central)
    window.show()
    label.setText("Asks 1,234")
    qtbot.waitUntil(lambda: label.width() >= label.fontMetrics().horizontalAdvance("Asks 1,234"))
    layouts = Layouts()
    for w in (window, central):
        w.installEventFilter(layouts)
    for text in ("Asks 1,111", "Asks 987", "Asks 1,204", ""):
        label.setText(text)
        qtbot.wait(5)
        assert label.text() == text
    assert layouts.n == 0  # same width or narrower: a repaint only
    label.setText("Asks 12,345,678")  # wider: one layout, and the label gets the room
    qtbot.waitUntil(lambda: label.width() >= label.fontMetrics().horizontalAdvance("Asks 12,345,678"))
    assert layouts.n >= 1
    image = label.grab().toImage()
    bg = image.pixelColor(0, 0)
    assert any(image.pixelColor(x, y) != bg for x in range(image.width()) for y in range(image.height()))
