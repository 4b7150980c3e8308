"""The positions panel against the embedded exchange: live rows, colours, the closing-order draft on
double-click and on its key, linking on Enter, the empty state, and the model's invariants."""

from __future__ import annotations

import dataclasses

from decimal import Decimal

import pytest
import pytest_asyncio
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from app.trading.portfolio import PortfolioService
from app.trading.session import DEMO_APPKEY
from app.ui.panels.positions import PositionsPanel
from tests.trading.test_portfolio_support import buy_stock, front_future, trade_future
from tests.ui import test_ticket as _ticket

trading = _ticket.trading  # the live market with an order manager (fixture)


@pytest_asyncio.fixture(autouse=True)
async def _market_quiet_at_teardown(live):
    """Stop the simulated market while the asyncio loop still runs: pytest-qt's teardown processes
    Qt events outside it, and a market step falling there dies with "no running event loop"."""
    yield
    try:
        await live.exchange.market.stop()
    except RuntimeError:  # a step already died in such a window: the market is stopped anyway
        pass


async def portfolio_for(live) -> PortfolioService:
    svc = PortfolioService(live.client, live.hub, live.master, debounce=0.05)
    await svc.start()
    live.context.set_portfolio(svc)
    return svc


async def shown_panel(live, qtbot) -> tuple[PortfolioService, PositionsPanel, list[dict]]:
    """A positions panel on the live portfolio, shown, and the drafts it sends to the ticket."""
    svc = await portfolio_for(live)
    panel = PositionsPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    drafts: list[dict] = []
    live.context.links.ticket_requested.connect(drafts.append)
    return svc, panel, drafts


def cell(panel, symbol: str, column: str, role=Qt.ItemDataRole.DisplayRole):
    row = panel.model.row_of(symbol)
    col = [c.id for c in panel.columns].index(column)
    return panel.model.data(panel.model.index(row, col), role)


def click_row(qtbot, panel, symbol: str, double: bool = False) -> None:
    row = panel.model.row_of(symbol)
    rect = panel.view.visualRect(panel.model.index(row, 0))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    if double:  # a real double-click: press/release, then the double-click event on the same row
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.asyncio
async def test_positions_show_live_and_double_click_drafts_the_closing_order(live, qtbot, qtmodeltester):
    svc = await portfolio_for(live)
    panel = PositionsPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    qtmodeltester.check(panel.model)
    await live.until(lambda: panel.message.isVisible() and "No open positions" in panel.message.text())
    drafts: list[dict] = []
    live.context.links.ticket_requested.connect(drafts.append)
    chosen: list[str] = []
    panel.symbol_chosen.connect(chosen.append)

    es = front_future(live.master)
    await buy_stock(live.client, live.master, "AAPL", 10)
    await trade_future(live.client, es, "sell", 2)
    await live.until(lambda: panel.model.row_of("AAPL") >= 0 and panel.model.row_of(es) >= 0
                     and cell(panel, es, "qty") == "2")
    assert panel.view.isVisible() and not panel.message.isVisible()
    qtmodeltester.check(panel.model)
    server = live.exchange.broker.account(DEMO_APPKEY)
    assert cell(panel, "AAPL", "qty") == "10"
    assert Decimal(cell(panel, "AAPL", "avg").replace(",", "")) == server.stocks["AAPL"].avg_price.quantize(
        Decimal("0.00001"))
    assert cell(panel, es, "side") == "Short"
    colors = panel.model.colors
    assert cell(panel, es, "side", Qt.ItemDataRole.ForegroundRole) == colors.down  # Korean: short blue
    assert cell(panel, "AAPL", "side", Qt.ItemDataRole.ForegroundRole) == colors.up

    # live: the last and P&L cells follow the hub's last price
    def shows_hub_last() -> bool:
        q = live.hub.quote("AAPL")
        if q is None or q.last is None:
            return False
        p = svc.position("AAPL")
        return cell(panel, "AAPL", "last") == f"{Decimal(str(q.last)):,.2f}" and \
            cell(panel, "AAPL", "pnl") == f"{p.unrealized:+,.2f}".replace("+0.00", "0.00")
    await live.until(shows_hub_last)
    pnl = svc.position("AAPL").unrealized
    if pnl:
        assert cell(panel, "AAPL", "pnl", Qt.ItemDataRole.ForegroundRole) == colors.for_sign(float(pnl))

    # double-click: a sell of the whole long, never sent
    orders_before = len(live.exchange.broker.orders)
    click_row(qtbot, panel, "AAPL", double=True)
    assert drafts and drafts[-1]["symbol"] == "AAPL" and drafts[-1]["side"] == "sell" and drafts[-1]["qty"] == 10
    assert drafts[-1]["price_type"] == "limit" and isinstance(drafts[-1]["price"], Decimal)
    # the registered key on the short futures row: a buy of 2
    click_row(qtbot, panel, es)
    assert chosen[-1] == es
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert chosen[-1] == es
    panel.activateWindow()
    await live.until(lambda: panel.isActiveWindow())
    n = len(drafts)
    qtbot.keyClick(panel.view, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)  # its key, not just the palette
    assert len(drafts) == n + 1
    assert drafts[-1]["symbol"] == es and drafts[-1]["side"] == "buy" and drafts[-1]["qty"] == 2
    assert live.context.actions.trigger("positions.close")
    assert drafts[-1]["symbol"] == es and drafts[-1]["side"] == "buy" and drafts[-1]["qty"] == 2
    assert len(live.exchange.broker.orders) == orders_before  # nothing was sent
    assert "positions.close" in [s.id for s in live.context.actions.search("closing")]
    panel.shutdown()
    await svc.close()


