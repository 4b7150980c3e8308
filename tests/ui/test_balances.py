"""The balances panel against the embedded exchange: cash, buying power, futures margin, equity and
P&L per account, totals in USD and KRW at LS's rate, following fills and prices; model invariants."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from PySide6.QtCore import Qt

from app.sim.broker import accounts as sim_accounts
from app.trading.session import DEMO_APPKEY
from app.ui.panels.balances import BalancesPanel
from tests.trading.test_portfolio_support import buy_stock, cents, front_future, trade_future
from tests.ui.test_positions import _market_quiet_at_teardown, portfolio_for  # noqa: F401 - autouse fixture


def text(panel, key: str, column: str) -> str:
    row = panel.model.row_of(key)
    col = [c.id for c in panel.columns].index(column)
    return panel.model.data(panel.model.index(row, col))


def num(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


@pytest.mark.asyncio
async def test_balances_show_cash_margin_equity_and_krw(live, qtbot, qtmodeltester):
    svc = await portfolio_for(live)
    panel = BalancesPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(1000, 200)
    panel.show()
    await live.until(lambda: panel.model.row_of("stock:USD") >= 0 and panel.model.row_of("futures:USD") >= 0)
    qtmodeltester.check(panel.model)
    start = f"{sim_accounts.STOCK_START_USD:,.2f}"
    assert text(panel, "stock:USD", "cash") == start and text(panel, "stock:USD", "equity") == start
    assert text(panel, "stock:USD", "margin_used") == ""  # unknown / not applicable is blank, not 0
    assert text(panel, "total:KRW", "equity_krw") != ""

    await buy_stock(live.client, live.master, "AAPL", 20)
    es = front_future(live.master)
    await trade_future(live.client, es, "buy", 1)
    acct = live.exchange.broker.account(DEMO_APPKEY)
    figures = live.exchange.broker.futures_figures(acct)
    await live.until(lambda: text(panel, "stock:USD", "cash") == f"{cents(acct.cash):,.2f}"
                     and text(panel, "futures:USD", "margin_used") == f"{cents(figures['margin']):,.2f}")
    qtmodeltester.check(panel.model)
    keys = [panel.row_key(panel.model.item(r)) for r in range(panel.model.rowCount())]
    assert keys == ["stock:USD", "futures:USD", "total:USD", "total:KRW"]  # in place, in this order
    # equity = cash + holdings at the hub's last; KRW at the rate LS reported
    stock = next(b for b in svc.balances() if b.account == "stock")
    assert stock.krw_rate is not None and stock.krw_rate > 1000
    await live.until(lambda: live.hub.quote("AAPL") is not None and live.hub.quote("AAPL").last is not None)

    def consistent() -> bool:
        p = svc.position("AAPL")
        if p is None or p.last is None:
            return False
        equity = cents(acct.cash + p.last * p.qty)
        krw = (equity * stock.krw_rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return text(panel, "stock:USD", "equity") == f"{equity:,.2f}" and \
            text(panel, "stock:USD", "equity_krw") == f"{krw:,.0f}"
    await live.until(consistent)
    # the total rows add both accounts up
    usd = [b for b in svc.balances() if b.currency == "USD"]
    total = next(b for b in svc.totals() if b.account == "total" and b.currency == "USD")
    assert total.cash == sum(b.cash for b in usd)
    assert num(text(panel, "futures:USD", "cash")) == cents(figures["deposit"])
    assert text(panel, "futures:USD", "margin_available") != ""
    assert panel.model.data(panel.model.index(panel.model.row_of("total:KRW"), 0),
                            Qt.ItemDataRole.FontRole) == panel.model.bold_font  # totals in bold
    panel.shutdown()
    await svc.close()


@pytest.mark.asyncio
async def test_day_pnl_against_the_previous_close(live, qtbot):
    """The futures opening position (CIDEQ00800 of the previous business day) in the positions
    panel, and the day's P&L against it there and in the balances panel."""
    import time
    from datetime import datetime

    from app.trading.portfolio_load import previous_business_day
    from app.trading.reconcile import KST, today
    from app.ui.panels.positions import PositionsPanel
    from app.ui.portfolio_table import money
    from tests.ui.test_positions import cell

    es = front_future(live.master)
    yesterday = previous_business_day(today())
    noon = datetime.strptime(yesterday + "12", "%Y%m%d%H").replace(tzinfo=KST).timestamp()
    live.exchange.clock.offset = noon - time.time()
    try:
        await trade_future(live.client, es, "sell", 2)
    finally:
        live.exchange.clock.offset = 0.0
    svc = await portfolio_for(live)
    positions = PositionsPanel(live.context)
    balances = BalancesPanel(live.context)
    for w in (positions, balances):
        qtbot.addWidget(w)
        w.resize(1000, 200)
        w.show()
    await live.until(lambda: positions.model.row_of(es) >= 0 and balances.model.row_of("futures:USD") >= 0
                     and cell(positions, es, "opening") == "-2")
    tip = cell(positions, es, "opening", Qt.ItemDataRole.ToolTipRole)
    assert f"{yesterday[:4]}-{yesterday[4:6]}-{yesterday[6:]}" in tip
    await trade_future(live.client, es, "buy", 1)
    await live.until(lambda: cell(positions, es, "qty") == "1" and svc.idle)

    def agree() -> bool:
        p = svc.position(es)
        fut = next(b for b in svc.balances() if b.account == "futures")
        return p.day_pnl is not None and cell(positions, es, "day_pnl") == money(p.day_pnl, signed=True) \
            and text(balances, "futures:USD", "day_pnl") == money(fut.day_pnl, signed=True) \
            and fut.day_pnl == p.day_pnl
    await live.until(agree)
    assert text(balances, "stock:USD", "day_pnl") == ""  # stocks: not applicable
    positions.shutdown()
    balances.shutdown()
    await svc.close()


