"""The watchlist's registered actions (palette, menus, rebindable keys) and which panel they act on.

Their keys are panel-scoped, as the ticket's and the orders panel's are (app/ui/ticket_keys.py):
each action's one QAction is added to every watchlist panel with a widget-with-children shortcut
context and not to the window, so Alt+A, Ins, Del… act only while the focus is in a watchlist
and on that watchlist. From the palette (focus in no panel) an action acts on the watchlist used
last; a destructive one (remove, move) never acts while the focus is in another panel.
"""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.actions import ActionSpec

# id, English, Korean, default keys, method of the panel, destructive
SPECS: tuple[tuple[str, str, str, tuple[str, ...], str, bool], ...] = (
    ("watchlist.add", "Add symbol to watchlist", "관심종목에 종목 추가", ("Ins",), "focus_entry", False),
    ("watchlist.remove", "Remove symbol from watchlist", "관심종목에서 삭제", ("Del",), "remove_selected", True),
    ("watchlist.move_up", "Move watchlist row up", "관심종목 위로 이동", ("Ctrl+Up",), "move_selected_up", True),
    ("watchlist.move_down", "Move watchlist row down", "관심종목 아래로 이동", ("Ctrl+Down",), "move_selected_down", True),
    ("watchlist.choose", "Load row in linked panels", "선택 종목을 연결된 패널에 표시", (), "choose_selected", False),
    ("watchlist.alert", "Set price alert…", "가격 알림 설정…", ("Alt+A",), "ask_alert", False),
    ("watchlist.alerts", "Price alerts…", "가격 알림 목록…", (), "show_alerts", False),
    ("watchlist.new", "New watchlist…", "새 관심종목 목록…", (), "ask_new_list", False),
    ("watchlist.rename", "Rename watchlist…", "관심종목 목록 이름 바꾸기…", (), "ask_rename_list", False),
    ("watchlist.delete", "Delete watchlist…", "관심종목 목록 삭제…", (), "ask_delete_list", False),
    ("watchlist.import", "Import watchlist CSV…", "관심종목 CSV 가져오기…", (), "ask_import", False),
    ("watchlist.export", "Export watchlist CSV…", "관심종목 CSV 내보내기…", (), "ask_export", False),
)
KEYED = tuple(s[0] for s in SPECS if s[3])
METHODS = {s[0]: s[4] for s in SPECS}

_panels: weakref.WeakKeyDictionary[Any, list[Any]] = weakref.WeakKeyDictionary()  # context -> panels
_last: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()  # context -> last used panel


def register(context: Any) -> None:
    """Make the watchlist actions known to the context's registry (once)."""
    reg = context.actions
    for action_id, en, ko, keys, method, destructive in SPECS:
        if action_id not in reg:
            reg.register(ActionSpec(action_id, en, ko, keys, "watchlist",
                                    lambda c=context, m=method, d=destructive: run(c, m, d)))


def attach(panel: Any) -> None:
    """Bind the watchlist keys inside `panel` (and nowhere else) and make it a target."""
    reg = panel.context.actions
    for action_id, *_rest in SPECS:
        if action_id in reg:
            act = reg.qaction(action_id)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            panel.addAction(act)
    _panels.setdefault(panel.context, []).append(panel)
    _last[panel.context] = panel


def detach(panel: Any) -> None:
    items = _panels.get(panel.context, [])
    if panel in items:
        items.remove(panel)
    if _last.get(panel.context) is panel:
        if items:
            _last[panel.context] = items[-1]
        else:
            _last.pop(panel.context, None)


def used(panel: Any) -> None:
    _last[panel.context] = panel


def target(context: Any, destructive: bool) -> Any:
    from app.ui.panels.base import Panel

    panels = _panels.get(context, [])
    w: QWidget | None = QApplication.focusWidget()
    in_panel = None
    while w is not None:
        if w in panels:
            return w
        if in_panel is None and isinstance(w, Panel):
            in_panel = w
        w = w.parentWidget()
    if destructive and in_panel is not None:
        return None
    return _last.get(context)


def run(context: Any, method: str, destructive: bool) -> None:
    panel = target(context, destructive)
    if panel is not None:
        getattr(panel, method)()
