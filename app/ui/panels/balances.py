"""The balances panel: cash by currency, buying power, futures margin used and free, equity and P&L,
per account and in total, in the account currency and in KRW at the rate LS reports."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QWidget

from app.trading.portfolio_model import Balance
from app.ui.panels.registry import register
from app.ui.portfolio_columns import BALANCE_COLUMNS
from app.ui.portfolio_view import PortfolioPanel


@register
class BalancesPanel(PortfolioPanel):
    kind = "balances"
    title_en = "Balances"
    title_ko = "예수금·평가"
    default_area = "bottom"
    columns = BALANCE_COLUMNS
    default_hidden = ("rate",)
    tr_context = "Balances"

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.view.setObjectName("BalancesTable")
        self.view.setSelectionMode(self.view.SelectionMode.NoSelection)
        self.model.emphasis = lambda b: b.account == "total"

    def sizeHint(self) -> QSize:
        return QSize(900, 160)

    @staticmethod
    def row_key(b: Balance) -> str:
        return f"{b.account}:{b.currency}"

    def rows(self) -> list[Balance]:
        if self.portfolio is None:
            return []
        return self.portfolio.balances() + self.portfolio.totals()

    def touched(self, dirty: set[str]) -> None:
        self.model.sync(self.rows())  # equity and open P&L move with any held symbol's price

    def empty_text(self) -> str:
        return QCoreApplication.translate("BalancesPanel", "The server reported no balances for this account.")
