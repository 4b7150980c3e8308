"""Positions and balances panels with Hang Seng (HKD) and Nikkei (JPY) contracts against the embedded
exchange: each row's won P&L at the rate the account query reports for its currency, the futures
money per currency, in English and Korean, and a P&L column that grows with its figures."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
import pytest_asyncio
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from app.trading.portfolio import PortfolioService
from app.trading.session import DEMO_APPKEY
from app.ui import i18n
from app.ui.panels.balances import BalancesPanel
from app.ui.panels.positions import PositionsPanel
from app.ui.portfolio_table import money
from tests.trading.test_portfolio_support import front_future, trade_future


@pytest_asyncio.fixture(autouse=True)
async def _market_quiet_at_teardown(live):
    """Stop the simulated market while the asyncio loop still runs (see test_positions)."""
    yield
    try:
        await live.exchange.market.stop()
    except RuntimeError:
        pass


def column(panel, column_id: str) -> int:
    return [c.id for c in panel.columns].index(column_id)


def text(panel, key: str, column_id: str) -> str:
    return panel.model.data(panel.model.index(panel.model.row_of(key), column(panel, column_id))) or ""


def header(panel, column_id: str) -> str:
    from PySide6.QtCore import Qt

    return panel.model.headerData(column(panel, column_id), Qt.Orientation.Horizontal)


@pytest.mark.asyncio
async def test_hsi_and_nikkei_rows_show_won_pnl_in_both_languages(live, qtbot):
    hsi, nk = front_future(live.master, "HSI"), front_future(live.master, "NK")
    await trade_future(live.client, hsi, "sell", 1)
    await trade_future(live.client, nk, "buy", 2)
    acct = live.exchange.broker.account(DEMO_APPKEY)
    await live.until(lambda: hsi in acct.futures and nk in acct.futures and acct.futures[nk].qty == 2)
    svc = PortfolioService(live.client, live.hub, live.master, debounce=0.05)
    await svc.start()
    live.context.set_portfolio(svc)
    positions, balances = PositionsPanel(live.context), BalancesPanel(live.context)
    for panel in (positions, balances):
        qtbot.addWidget(panel)
        panel.resize(1400, 260)
        panel.show()
    await live.until(lambda: positions.model.row_of(nk) >= 0 and positions.model.row_of(hsi) >= 0
                     and balances.model.row_of("futures:JPY") >= 0 and not positions._dirty)
    market = live.exchange.broker.market
    app = QApplication.instance()
    try:
        for lang, title in (("en", "P&L (KRW)"), ("ko", "손익(원)")):
            i18n.install(app, lang)
            live.context.set_language(lang)
            assert header(positions, "pnl_krw") == title
            for sym, ccy in ((hsi, "HKD"), (nk, "JPY")):
                rate = (market.krw_per_usd() * market.usd_per(ccy)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
                p = svc.position(sym)
                assert p.currency == ccy and p.krw_rate == rate
                won = (p.unrealized * rate).quantize(Decimal(1), ROUND_HALF_UP)
                assert p.pnl_krw == won
                assert text(positions, sym, "pnl_krw") in (money(won, 0, signed=True),  # or a tick later
                                                          money(svc.position(sym).pnl_krw, 0, signed=True))
                # the balances: the currency's own row, its rate and its won figures
                key = f"futures:{ccy}"
                assert text(balances, key, "rate") == money(rate)
                assert text(balances, key, "margin_used") == money(
                    abs(acct.futures[sym].qty) * market.instrument(sym).margin)
                assert text(balances, key, "pnl_krw") != "" and text(balances, key, "equity_krw") != ""
            assert text(balances, "total:KRW", "equity_krw") != ""  # every currency has a rate
    finally:
        i18n.install(app, "en")
        live.context.set_language("en")
    # a P&L column fitted to small figures grows when they do (nothing elided)
    pnl = column(positions, "pnl")
    positions.view.setColumnWidth(pnl, 10)
    widest = QFontMetrics(positions.model.font)
    await live.until(lambda: positions.view.columnWidth(pnl) > max(
        widest.horizontalAdvance(text(positions, s, "pnl")) for s in (hsi, nk)))
    for panel in (positions, balances):
        panel.shutdown()
    await svc.close()