@pytest.mark.asyncio
async def test_rows_update_in_place_and_leave_when_flat(live, qtbot, qtmodeltester):
    svc = await portfolio_for(live)
    panel = PositionsPanel(live.context)
    qtbot.addWidget(panel)
    inserted: list[tuple[int, int]] = []
    removed: list[tuple[int, int]] = []
    resets: list[int] = []
    panel.model.rowsInserted.connect(lambda _p, a, b: inserted.append((a, b)))
    panel.model.rowsRemoved.connect(lambda _p, a, b: removed.append((a, b)))
    panel.model.modelReset.connect(lambda: resets.append(1))
    es = front_future(live.master)
    await trade_future(live.client, es, "buy", 1)
    await live.until(lambda: panel.model.row_of(es) >= 0)
    await trade_future(live.client, es, "buy", 2)
    await live.until(lambda: cell(panel, es, "qty") == "3")
    assert inserted == [(0, 0)] and not resets
    await trade_future(live.client, es, "sell", 3)
    await live.until(lambda: panel.model.row_of(es) < 0)
    assert removed == [(0, 0)] and not resets
    qtmodeltester.check(panel.model)
    await live.until(lambda: not panel.message.isHidden() and panel.view.isHidden())
    panel.shutdown()
    await svc.close()


@pytest.mark.asyncio
async def test_values_grey_and_a_banner_says_so_while_realtime_is_down(live, qtbot):
    svc = await portfolio_for(live)
    panel = PositionsPanel(live.context)
    qtbot.addWidget(panel)
    await buy_stock(live.client, live.master, "MSFT", 3)
    await live.until(lambda: panel.model.row_of("MSFT") >= 0)
    assert panel.banner.isHidden() and not panel.model.stale
    queries = svc.queries
    live.exchange.faults.drop_websockets()
    await live.until(lambda: panel.model.stale and not panel.banner.isHidden())
    assert "Realtime disconnected" in panel.banner.text()
    assert cell(panel, "MSFT", "last", Qt.ItemDataRole.ForegroundRole) == panel.model.colors.stale
    await live.until(lambda: not panel.model.stale and panel.banner.isHidden())
    await live.until(lambda: svc.queries > queries)  # back: the account is asked again
    panel.shutdown()
    await svc.close()


