"""The watchlist model's row list: drag and drop, insert, remove, move, reorder, and sorting by
a column (at most once a second, on the frame tick). A mixin of `WatchlistModel`, which holds
`rows`, `index_of`, the watcher and `_new_row()`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from app.trading.quotes import Quote
from app.ui.watchlist_columns import COLUMNS

MIME = "application/x-lsterm-watchlist-rows"
RESORT_EVERY = 1.0  # a sorted list re-sorts at most this often
EMPTY = Quote("")


class RowEditing:
    rows: list[Any]
    index_of: dict[str, int]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(MIME, QByteArray("\n".join(self.rows[r].symbol for r in rows).encode("utf-8")))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        """A row dropped between rows (or on one) asks the panel to move it; False so the view
        does not also remove the source row (the move is done, not a copy plus a delete)."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME):
            return False
        symbols = bytes(data.data(MIME).data()).decode("utf-8").split("\n")
        src = self.index_of.get(symbols[0]) if symbols else None
        if src is None:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.rows)
        dst = row - 1 if row > src else row
        if dst != src:
            self.move_requested.emit(src, max(0, min(dst, len(self.rows) - 1)))
        return False

    # ---- rows --------------------------------------------------------------------------------
    def symbols(self) -> list[str]:
        return [r.symbol for r in self.rows]

    def symbol_at(self, row: int) -> str:
        return self.rows[row].symbol if 0 <= row < len(self.rows) else ""

    def set_symbols(self, symbols: list[str]) -> None:
        """Show another list (a list switch, not a live update: the one place the model resets)."""
        self.beginResetModel()
        keep = set(symbols)
        for r in self.rows:
            if r.symbol not in keep and self.watcher is not None:
                self.watcher.unwatch(r.symbol)
        self.widest_dec = 0
        self.rows = [self._new_row(s) for s in symbols]
        self._reindex()
        self._flashing.clear()
        self.endResetModel()
        self._sort_dirty = True

    def insert(self, row: int, symbol: str) -> None:
        row = max(0, min(row, len(self.rows)))
        self.beginInsertRows(QModelIndex(), row, row)
        self.rows.insert(row, self._new_row(symbol))
        self._reindex()
        self.endInsertRows()
        self._sort_dirty = True

    def remove(self, symbol: str) -> None:
        row = self.index_of.get(symbol)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.rows[row]
        if self.watcher is not None:
            self.watcher.unwatch(symbol)
        self._flashing.discard(symbol)
        self._reindex()
        self.endRemoveRows()

    def move(self, src: int, dst: int) -> None:
        n = len(self.rows)
        if not (0 <= src < n and 0 <= dst < n) or src == dst:
            return
        self.beginMoveRows(QModelIndex(), src, src, QModelIndex(), dst + 1 if dst > src else dst)
        self.rows.insert(dst, self.rows.pop(src))
        self._reindex()
        self.endMoveRows()

    def set_order(self, symbols: list[str]) -> None:
        """Reorder the same rows (sort, or back to the manual order), keeping selection and focus."""
        if symbols == self.symbols() or sorted(symbols) != sorted(self.symbols()):
            return
        self.layoutAboutToBeChanged.emit()
        old_symbols = self.symbols()
        by_symbol = {r.symbol: r for r in self.rows}
        self.rows = [by_symbol[s] for s in symbols]
        self._reindex()
        old = self.persistentIndexList()
        new = [self.index(self.index_of[old_symbols[i.row()]], i.column()) for i in old]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _reindex(self) -> None:
        self.index_of = {r.symbol: i for i, r in enumerate(self.rows)}

    # ---- sorting -----------------------------------------------------------------------------
    def set_sort(self, col: int | None, descending: bool = False) -> None:
        self.sort_col, self.sort_desc = col, descending
        self._sort_dirty = True
        if col is not None:
            self.resort()

    def sorted_symbols(self) -> list[str]:
        col = COLUMNS[self.sort_col] if self.sort_col is not None else None
        if col is None or col.sort is None:
            return self.symbols()
        hub = self.hub
        known, unknown = [], []
        for r in self.rows:
            q = (hub.quote(r.symbol) if hub is not None else None) or EMPTY
            v = col.sort(q, r.inst)
            (unknown if v is None or v == "" else known).append((v, r.symbol))
        known.sort(key=lambda kv: kv[0], reverse=self.sort_desc)
        return [s for _v, s in known] + [s for _v, s in unknown]  # blanks last either way

    def resort(self) -> None:
        self._sort_dirty = False
        self._next_sort = self.clock() + RESORT_EVERY
        self.set_order(self.sorted_symbols())
