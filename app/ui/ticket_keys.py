"""Registered actions of the order ticket and the orders panel (palette, rebindable keys).

Their keys are panel-scoped: each action's one QAction is added to every panel of its kind with
a widget-with-children shortcut context, so Enter sends only from a focused ticket and a key
never acts in a panel that does not hold the focus. From the palette an action acts on the
panel of its kind used last — except sending, which only ever happens from a focused ticket.
"""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.actions import ActionSpec

PANEL_SCOPED = ("ticket", "orders")  # categories whose keys work inside their panel only
# a held key sends once: Qt repeats a held shortcut (~30 times a second), and each repeat that
# came after the previous order's answer sent another order (QA: Enter held 2 s sent 20 orders)
NO_REPEAT = frozenset({"ticket.send"})

# id, English, Korean, default keys, method
TICKET: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    ("ticket.send", "Ticket: send order", "주문창: 주문 전송", ("Return", "Enter"), "send"),
    ("ticket.clear", "Ticket: clear", "주문창: 지우기", ("Esc",), "clear"),
    ("ticket.price_up", "Ticket: price up one tick", "주문창: 가격 1틱 올림", ("Up",), "price_up"),
    ("ticket.price_down", "Ticket: price down one tick", "주문창: 가격 1틱 내림", ("Down",), "price_down"),
    ("ticket.price_up10", "Ticket: price up ten ticks", "주문창: 가격 10틱 올림", ("PgUp",), "price_up10"),
    ("ticket.price_down10", "Ticket: price down ten ticks", "주문창: 가격 10틱 내림", ("PgDown",), "price_down10"),
    ("ticket.qty_up", "Ticket: quantity up", "주문창: 수량 늘림", ("Shift+Up",), "qty_up"),
    ("ticket.qty_down", "Ticket: quantity down", "주문창: 수량 줄임", ("Shift+Down",), "qty_down"),
    ("ticket.qty_preset1", "Ticket: quantity preset 1", "주문창: 수량 프리셋 1", ("Alt+1",), "qty_preset1"),
    ("ticket.qty_preset2", "Ticket: quantity preset 2", "주문창: 수량 프리셋 2", ("Alt+2",), "qty_preset2"),
    ("ticket.qty_preset3", "Ticket: quantity preset 3", "주문창: 수량 프리셋 3", ("Alt+3",), "qty_preset3"),
    ("ticket.qty_preset4", "Ticket: quantity preset 4", "주문창: 수량 프리셋 4", ("Alt+4",), "qty_preset4"),
    ("ticket.price_bid", "Ticket: price to bid", "주문창: 매수호가로", ("Alt+B",), "price_bid"),
    ("ticket.price_ask", "Ticket: price to ask", "주문창: 매도호가로", ("Alt+O",), "price_ask"),
    ("ticket.price_last", "Ticket: price to last", "주문창: 현재가로", ("Alt+L",), "price_last"),
    ("ticket.side_toggle", "Ticket: switch buy / sell", "주문창: 매수/매도 전환", ("Ctrl+Space",), "toggle_side"),
    ("ticket.type_next", "Ticket: next price type", "주문창: 다음 호가유형", ("Alt+T",), "next_price_type"),
    ("ticket.reserve", "Ticket: reserved order on / off", "주문창: 예약주문 켜기/끄기", ("Alt+R",), "toggle_reserve"),
    ("ticket.one_click", "Ticket: one-click trading from the order book on / off (this workspace)",
     "주문창: 호가창 원클릭 주문 켜기/끄기 (이 작업공간)", ("Ctrl+Alt+1",), "toggle_one_click"),
)
ORDERS: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    ("orders.cancel", "Orders: cancel selected", "주문내역: 선택 주문 취소", ("Ctrl+Del",), "cancel_selected"),
    ("orders.price_up", "Orders: selected order price up one tick", "주문내역: 선택 주문 1틱 올림", ("Alt+Up",),
     "price_up"),
    ("orders.price_down", "Orders: selected order price down one tick", "주문내역: 선택 주문 1틱 내림",
     ("Alt+Down",), "price_down"),
    ("orders.edit", "Orders: edit price or quantity of selected", "주문내역: 선택 주문 가격/수량 정정", ("F2",),
     "edit_selected"),
    ("orders.export", "Orders: export CSV…", "주문내역: CSV 내보내기…", (), "ask_export"),
)

_panels: dict[str, weakref.WeakKeyDictionary] = {"ticket": weakref.WeakKeyDictionary(),
                                                 "orders": weakref.WeakKeyDictionary()}
_last: dict[str, weakref.WeakKeyDictionary] = {"ticket": weakref.WeakKeyDictionary(),
                                               "orders": weakref.WeakKeyDictionary()}


def _specs(category: str):
    return TICKET if category == "ticket" else ORDERS


def attach(panel: Any, category: str) -> None:
    """Register the actions (once per context) and bind their keys inside ``panel``."""
    context = panel.context
    reg = context.actions
    for action_id, en, ko, keys, method in _specs(category):
        if action_id not in reg:
            reg.register(ActionSpec(action_id, en, ko, keys, category,
                                    lambda c=context, cat=category, m=method, a=action_id: run(c, cat, m, a)))
        act = reg.qaction(action_id)
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if action_id in NO_REPEAT:
            act.setAutoRepeat(False)
        panel.addAction(act)
    _panels[category].setdefault(context, []).append(panel)
    _last[category][context] = panel


def detach(panel: Any, category: str) -> None:
    items = _panels[category].get(panel.context, [])
    if panel in items:
        items.remove(panel)
    if _last[category].get(panel.context) is panel:
        if items:
            _last[category][panel.context] = items[-1]
        else:
            _last[category].pop(panel.context, None)


def used(panel: Any, category: str) -> None:
    _last[category][panel.context] = panel


def focused(context: Any, category: str) -> Any:
    """The panel of ``category`` holding the keyboard focus, or None."""
    panels = _panels[category].get(context, [])
    w: QWidget | None = QApplication.focusWidget()
    while w is not None:
        if w in panels:
            return w
        w = w.parentWidget()
    return None


def last(context: Any, category: str) -> Any:
    return _last[category].get(context)


def run(context: Any, category: str, method: str, action_id: str) -> None:
    panel = focused(context, category)
    if panel is None:
        panel = last(context, category)
        if panel is None:
            return
        if action_id == "ticket.send":  # never send from a ticket without the focus: show it
            panel.focus_ticket()
            return
    getattr(panel, method)()
