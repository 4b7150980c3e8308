"""The watchlist's table view (panel keys, focus tracking), its per-list column layout, the symbol
entry's completion over the instrument master, and the interface text of watchlist errors."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QRect, QStringListModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QCompleter, QHeaderView, QStyledItemDelegate,
                               QTableView, QWidget)

from app.trading.watchlists import Watchlist, WatchlistError
from app.ui.book_common import FitPopup, paint_rows, symbol_label
from app.ui import watchlist_actions
from app.ui.quotestyle import Pens, TextCache, number_font
from app.ui.watchlist_columns import COLUMNS, DEFAULT_IDS, INDEX


_ALIGN = [int(getattr(c.align, "value", c.align)) for c in COLUMNS]
NAME = INDEX["name"]
CELL_MARGIN = 5  # px left and right of a cell's text (paint_cell)
PRICE_COLUMNS = ("last", "change", "bid", "ask", "open", "high", "low", "prev_close")  # to the tick's digits
K = Qt.Key
MOVE_KEYS = frozenset({K.Key_Up, K.Key_Down, K.Key_PageUp, K.Key_PageDown, K.Key_Home, K.Key_End})


class WatchlistDelegate(QStyledItemDelegate):
    """Paints a cell straight from the model's row cache: one Python call per cell instead of the
    seven `data()` calls (font, alignment, colours, text …) the standard delegate makes — the
    watchlist repaints hundreds of cells a second under a busy feed, so this halves its paint cost."""

    def __init__(self, model: Any, view: QTableView):
        super().__init__(view)
        self.model, self.view = model, view
        self.selected: set[int] = set()  # rows; reading option.state costs two Python enum ops a cell
        self.text_color: Any = None
        self.pens = Pens()
        self.texts: TextCache | None = None  # the view font's laid-out texts; reset on a font change

    def selection_changed(self, *_a: Any) -> None:
        sel = self.view.selectionModel()
        self.selected = {i.row() for i in sel.selectedRows()} if sel is not None else set()

    def paint(self, painter: Any, option: Any, index: Any) -> None:
        r = index.row()
        if self.text_color is None:  # reset on a theme change (view.changeEvent)
            self.text_color = option.palette.text().color()
        self.paint_cell(painter, option.rect, self.model.row_for_paint(r), index.column(),
                        option.palette if r in self.selected else None)

    def paint_cell(self, painter: Any, rect: Any, row: Any, c: int, selected: Any) -> None:
        """One cell from the row's cache; `selected` is the palette to highlight with (None: not
        selected). Called per cell by `paint` and by `WatchlistView`'s one-pass paint (which sets
        `text_color` first)."""
        if selected is not None:
            painter.fillRect(rect, selected.highlight())
            painter.setPen(self.pens(selected.highlightedText().color()))
        else:
            bg = row.bg[c]
            fg = row.fg[c]
            if bg is not None:  # a flash: plain text on the coloured cell (red on red is unreadable)
                painter.fillRect(rect, bg)
                fg = None
            if fg is None:
                fg = self.text_color
            painter.setPen(self.pens(fg))
        texts = self.texts
        if texts is None:
            texts = self.texts = TextCache(self.view.font())
        text = row.texts[c]
        if text:
            texts.draw(painter, rect, _ALIGN[c], text, CELL_MARGIN)


class WatchlistView(QTableView):
    """A table whose watchlist keys (Delete, Ctrl+Up …, as bound in the registry) work here even
    when another action shares the key, and which tells the actions which watchlist is in use."""

    def __init__(self, panel: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.panel = panel
        self.setFont(number_font(self.font()))  # tabular digits in every column
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        head = self.horizontalHeader()
        head.setSectionsMovable(True)
        head.setSectionsClickable(True)
        head.setSortIndicatorShown(True)
        head.setSortIndicatorClearable(True)
        head.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        head.setStretchLastSection(False)
        head.setHighlightSections(False)
        head.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # The name column takes the width the other columns leave (QA: a wide panel kept it at its
        # 120 px with blank space to its right). `name_width` is its own width (the list's, or as
        # the trader dragged it): the least it has, and what the list saves.
        self.name_width = COLUMNS[NAME].width
        self._filling = False
        self._name_hidden = False
        head.sectionResized.connect(self._section_resized)

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        self.delegate = WatchlistDelegate(model, self)
        self.setItemDelegate(self.delegate)
        self.selectionModel().selectionChanged.connect(self.delegate.selection_changed)
        model.modelReset.connect(self.delegate.selection_changed)
        model.layoutChanged.connect(self.delegate.selection_changed)
        model.rowsMoved.connect(self.delegate.selection_changed)
        model.rowsRemoved.connect(self.delegate.selection_changed)
        model.rowsInserted.connect(self.delegate.selection_changed)
        # queued: a row is formatted while it is painted, and a list switch sets its widths after
        # the reset; the columns are fitted once that is done
        queued = Qt.ConnectionType.QueuedConnection
        model.decimals_widened.connect(self.fit_prices, queued)
        model.modelReset.connect(self.fit_prices, queued)

    def paintEvent(self, event: Any) -> None:
        """Every visible cell in one pass over the model's row cache (book_common.paint_rows): the
        watchlist is the widget repainted most under a busy feed. A drag in progress (drop
        indicator) is painted by QTableView itself."""
        delegate, model = getattr(self, "delegate", None), self.model()
        if delegate is None or self.state() == QAbstractItemView.State.DraggingState or not model.rowCount():
            super().paintEvent(event)
            return
        row_for_paint, paint_cell = model.row_for_paint, delegate.paint_cell

        def paint_row(painter: Any, r: int, cols: list, y: int, h: int, highlight: Any) -> None:
            row = row_for_paint(r)
            for c, x, w in cols:
                paint_cell(painter, QRect(x, y, w, h), row, c, highlight)

        paint_rows(self, event, delegate, delegate.selected, paint_row)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)  # (the viewport's resizes come here too: a scroll bar shown)
        self.fill_name()

    def _section_resized(self, logical: int, _old: int, new: int) -> None:
        if self._filling:
            return
        if logical == NAME:
            if new == 0:  # being hidden (Qt sizes it 0 before it flags it hidden): leave it be
                self._name_hidden = True
                return
            if self._name_hidden:  # shown again at the width it had filled: not a width of its own
                self._name_hidden = False
            else:  # the list's width, or the trader dragged it
                self.name_width = new
        self.fill_name()

    def fit_prices(self) -> None:
        """Price columns at least wide enough for the digits the list's prices carry: 6J's change
        (-0.0000315, a 0.0000005 tick) read "-0.0000…" in the 74 px the column has by default.
        Columns only grow here; the trader can still narrow one."""
        model = self.model()
        dec = getattr(model, "widest_dec", 0)
        if dec <= 2:
            return
        fm = self.fontMetrics()
        head = self.horizontalHeader()
        for cid in PRICE_COLUMNS:
            digits = fm.horizontalAdvance("0." + "0" * dec)
            sign = max(fm.horizontalAdvance("+"), fm.horizontalAdvance("-")) if cid == "change" else 0
            need = digits + sign + 2 * CELL_MARGIN + 2
            if head.sectionSize(INDEX[cid]) < need:
                head.resizeSection(INDEX[cid], need)

    def fill_name(self) -> None:
        """The name column as wide as its own width or the room the other columns leave, whichever is more."""
        head = self.horizontalHeader()
        if head.isSectionHidden(NAME):
            return
        others = sum(head.sectionSize(i) for i in range(head.count()) if i != NAME and not head.isSectionHidden(i))
        want = max(self.name_width, self.viewport().width() - others)
        if head.sectionSize(NAME) != want:
            self._filling = True
            try:
                head.resizeSection(NAME, want)
            finally:
                self._filling = False

    def changeEvent(self, event: QEvent) -> None:
        delegate = getattr(self, "delegate", None)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and delegate is not None:
            delegate.text_color = None
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange) and delegate is not None:
            delegate.texts = None
        super().changeEvent(event)

    def _action_for(self, event: Any) -> str | None:
        key = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
        reg = self.panel.context.actions
        for action_id in watchlist_actions.KEYED:
            if action_id in reg and key in reg.keys(action_id):
                return action_id
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._action_for(event):
            event.accept()  # deliver it to keyPressEvent below, not to a window shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: Any) -> None:
        action_id = self._action_for(event)
        if action_id is not None:  # the key reached this view: act on this panel, whatever has focus
            getattr(self.panel, watchlist_actions.METHODS[action_id])()
            event.accept()
            return
        row = self.currentIndex().row()
        super().keyPressEvent(event)
        if event.key() in MOVE_KEYS and self.currentIndex().row() != row and hasattr(self.panel, "moved_by_key"):
            self.panel.moved_by_key()

    def focusInEvent(self, event: Any) -> None:
        watchlist_actions.used(self.panel)
        super().focusInEvent(event)


def apply_columns(view: QTableView, wl: Watchlist) -> None:
    """Show the list's columns in its order and widths (hidden columns keep their width)."""
    head = view.horizontalHeader()
    ids = [i for i in (wl.columns or DEFAULT_IDS) if i in INDEX] or list(DEFAULT_IDS)
    order = ids + [c.id for c in COLUMNS if c.id not in ids]
    for visual, cid in enumerate(order):
        cur = head.visualIndex(INDEX[cid])
        if cur != visual:
            head.moveSection(cur, visual)
    shown = set(ids)
    for i, c in enumerate(COLUMNS):
        head.setSectionHidden(i, c.id not in shown)
        head.resizeSection(i, int(wl.widths.get(c.id, c.width)))
    if isinstance(view, WatchlistView):
        view.name_width = int(wl.widths.get("name", COLUMNS[NAME].width))
        view.fill_name()