@pytest.mark.asyncio
async def test_account_column_holds_its_names_with_room_in_both_languages(live, qtbot):
    """QA: on the Korean balances tab "해외선물옵션" only just fitted its column and ran into the
    currency. The account column holds each account's name (Korean and English, regular and
    bold) with a gap before the next column, and every other column still holds its header and
    cells at the default workspace size."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication, QStyle

    from app.ui import i18n
    from app.ui.portfolio_columns import ACCOUNT_NAMES
    from app.ui.portfolio_view import WORD_GAP

    app = QApplication.instance()
    svc = await portfolio_for(live)
    panel = BalancesPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(670, 230)  # the bottom tabs of the default workspace (1440×880 window)
    panel.show()
    await live.until(lambda: panel.model.row_of("futures:USD") >= 0 and not panel._dirty)
    view, head = panel.view, panel.view.horizontalHeader()
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    bold = QFontMetrics(panel.model.bold_font)
    try:
        for lang, futures in (("ko", "해외선물옵션"), ("en", "Futures/options")):
            i18n.install(app, lang)
            live.context.set_language(lang)
            assert text(panel, "futures:USD", "account") == futures
            col = [c.id for c in panel.columns].index("account")
            for name in ACCOUNT_NAMES.values():
                shown = QApplication.translate("Balances", name)
                need = max(view.fontMetrics().horizontalAdvance(shown), bold.horizontalAdvance(shown)) + margin
                assert need + WORD_GAP <= head.sectionSize(col), (lang, shown, need, head.sectionSize(col))
            for c, column in enumerate(panel.columns):
                if view.isColumnHidden(c):
                    continue
                assert head.sectionSizeHint(c) <= head.sectionSize(c), (lang, column.id)  # its header
                for r in range(panel.model.rowCount()):
                    idx = panel.model.index(r, c)
                    font = panel.model.data(idx, Qt.ItemDataRole.FontRole)
                    fm = QFontMetrics(font) if font is not None else view.fontMetrics()
                    cell_text = panel.model.data(idx) or ""
                    assert fm.horizontalAdvance(cell_text) + margin <= head.sectionSize(c), (lang, column.id, cell_text)
    finally:
        i18n.install(app, "en")
        live.context.set_language("en")
    panel.shutdown()
    await svc.close()
