"""The built-in actions (ids, Korean and English titles, default keys) and the menus and toolbar built from them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu, QToolBar

from app.ui import watchlist_actions
from app.ui.actions import ActionSpec
from app.ui.order_actions import install_limits_action
from app.ui.panels import registry

if TYPE_CHECKING:
    from app.ui.shell import Shell

# Trading commands the later panels attach handlers to (shown disabled until then).
TRADING = [
    ActionSpec("ticket.focus", "Focus order ticket", "주문창으로 이동", ("F4",), "trading"),
    ActionSpec("order.buy", "Buy", "매수", ("F9",), "trading"),
    ActionSpec("order.sell", "Sell", "매도", ("F8",), "trading"),
    ActionSpec("order.cancel_all", "Cancel all open orders", "미체결 전체 취소", ("Ctrl+Shift+X",), "trading"),
    ActionSpec("order.cancel_buys", "Cancel all buy orders", "매수 미체결 전체 취소", ("Ctrl+Alt+B",), "trading"),
    ActionSpec("order.cancel_sells", "Cancel all sell orders", "매도 미체결 전체 취소", ("Ctrl+Alt+S",), "trading"),
    ActionSpec("order.limits", "Order limits and confirmation…", "주문 한도 및 확인…", (), "trading"),
]


def register_all(shell: Shell) -> None:
    reg = shell.context.actions
    ws = shell.workspaces
    specs = [
        ActionSpec("app.palette", "Command palette…", "명령 팔레트…", ("Ctrl+K",), "app", shell.open_palette),
        ActionSpec("app.login", "Log in / switch mode…", "로그인 / 모드 전환…", ("Ctrl+L",), "app", shell.open_login),
        ActionSpec("app.hotkeys", "Keyboard shortcuts…", "단축키 설정…", ("Ctrl+Alt+K",), "app", shell.open_hotkeys),
        ActionSpec("app.quit", "Quit", "종료", ("Ctrl+Q",), "app", shell.window.close),
        ActionSpec("app.about", "About lsterm", "lsterm 정보", (), "app", shell.show_about),
        ActionSpec("account.reset_demo", "Reset demo account…", "모의 계좌 초기화…", (), "trading",
                   shell.ask_reset_demo),
        ActionSpec("view.theme.toggle", "Toggle dark / light theme", "다크 / 라이트 테마 전환", ("Ctrl+Shift+T",), "view", shell.toggle_theme),
        ActionSpec("view.language.ko", "Korean interface", "한국어 화면", (), "view", lambda: shell.set_language("ko"),
                   checkable=True),
        ActionSpec("view.language.en", "English interface", "영어 화면", (), "view", lambda: shell.set_language("en"),
                   checkable=True),
        ActionSpec("workspace.save", "Save workspace", "작업공간 저장", ("Ctrl+S",), "workspace",
                   lambda: ws.save(announce=True)),
        ActionSpec("workspace.save_as", "Save workspace as…", "다른 이름으로 작업공간 저장…", ("Ctrl+Shift+S",), "workspace", ws.ask_save_as),
        ActionSpec("workspace.switch", "Switch workspace…", "작업공간 전환…", ("Ctrl+Shift+W",), "workspace", ws.ask_load),
        ActionSpec("workspace.rename", "Rename workspace…", "작업공간 이름 바꾸기…", (), "workspace", ws.ask_rename),
        ActionSpec("workspace.delete", "Delete workspace…", "작업공간 삭제…", (), "workspace", ws.ask_delete),
        ActionSpec("workspace.export", "Export workspace…", "작업공간 내보내기…", (), "workspace", ws.ask_export),
        ActionSpec("workspace.import", "Import workspace…", "작업공간 가져오기…", (), "workspace", ws.ask_import),
        ActionSpec("workspace.reset", "Reset to default layout", "기본 배치로 되돌리기", (), "workspace", ws.ask_reset),
    ]
    for cls in registry.kinds():
        specs.append(ActionSpec(f"panel.open.{cls.kind}", f"New {cls.title_en} panel",
                                f"새 {cls.title_ko} 패널", (), "panels",
                                lambda k=cls.kind: shell.window.open_panel(k)))
    specs += [
        ActionSpec("view.colors.western", "Western colours (up green, down red)", "서양식 색상 (상승 초록, 하락 빨강)",
                   (), "view", lambda: _toggle_setting(shell, "color_convention"), checkable=True),
        ActionSpec("view.flash_ticks", "Flash price ticks", "시세 변동 깜빡임", (), "view",
                   lambda: _toggle_setting(shell, "flash_ticks"), checkable=True),
    ]
    for spec in specs + [ActionSpec(**{**s.__dict__}) for s in TRADING]:
        if spec.id not in reg:
            reg.register(spec)
    watchlist_actions.register(shell.context)
    install_limits_action(shell.context)
    _sync_toggles(shell)


def _sync_toggles(shell: Shell) -> None:
    reg, prefs = shell.context.actions, shell.settings
    reg.qaction("view.colors.western", shell.window).setChecked(prefs.color_convention == "western")
    reg.qaction("view.flash_ticks", shell.window).setChecked(bool(prefs.flash_ticks))


def _toggle_setting(shell: Shell, name: str) -> None:
    """Settings menu toggles for the quote display; panels restyle on settings_changed."""
    prefs = shell.settings
    if name == "color_convention":
        prefs.color_convention = "korean" if prefs.color_convention == "western" else "western"
    else:
        prefs.flash_ticks = not prefs.flash_ticks
    _sync_toggles(shell)
    shell.context.settings_changed.emit()


def _t(text: str) -> str:
    return QCoreApplication.translate("Menus", text)


MENUS = {
    QT_TRANSLATE_NOOP("Menus", "File"): ["app.login", None, "workspace.save", "workspace.save_as", "workspace.switch",
             "workspace.rename", "workspace.delete", None, "workspace.import", "workspace.export",
             "workspace.reset", None, "app.quit"],
    QT_TRANSLATE_NOOP("Menus", "View"): ["app.palette", None, "view.theme.toggle", "view.language.ko", "view.language.en"],
    QT_TRANSLATE_NOOP("Menus", "Trading"): [s.id for s in TRADING] + [None, "account.reset_demo"],
    QT_TRANSLATE_NOOP("Menus", "Settings"): ["app.hotkeys", None, "view.colors.western", "view.flash_ticks", None,
                                             "order.limits"],
    QT_TRANSLATE_NOOP("Menus", "Help"): ["app.about"],
}
TOOLBAR = ["app.palette", "app.login", None, "workspace.save", "workspace.switch", None,
           "view.theme.toggle"]


def build_menus(shell: Shell) -> None:
    win, reg = shell.window, shell.context.actions
    bar = win.menuBar()
    bar.clear()
    for title, ids in MENUS.items():
        menu = bar.addMenu(_t(title))
        menu.setObjectName(f"menu:{title}")
        if title == "View":
            shell.panels_menu = QMenu(QCoreApplication.translate("Menus", "Panels"), menu)
            shell.new_panel_menu = QMenu(QCoreApplication.translate("Menus", "New panel"), menu)
            menu.addMenu(shell.new_panel_menu)
            menu.addMenu(shell.panels_menu)
            menu.addSeparator()
            refresh_panel_menus(shell)
        for action_id in ids:
            if action_id is None:
                menu.addSeparator()
            elif action_id in reg:
                menu.addAction(reg.qaction(action_id, win))
    # Shortcuts work even for actions that sit in no menu (panel-scoped ones only in their panel).
    for spec in reg.specs():
        if spec.category not in ("ticket", "orders", "watchlist"):
            win.addAction(reg.qaction(spec.id, win))
    # The language items show which one is on (a checked radio item), like any choice of one.
    languages = win.findChild(QActionGroup, "LanguageGroup") or QActionGroup(win)
    languages.setObjectName("LanguageGroup")
    for lang in ("ko", "en"):
        act = reg.qaction(f"view.language.{lang}", win)
        languages.addAction(act)
        act.setChecked(shell.lang == lang)
    toolbar = win.findChild(QToolBar, "MainToolbar")
    if toolbar is None:
        toolbar = QToolBar(QCoreApplication.translate("Menus", "Toolbar"), win)
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        win.addToolBar(toolbar)
    toolbar.clear()
    for action_id in TOOLBAR:
        if action_id is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(reg.qaction(action_id, win))


def refresh_panel_menus(shell: Shell) -> None:
    reg, win = shell.context.actions, shell.window
    if shell.new_panel_menu is None or shell.panels_menu is None:
        return
    shell.new_panel_menu.clear()
    for cls in registry.kinds():
        action_id = f"panel.open.{cls.kind}"
        if action_id in reg:
            shell.new_panel_menu.addAction(reg.qaction(action_id, win))
    shell.panels_menu.clear()
    for dock in win.docks.values():
        shell.panels_menu.addAction(dock.toggleViewAction())