def capture_columns(view: QTableView, wl: Watchlist) -> None:
    """Record the header's visible columns (in visual order) and widths into the list."""
    head = view.horizontalHeader()
    wl.columns = [COLUMNS[head.logicalIndex(v)].id for v in range(len(COLUMNS))
                  if not head.isSectionHidden(head.logicalIndex(v))]
    for i, c in enumerate(COLUMNS):
        if not head.isSectionHidden(i) and head.sectionSize(i) > 0:
            wl.widths[c.id] = head.sectionSize(i)
    if isinstance(view, WatchlistView) and not head.isSectionHidden(NAME):
        wl.widths["name"] = view.name_width  # its own width, not the room it filled


def completion_model(master: Any, parent: Any) -> QStringListModel:
    """'CODE  한글명 · English name' for every instrument (each name once, none repeating the code):
    the entry completes on any part of it."""
    rows = [symbol_label(inst.code, inst.name, inst.name_en)
            for inst in sorted(master.all(), key=lambda i: (i.market != "stock", len(i.code), i.code))]
    return QStringListModel(rows, parent)


def make_completer(parent: Any) -> QCompleter:
    comp = QCompleter(parent)
    comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    comp.setFilterMode(Qt.MatchFlag.MatchContains)
    comp.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    comp.setMaxVisibleItems(12)
    FitPopup(comp)  # as wide as its rows (long instrument names), not just as the entry
    return comp


