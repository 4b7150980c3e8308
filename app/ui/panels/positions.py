"""The positions panel: quantity, average, last, P&L and % of every open position, live; a key, a
double-click or the row's right-click menu loads the closing order into the ticket for review
(never sends it). A stock held on a
loan closes loan by loan: the order loaded is the oldest loan's free shares, and the order manager
sends it as COSMT00300 repaying that loan. Futures rows show the opening position (the previous
business day's close, CIDEQ00800) and the day's P&L against it."""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QItemSelection, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from app.trading.portfolio_model import Position
from app.ui.actions import ActionSpec
from app.ui.panels.registry import register
from app.ui.portfolio_columns import POSITION_COLUMNS, POSITION_DEFAULT_HIDDEN
from app.ui.portfolio_view import PortfolioPanel

# id, English, Korean, default keys, method of the panel
ACTIONS = (
    ("positions.close", "Load closing order for the position", "선택 포지션 청산 주문 불러오기", ("Alt+X",),
     "load_closing_order"),
    ("positions.choose", "Show the position's symbol in linked panels", "포지션 종목을 연결된 패널에 표시", (),
     "choose_selected"),
)
_panels: weakref.WeakKeyDictionary[Any, list[Any]] = weakref.WeakKeyDictionary()
# the order manager's refusal of a closing sale above a loan's free shares (app/trading/order_blocks.py)
_ORDER_TEXTS = (QT_TRANSLATE_NOOP("Orders", "Quantity: this sale repays the loan of {date}; at most {n} of its "
                                            "shares can be sold in one order."),)


def register_actions(context: Any) -> None:
    for action_id, en, ko, keys, method in ACTIONS:
        if action_id not in context.actions:
            context.actions.register(ActionSpec(action_id, en, ko, keys, "trading",
                                                lambda c=context, m=method: _run(c, m)))


def _run(context: Any, method: str) -> None:
    """Act on the positions panel holding the focus, else the one used last (from the palette)."""
    panels = _panels.get(context, [])
    w: QWidget | None = QApplication.focusWidget()
    while w is not None and w not in panels:
        w = w.parentWidget()
    panel = w if w is not None else (panels[-1] if panels else None)
    if panel is not None:
        getattr(panel, method)()


@register
class PositionsPanel(PortfolioPanel):
    kind = "positions"
    title_en = "Positions"
    title_ko = "잔고"
    default_area = "bottom"
    last_told = ""  # the last thing said in the status bar (see `_tell`)
    picks_symbol = True  # a row chosen loads in its group; a double-click fills that group's ticket
    columns = POSITION_COLUMNS
    default_hidden = POSITION_DEFAULT_HIDDEN
    tr_context = "Positions"

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        register_actions(context)
        # The keys work in the panel: registered with the first panel, after the window bound the
        # keys of the actions it knew, Alt+X never acted (QA: only the palette loaded the order).
        for action_id, *_rest in ACTIONS:
            act = context.actions.qaction(action_id)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(act)
        _panels.setdefault(context, []).append(self)
        self.view.doubleClicked.connect(lambda index: self.load_closing_order(index.row()))
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.installEventFilter(self)
        self.view.setObjectName("PositionsTable")
        # A right-click on a row offers what a double-click and the keys do (a trader looks there).
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._row_menu)
        self.row_menu: QMenu | None = None

    @staticmethod
    def row_key(p: Position) -> str:
        return p.symbol

    def rows(self) -> list[Position]:
        return self.portfolio.positions() if self.portfolio is not None else []

    def touched(self, dirty: set[str]) -> None:
        if self.portfolio is not None:
            for symbol in dirty:
                self.portfolio.position(symbol)  # marks the row's position to the new last in place
        self.model.touch(dirty)

    def empty_text(self) -> str:
        return QCoreApplication.translate(
            "PositionsPanel", "No open positions. Buy or sell from the order ticket; fills show here at once.")

    def selected(self) -> Position | None:
        rows = self.view.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.view.currentIndex().row()
        return self.model.item(row)

    def load_closing_order(self, row: int | None = None) -> dict | None:
        """Put the order that flattens the position in the ticket of this panel's group, for review:
        the position less what working orders on the closing side already take (none when they
        take it all: said in the status bar)."""
        p = self.model.item(row) if row is not None else self.selected()
        if p is None or not p.qty:
            return None
        fresh = self.portfolio.position(p.symbol) if self.portfolio is not None else None
        draft = (fresh or p).closing_order()
        mgr = self.context.orders
        if mgr is not None and "loan" not in draft:
            # working orders on the closing side already close part of it: loading the whole
            # position again would open the other side when both fill (a second Alt+X on a future)
            closing = sum(o.remaining for o in mgr.working(p.symbol) if o.side == draft["side"])
            if closing >= draft["qty"]:
                self._tell(QCoreApplication.translate(
                    "PositionsPanel", "{symbol}: working orders already close the whole position ({n}).").format(
                    symbol=p.symbol, n=f"{closing:,}"))
                return None
            draft["qty"] -= closing
        draft["group"] = self.link_group
        self.context.links.ticket_requested.emit(draft)
        return draft

    def _tell(self, text: str) -> None:
        from app.ui.order_actions import tell

        self.last_told = text  # (also for tests: a panel alone has no status bar)
        tell(self, text)

    def _row_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.setCurrentIndex(index)
        row = index.row()
        menu = QMenu(self)
        reg = self.context.actions
        for action_id, run in (("positions.close", lambda: self.load_closing_order(row)),
                               ("positions.choose", self.choose_selected)):
            keys = reg.keys(action_id)
            act = menu.addAction(reg.spec(action_id).title(self.context.lang), run)
            if keys:
                act.setShortcut(QKeySequence(keys[0]))  # shown beside the title; the panel's key acts
                act.setShortcutVisibleInContextMenu(True)
        self.row_menu = menu
        menu.popup(self.view.viewport().mapToGlobal(pos))  # not exec(): no nested event loop

    def choose_selected(self) -> None:
        p = self.selected()
        if p is not None:
            self.symbol_chosen.emit(p.symbol)

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if selected.indexes():
            p = self.model.item(selected.indexes()[0].row())
            if p is not None and p.symbol != self.symbol:
                self.symbol = p.symbol
                self.symbol_chosen.emit(p.symbol)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.KeyPress:
            if isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_selected()
                return True
        return super().eventFilter(obj, event)

    def shutdown(self) -> None:
        items = _panels.get(self.context, [])
        if self in items:
            items.remove(self)
        super().shutdown()