@pytest.mark.asyncio
async def test_closing_a_loan_holding_from_the_panel_sends_cosmt00300(live, qtbot, tmp_path, monkeypatch):
    """A loan holding's closing order, loaded into the ticket with a double-click and sent with
    Enter, reaches the exchange as COSMT00300 with the loan's date and repayment code."""
    from app.sim.broker.loans import book_loan
    from app.trading.orders import OrderManager
    from app.ui.panels.ticket import TicketPanel
    from tests.trading.test_portfolio_support import record_requests

    received = record_requests(monkeypatch, "COSAT00301", "COSMT00300")
    mgr = OrderManager(live.client, live.master, hub=live.hub, mode="demo", data_dir=tmp_path / "data",
                       prefs=live.context.prefs)
    await mgr.start()
    live.context.orders = mgr
    svc = PortfolioService(live.client, live.hub, live.master, orders=mgr, debounce=0.05)
    await svc.start()
    live.context.set_portfolio(svc)
    book_loan(live.exchange.broker, DEMO_APPKEY, "AAPL", 4, Decimal("150"), loan_dt="20261020")
    await svc.refresh("stock")
    panel = PositionsPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    ticket = TicketPanel(live.context)
    qtbot.addWidget(ticket)
    ticket.show()
    ticket.link_group = panel.link_group
    await live.until(lambda: panel.model.row_of("AAPL") >= 0 and live.hub.quote("AAPL") is not None
                     and live.hub.quote("AAPL").last)
    assert cell(panel, "AAPL", "loan") == "4" and "2026-10-20" in cell(panel, "AAPL", "loan", Qt.ItemDataRole.ToolTipRole)

    click_row(qtbot, panel, "AAPL", double=True)
    assert (ticket.symbol, ticket.side, ticket.qty_edit.text()) == ("AAPL", "sell", "4")
    ticket.qty_edit.setFocus()
    qtbot.keyClick(ticket.qty_edit, Qt.Key.Key_Return)
    await live.until(lambda: ticket.last_order is not None and ticket.last_order.id)
    tr_cd, block = received[-1]
    assert tr_cd == "COSMT00300" and (block["IsuNo"], block["OrdQty"], block["LoanDt"], block["MgntrnCode"]) == \
        ("AAPL", 4, "20261020", "180")
    order = ticket.last_order
    live.exchange.broker.force_trade("AAPL", order.price, 10)
    await live.until(lambda: panel.model.row_of("AAPL") < 0)
    assert live.exchange.broker.account(DEMO_APPKEY).loans[("AAPL", "20261020")].qty == 0
    panel.shutdown()
    await svc.close()
    live.context.orders = None
    await mgr.close()


@pytest.mark.asyncio
async def test_a_right_click_on_a_row_offers_the_closing_order(live, qtbot):
    svc, panel, drafts = await shown_panel(live, qtbot)
    await buy_stock(live.client, live.master, "AAPL", 3)
    await live.until(lambda: panel.model.row_of("AAPL") >= 0 and cell(panel, "AAPL", "qty") == "3")
    rect = panel.view.visualRect(panel.model.index(panel.model.row_of("AAPL"), 0))
    vp = panel.view.viewport()
    qtbot.mouseClick(vp, Qt.MouseButton.RightButton, pos=rect.center())
    # the context-menu event the window system sends with a right click (QTest sends none)
    QApplication.sendEvent(vp, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, rect.center(),
                                                 vp.mapToGlobal(rect.center())))
    await live.until(lambda: panel.row_menu is not None and panel.row_menu.isVisible())
    titles = [a.text() for a in panel.row_menu.actions()]
    assert titles == ["Load closing order for the position", "Show the position's symbol in linked panels"]
    assert panel.row_menu.actions()[0].shortcut().toString() == "Alt+X"
    orders_before = len(live.exchange.broker.orders)
    panel.row_menu.actions()[0].trigger()
    assert drafts and drafts[-1]["symbol"] == "AAPL" and drafts[-1]["side"] == "sell" and drafts[-1]["qty"] == 3
    assert len(live.exchange.broker.orders) == orders_before  # loaded for review, not sent
    panel.row_menu.close()
    panel.shutdown()
    await svc.close()


