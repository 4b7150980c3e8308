"""The watchlist panel's named lists (new, rename, delete, switch) and its CSV import/export: a
mixin of `WatchlistPanel` (which holds `book`, `model`, `view`, `lists` and `_say`). Texts keep
the panel's translation context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from app.trading.watchlists import WatchlistError, export_csv, parse_csv
from app.ui import dialogs, watchlist_menus
from app.ui.watchlist_columns import INDEX
from app.ui.watchlist_view import apply_columns, capture_columns, error_text


class ListsAndFiles:
    book: Any
    model: Any
    view: Any
    lists: Any

    # ---- lists -------------------------------------------------------------------------------
    def _refresh_selector(self) -> None:
        self._switching = True
        self.lists.clear()
        self.lists.addItems(self.book.names())
        self.lists.setCurrentIndex(self.book.current)
        self._switching = False

    def _load_list(self) -> None:
        """Show the active list: its symbols, columns, widths and sort."""
        self._refresh_selector()
        wl = self.book.active
        self.model.set_sort(None)
        self.model.set_symbols(list(wl.symbols))
        apply_columns(self.view, wl)
        head = self.view.horizontalHeader()
        self._switching = True
        if wl.sort and wl.sort[0] in INDEX:
            order = Qt.SortOrder.DescendingOrder if wl.sort[1] else Qt.SortOrder.AscendingOrder
            head.setSortIndicator(INDEX[wl.sort[0]], order)
            self.model.set_sort(INDEX[wl.sort[0]], wl.sort[1])
        else:
            head.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._switching = False
        self._update_empty()

    def _list_chosen(self, index: int) -> None:
        if self._switching or index < 0 or index == self.book.current:
            return
        capture_columns(self.view, self.book.active)
        self.book.select(index)
        self._load_list()

    def _change_book(self, change: Any) -> bool:
        """Run a change of the named lists; a refused one is said and changes nothing."""
        try:
            change()
        except WatchlistError as e:
            self._say(error_text(self, e), error=True)
            return False
        return True

    def new_list(self, name: str) -> bool:
        capture_columns(self.view, self.book.active)
        if not self._change_book(lambda: self.book.new_list(name)):
            return False
        self._load_list()
        self._say("")
        return True

    def rename_list(self, name: str) -> bool:
        if not self._change_book(lambda: self.book.rename(self.book.current, name)):
            return False
        self._refresh_selector()
        return True

    def delete_list(self) -> bool:
        if not self._change_book(lambda: self.book.delete(self.book.current)):
            return False
        self._load_list()
        return True

    def ask_new_list(self) -> None:
        n = len(self.book.lists) + 1
        dialogs.ask_text(self, QCoreApplication.translate("WatchlistPanel", "New watchlist"), QCoreApplication.translate("WatchlistPanel", "Name of the new watchlist:"),
                         QCoreApplication.translate("WatchlistPanel", "Watchlist %1").replace("%1", str(n)), self.new_list)

    def ask_rename_list(self) -> None:
        dialogs.ask_text(self, QCoreApplication.translate("WatchlistPanel", "Rename watchlist"), QCoreApplication.translate("WatchlistPanel", "New name:"), self.book.active.name,
                         self.rename_list)

    def ask_delete_list(self) -> None:
        if len(self.book.lists) <= 1:
            self._say(error_text(self, WatchlistError("last_list")), error=True)
            return
        dialogs.confirm(self, QCoreApplication.translate("WatchlistPanel", "Delete watchlist"),
                        QCoreApplication.translate("WatchlistPanel", "Delete the watchlist %1 and its %2 symbols?").replace(
                            "%1", self.book.active.name).replace("%2", str(len(self.book.active.symbols))),
                        self.delete_list)

    # ---- CSV ---------------------------------------------------------------------------------
    def import_csv(self, path: str | Path) -> bool:
        """Add the file's symbols to this list; a bad file changes nothing and says which line."""
        try:
            raw = Path(path).read_bytes()
            text = raw.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self._say(QCoreApplication.translate("WatchlistPanel", "Cannot read %1: %2").replace("%1", Path(path).name).replace("%2", str(exc)), True)
            return False
        try:
            symbols = parse_csv(text, self._known)
        except WatchlistError as e:
            self._say(error_text(self, e), error=True)
            return False
        added = 0
        for sym in symbols:
            if sym in self.book.active.symbols:
                continue
            try:
                self.book.add(sym)
            except WatchlistError as e:
                self._say(error_text(self, e), error=True)
                break
            self.model.insert(self.model.rowCount(), sym)
            added += 1
        self._say(QCoreApplication.translate("WatchlistPanel", "Imported %1 symbols from %2.").replace("%1", str(added)).replace("%2", Path(path).name))
        return True

    def export_csv(self, path: str | Path) -> bool:
        master = self.context.instruments
        names = (lambda s: (i.name_en or i.name) if (i := master.get(s)) else "") if master else None
        try:
            Path(path).write_text(export_csv(self.book.active.symbols, names), "utf-8")
        except OSError as exc:
            self._say(QCoreApplication.translate("WatchlistPanel", "Cannot write %1: %2").replace("%1", Path(path).name).replace("%2", str(exc)), True)
            return False
        self._say(QCoreApplication.translate("WatchlistPanel", "Exported %1 symbols to %2.").replace("%1", str(len(self.book.active.symbols)))
                  .replace("%2", Path(path).name))
        return True

    def ask_import(self) -> None:
        watchlist_menus.file_dialog(self, save=False)

    def ask_export(self) -> None:
        watchlist_menus.file_dialog(self, save=True)