def resolve(master: Any, text: str) -> str:
    """The instrument code a typed text means: a code (first word), else a unique search hit or an
    exact name (Korean or English). Raises WatchlistError unknown / ambiguous / empty."""
    t = " ".join(text.split())
    if not t:
        raise WatchlistError("empty")
    first = t.split()[0].upper()
    if master.get(first) is not None or not master.loaded:
        return first
    front = master.front(first) if hasattr(master, "front") else None
    if front is not None:  # a futures product: its front month
        return front.code
    hits = master.search(t, limit=8)
    if len(hits) == 1:
        return hits[0].code
    folded = t.casefold()
    exact = [h.code for h in hits if (i := master.get(h.code)) is not None
             and folded in (i.name.casefold(), i.name_en.casefold())]
    if len(exact) == 1:
        return exact[0]
    if hits:
        raise WatchlistError("ambiguous", symbol=t, detail=", ".join(h.code for h in hits[:5]))
    raise WatchlistError("unknown", symbol=t)


def error_text(widget: QWidget, e: WatchlistError) -> str:
    """A watchlist error in the interface language (what went wrong, where, what to do)."""
    sym = e.symbol or "?"
    if e.kind == "unknown" and e.line:
        return QCoreApplication.translate("WatchlistPanel", "Line %1: %2 is not an instrument on this server. Nothing was imported.").replace(
            "%1", str(e.line)).replace("%2", sym)
    if e.kind == "unknown":
        return QCoreApplication.translate("WatchlistPanel", "%1: no such instrument on this server.").replace("%1", sym)
    if e.kind == "ambiguous":
        return QCoreApplication.translate("WatchlistPanel", "%1 matches several instruments (%2): pick one from the list.").replace(
            "%1", sym).replace("%2", e.detail)
    if e.kind == "duplicate":
        return QCoreApplication.translate("WatchlistPanel", "%1 is already in %2.").replace("%1", sym).replace("%2", e.name)
    if e.kind == "empty":
        return QCoreApplication.translate("WatchlistPanel", "The file holds no symbols. Nothing was imported.") if e.detail == "file" else \
            QCoreApplication.translate("WatchlistPanel", "Type a ticker or a name first.")
    if e.kind == "malformed" and e.line:
        return QCoreApplication.translate("WatchlistPanel", "Line %1 of the file is not a symbol (%2). Nothing was imported.").replace(
            "%1", str(e.line)).replace("%2", e.symbol or e.detail)
    if e.kind == "malformed":
        return QCoreApplication.translate("WatchlistPanel", "The file is not a readable CSV file (%1). Nothing was imported.").replace("%1", e.detail)
    if e.kind == "too_many":
        return QCoreApplication.translate("WatchlistPanel", "A watchlist holds at most %1 symbols.").replace("%1", e.detail)
    if e.kind == "name_taken":
        return QCoreApplication.translate("WatchlistPanel", "A watchlist named %1 already exists.").replace("%1", e.name)
    if e.kind == "no_name":
        return QCoreApplication.translate("WatchlistPanel", "A watchlist needs a name.")
    if e.kind == "last_list":
        return QCoreApplication.translate("WatchlistPanel", "The last watchlist cannot be deleted.")
    if e.kind == "not_found":
        return QCoreApplication.translate("WatchlistPanel", "%1 is not in this watchlist.").replace("%1", sym)
    return str(e)