@pytest.mark.asyncio
async def test_no_positions_is_said_only_once_every_account_answered(live, qtbot):
    """At start the futures account answers first: the stock holdings are still on their way, and
    'No open positions' then (seen for ~10 s under Xvfb) would tell a holder the position is gone."""
    await buy_stock(live.client, live.master, "AAPL", 2)
    svc = PortfolioService(live.client, live.hub, live.master, debounce=0.05)
    live.context.set_portfolio(svc)
    panel = PositionsPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    await svc.refresh("futures")
    panel.on_frame()
    assert panel.message.isVisible() and "Loading the account" in panel.message.text()
    await svc.refresh("stock")
    await live.until(lambda: panel.model.row_of("AAPL") >= 0)
    panel.on_frame()
    assert panel.view.isVisible() and not panel.message.isVisible()
    panel.shutdown()
    await svc.close()


@pytest.mark.asyncio
async def test_a_long_futures_name_is_readable_in_korean_at_the_default_size(live, qtbot, request):
    """QA: in Korean, at the default workspace size, a Micro E-mini Nasdaq-100 position read
    "Micro E-mini Nasdaq-100 (Dec 2…" (the column was fitted before the account's name came and
    never again). The name column holds the whole name (up to a cap, past which it is elided in
    the middle, keeping the contract month), and the cell's tooltip has it in full."""
    from PySide6.QtWidgets import QStyle

    from app.ui import i18n
    from app.ui.portfolio_columns import NAME_WIDEST

    app = QApplication.instance()
    i18n.install(app, "ko")
    live.context.set_language("ko")
    try:
        svc = await portfolio_for(live)
        panel = PositionsPanel(live.context)
        qtbot.addWidget(panel)
        panel.resize(670, 230)  # the positions tab of the default workspace (1440×880 window)
        panel.show()
        mnq = front_future(live.master, "MNQ")
        # the fill makes the row with the master's name; the account's answer (CIDBQ01500 IsuNm,
        # "Micro E-mini Nasdaq-100(2027.03)") replaces it with a longer one (the embedded exchange
        # names a contract alike in both, as LS does: the master here has a shorter name)
        listed = live.master.get(mnq)
        live.master.add([dataclasses.replace(listed, name=listed.name.split("(")[0], name_en=listed.name.split("(")[0])])
        request.addfinalizer(lambda: live.master.add([listed]))
        await trade_future(live.client, mnq, "buy", 1)
        master_name = live.master.get(mnq).name
        await live.until(lambda: panel.model.row_of(mnq) >= 0 and svc.position(mnq) is not None
                         and svc.position(mnq).name not in ("", master_name))
        await live.until(lambda: not panel._dirty)
        full = svc.position(mnq).name
        assert len(full) > 30, full  # a long name, the case in point
        col = [c.id for c in panel.columns].index("name")
        view = panel.view
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        assert cell(panel, mnq, "name") == full
        assert view.fontMetrics().horizontalAdvance(full) + margin <= view.columnWidth(col), (full, view.columnWidth(col))
        assert cell(panel, mnq, "name", Qt.ItemDataRole.ToolTipRole) == full
        assert view.textElideMode() == Qt.TextElideMode.ElideMiddle
        # and the columns a trader reads next still start inside the panel
        head = view.horizontalHeader()
        pnl = [c.id for c in panel.columns].index("pnl")
        assert head.sectionViewportPosition(pnl) < view.viewport().width()
        # a name past the cap (in English: "Taiwan Semiconductor Manufacturing ADR") elides; its tooltip has it
        await buy_stock(live.client, live.master, "TSM", 1)
        await live.until(lambda: panel.model.row_of("TSM") >= 0 and not panel._dirty)
        i18n.install(app, "en")
        live.context.set_language("en")
        long_name = cell(panel, "TSM", "name")
        cap = view.fontMetrics().horizontalAdvance(NAME_WIDEST)
        assert view.fontMetrics().horizontalAdvance(long_name) > cap, long_name
        assert cap < view.columnWidth(col) < view.fontMetrics().horizontalAdvance(long_name) + margin  # elided
        assert cell(panel, "TSM", "name", Qt.ItemDataRole.ToolTipRole) == long_name
        panel.shutdown()
        await svc.close()
    finally:
        i18n.install(app, "en")
        live.context.set_language("en")


