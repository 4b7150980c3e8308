"""The watchlist panel's menus (Lists button, row and header context menus) and its CSV file dialogs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtWidgets import QFileDialog, QMenu

from app.ui.watchlist_columns import COLUMNS


def _title(panel: Any, action_id: str) -> str:
    return panel.context.actions.spec(action_id).title(panel.context.lang)


def fill_list_menu(panel: Any) -> None:
    """The Lists button's menu: new, rename, delete, import, export, alerts."""
    menu = panel.menu_btn.menu()
    menu.clear()
    for action_id, method in (("watchlist.new", panel.ask_new_list), ("watchlist.rename", panel.ask_rename_list),
                              ("watchlist.delete", panel.ask_delete_list), (None, None),
                              ("watchlist.import", panel.ask_import), ("watchlist.export", panel.ask_export),
                              (None, None), ("watchlist.alerts", panel.show_alerts)):
        if action_id is None:
            menu.addSeparator()
        else:
            menu.addAction(_title(panel, action_id), method)


def row_menu(panel: Any, pos: QPoint) -> None:
    """A row's context menu (the registered actions, with their keys shown)."""
    idx = panel.view.indexAt(pos)
    menu = QMenu(panel)
    if idx.isValid():
        if idx.row() not in panel.selected_rows():
            panel._select(idx.row())
        for action_id, method in (("watchlist.choose", panel.choose_selected), ("watchlist.alert", panel.ask_alert),
                                  ("watchlist.move_up", panel.move_selected_up),
                                  ("watchlist.move_down", panel.move_selected_down),
                                  ("watchlist.remove", panel.remove_selected)):
            act = menu.addAction(_title(panel, action_id), method)
            keys = panel.context.actions.keys(action_id)
            if keys:
                act.setShortcut(keys[0])
                act.setShortcutVisibleInContextMenu(True)
        menu.addSeparator()
    menu.addAction(_title(panel, "watchlist.add"), panel.focus_entry)
    menu.addAction(_title(panel, "watchlist.alerts"), panel.show_alerts)
    menu.popup(panel.view.viewport().mapToGlobal(pos))


def column_menu(panel: Any, pos: QPoint) -> None:
    """The header's menu: which columns this list shows."""
    head = panel.view.horizontalHeader()
    menu = QMenu(panel)
    shown = [i for i in range(len(COLUMNS)) if not head.isSectionHidden(i)]
    for i, col in enumerate(COLUMNS):
        act = menu.addAction(col.title(panel.context.lang))
        act.setCheckable(True)
        act.setChecked(not head.isSectionHidden(i))
        act.setEnabled(not (len(shown) == 1 and i in shown))  # keep at least one column
        act.toggled.connect(lambda on, i=i: panel.set_column_visible(COLUMNS[i].id, on))
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("WatchlistPanel", "Default columns"), panel.reset_columns)
    menu.popup(head.mapToGlobal(pos))


def file_dialog(panel: Any, save: bool) -> QFileDialog:
    """A non-modal file dialog (open(), never exec()) for CSV import or export."""
    title = QCoreApplication.translate("WatchlistPanel", "Export watchlist") if save else \
        QCoreApplication.translate("WatchlistPanel", "Import watchlist")
    dlg = QFileDialog(panel, title, f"{panel.book.active.name}.csv" if save else "",
                      QCoreApplication.translate("WatchlistPanel", "CSV files (*.csv *.txt)"))
    dlg.setObjectName("WatchlistFile")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dlg.setDefaultSuffix("csv")
    dlg.fileSelected.connect(panel.export_csv if save else panel.import_csv)
    dlg.finished.connect(dlg.deleteLater)
    panel._file_dialog = dlg
    dlg.open()
    return dlg