@pytest.mark.asyncio
async def test_a_contract_has_one_name_as_ls_gives_it(live, qtbot):
    """LS names an overseas futures contract in English only, the product and the month, the same
    in the master (o3101 SymbolNm, "Australian Dollar(2023.06)") and in the account (CIDBQ01500
    IsuNm): the embedded exchange does the same (it said "E-mini S&P 500 (Dec 2026)" in the
    account next to "E-mini S&P 500(2026.12)" in the master), so a position reads alike in both
    languages and alike in every panel."""
    import re

    from app.ui import i18n

    es = front_future(live.master)
    listed = live.master.get(es)
    assert re.fullmatch(r"[^()]+\(\d{4}\.\d{2}\)", listed.name), listed.name
    assert listed.name == listed.name_en  # no Korean name field for futures
    svc = await portfolio_for(live)
    panel = PositionsPanel(live.context)
    qtbot.addWidget(panel)
    panel.show()
    app = QApplication.instance()
    try:
        i18n.install(app, "ko")
        live.context.set_language("ko")
        await trade_future(live.client, es, "buy", 1)
        await live.until(lambda: panel.model.row_of(es) >= 0 and svc.position(es) is not None and svc.idle)
        assert svc.position(es).name == listed.name  # the account's name
        assert cell(panel, es, "name") == listed.name
    finally:
        i18n.install(app, "en")
        live.context.set_language("en")
    panel.shutdown()
    await svc.close()


@pytest.mark.asyncio
async def test_the_closing_order_leaves_out_what_working_orders_already_close(trading, qtbot):
    """Alt+X twice on a futures position must not end short: the second closing order is what is
    left after the working one (none when it closes it all), not the whole position again."""
    live = trading
    mgr = live.context.orders
    svc, panel, drafts = await shown_panel(live, qtbot)
    es = front_future(live.master)
    await trade_future(live.client, es, "buy", 3)
    await live.until(lambda: panel.model.row_of(es) >= 0 and cell(panel, es, "qty") == "3")
    row = panel.model.row_of(es)
    assert panel.load_closing_order(row)["qty"] == 3
    mgr.last_price(es)
    await live.until(lambda: live.hub.quote(es) and live.hub.quote(es).last)
    far = Decimal(str(live.hub.quote(es).last)) * Decimal("1.05")
    inst = live.master.get(es)
    far = (far / inst.tick_at(far)).to_integral_value() * inst.tick_at(far)
    from app.trading.order_validation import Draft

    first = await mgr.submit(Draft(es, "sell", 2, far, "limit"), confirmed_limits=True)  # rests above
    await live.until(lambda: first.state == "accepted")
    draft = panel.load_closing_order(row)
    assert draft["side"] == "sell" and draft["qty"] == 1  # 3 held, 2 already being sold
    second = await mgr.submit(Draft(es, "sell", 1, far, "limit"), confirmed_limits=True)
    await live.until(lambda: second.state == "accepted")
    n = len(drafts)
    assert panel.load_closing_order(row) is None and len(drafts) == n  # nothing more to close
    assert "already close the whole position (3)" in panel.last_told
    for o in (first, second):
        await mgr.cancel(o.id)
    await live.until(lambda: not mgr.working(es))
    assert panel.load_closing_order(row)["qty"] == 3
    panel.shutdown()
    await svc.close()
