"""The watchlist panel: named lists of symbols with live quotes, typed entry with completion, CSV,
per-list columns, sorting, drag/key reordering, price alerts, and linking on double-click / Enter."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu,
                               QStackedWidget, QToolButton, QVBoxLayout, QWidget)

from app.trading.watchlists import Watchlists, WatchlistError
from app.ui import watchlist_actions, watchlist_menus
from app.ui.default_layout import starter_name
from app.ui.later import Timer
from app.ui.panels.base import Panel
from app.ui.panels.registry import register
from app.ui.watchlist_columns import COLUMNS, DEFAULT_IDS, INDEX
from app.ui.watchlist_lists import ListsAndFiles
from app.ui.watchlist_model import WatchlistModel
from app.ui.watchlist_view import (WatchlistView, apply_columns, capture_columns, completion_model,
                                   error_text, make_completer, resolve)

log = logging.getLogger(__name__)

# seconds a feed may take to come up (login, first connect) before the banner says it is not there;
# a drop after it was connected is said at once
LINK_GRACE = 5.0
FOLLOW_MS = 200  # a row reached with the arrow keys is chosen once it has rested this long


@register
class WatchlistPanel(ListsAndFiles, Panel):
    kind = "watchlist"
    title_en = "Watchlist"
    title_ko = "관심종목"
    default_area = "left"
    picks_symbol = True  # a row chosen loads in its link group: the title bar shows and changes that group

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        watchlist_actions.register(context)
        self.book = Watchlists(known=self._known)
        self.model = WatchlistModel(context, self)
        self.lists = QComboBox(self)
        self.lists.setObjectName("WatchlistSelector")
        self.lists.setMinimumContentsLength(10)
        self.entry = QLineEdit(self)
        self.entry.setObjectName("WatchlistEntry")
        self.entry.setClearButtonEnabled(True)
        self.completer = make_completer(self.entry)
        self.entry.setCompleter(self.completer)
        self.menu_btn = QToolButton(self)
        self.menu_btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_btn.setMenu(QMenu(self.menu_btn))
        self.alerts_btn = QToolButton(self)
        self.message = QLabel(self)
        self.message.setObjectName("WatchlistMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.banner = QLabel(self)
        self.banner.setObjectName("WatchlistBanner")
        self.banner.setWordWrap(True)  # a long line wraps: it never widens the panel
        self.banner.hide()
        self.link_state = "connected"
        self.link_grace = LINK_GRACE
        self._was_connected = False  # this hub's feed was up once: a drop now is a real one
        self._grace = QTimer(self)
        self._grace.setSingleShot(True)
        self._grace.timeout.connect(self._show_banner)
        self.view = WatchlistView(self, self)
        self.view.setModel(self.model)
        self.model.visible_rows = self._visible_rows
        self.empty = QLabel(self)
        self.empty.setObjectName("WatchlistEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.setSpacing(4)
        top.addWidget(self.lists)
        top.addWidget(self.entry, 1)
        top.addWidget(self.alerts_btn)
        top.addWidget(self.menu_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addWidget(self.message)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)
        self._switching = False
        self._alerts_dialog: Any = None
        self._file_dialog: Any = None
        self.lists.currentIndexChanged.connect(self._list_chosen)
        self.entry.returnPressed.connect(self.add_from_entry)
        self.alerts_btn.clicked.connect(self.show_alerts)
        self.entry.textEdited.connect(lambda _t: self._say(""))
        self.view.activated.connect(lambda idx: self.choose_row(idx.row()))
        # a row clicked, or reached with the arrow keys and left there a moment, is the linked
        # panels' symbol (as in an HTS's 관심종목): a trader clicked ESZ26, saw it selected, and
        # traded AAPL, which the chart, book and ticket still showed
        self.view.clicked.connect(lambda idx: self.choose_row(idx.row()))
        self._follow = Timer(self, self.choose_current)
        self.view.customContextMenuRequested.connect(lambda pos: watchlist_menus.row_menu(self, pos))
        head = self.view.horizontalHeader()
        head.customContextMenuRequested.connect(lambda pos: watchlist_menus.column_menu(self, pos))
        head.sortIndicatorChanged.connect(self._sort_changed)
        self.model.move_requested.connect(self.move_row)
        self.model.link_changed.connect(self._link_changed)
        self.model.modelReset.connect(self._update_empty)
        self.model.rowsInserted.connect(self._update_empty)
        self.model.rowsRemoved.connect(self._update_empty)
        context.instruments_loaded.connect(self._master_loaded)
        context.market_changed.connect(self._market_changed)
        context.settings_changed.connect(self._restyle)
        alerts = getattr(context, "alerts", None)
        if alerts is not None:
            alerts.changed_listeners.append(self._alerts_changed)
        watchlist_actions.attach(self)
        self._master_loaded(0)
        self._restyle()
        self.retranslate()
        self._load_list()
        self._market_changed(context.market)

    def sizeHint(self) -> QSize:
        return QSize(760, 420)

    # ---- helpers -----------------------------------------------------------------------------
    def _known(self, symbol: str) -> bool | None:
        master = self.context.instruments
        if master is None or not master.loaded:
            return None
        return master.get(symbol) is not None

    def _say(self, text: str, error: bool = False) -> None:
        """One line under the entry: an error (kept until the next edit) or a short confirmation."""
        self.message.setText(text)
        self.message.setProperty("error", error)
        t = self._theme()
        self.message.setStyleSheet(f"color: {t.red if error else t.dim}; padding: 0 6px;")
        self.message.setVisible(bool(text))

    @staticmethod
    def _theme() -> Any:
        from app.ui import theme
        from app.ui.quotestyle import theme_name

        return theme.THEMES.get(theme_name(), theme.DARK)

    def _restyle(self) -> None:
        t = self._theme()
        self.banner.setStyleSheet(f"background: {t.amber}; color: #1b1d21; padding: 2px 6px;")
        self.empty.setStyleSheet(f"color: {t.dim}; padding: 16px;")

    def _update_empty(self, *_a: Any) -> None:
        self.stack.setCurrentWidget(self.view if self.model.rowCount() else self.empty)

    def _visible_rows(self) -> tuple[int, int]:
        """The rows on screen (the model formats the others only when they come into view)."""
        v = self.view
        if not v.isVisible():
            return (0, -1)
        top, bottom = v.rowAt(0), v.rowAt(v.viewport().height() - 1)
        return (max(0, top), self.model.rowCount() - 1 if bottom < 0 else bottom)

    def selected_rows(self) -> list[int]:
        sel = self.view.selectionModel()
        rows = sorted({i.row() for i in sel.selectedRows()}) if sel is not None else []
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return rows

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            idx = self.model.index(row, 0)
            sel = self.view.selectionModel()
            flags = QItemSelectionModel.SelectionFlag
            sel.setCurrentIndex(idx, flags.ClearAndSelect | flags.Rows)
            self.view.scrollTo(idx)

    # ---- symbols -----------------------------------------------------------------------------
    def add_symbol(self, text: str) -> bool:
        """Add what the trader typed (a code or a name); a refusal is said in the panel, no row added."""
        try:
            code = resolve(self.context.instruments, text)
            self.book.add(code)
        except WatchlistError as e:
            self._say(error_text(self, e), error=True)
            return False
        self.model.insert(self.model.rowCount(), code)
        self._select(self.model.index_of.get(code, -1))
        self._say("")
        return True

    def add_from_entry(self) -> None:
        if self.add_symbol(self.entry.text()):
            self.entry.clear()

    def focus_entry(self) -> None:
        self.entry.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.entry.selectAll()

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        for sym in [self.model.symbol_at(r) for r in rows]:
            try:
                self.book.remove(sym)
            except WatchlistError:
                pass
            self.model.remove(sym)
        self._select(min(rows[0], self.model.rowCount() - 1))

    def _adopt_order(self) -> None:
        """A manual move while sorted: the sorted order becomes the list's order, then moves apply."""
        if self.model.sort_col is None:
            return
        self.book.set_order(self.model.symbols())
        self.model.set_sort(None)
        self.book.active.sort = None
        self._switching = True
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._switching = False

    def move_row(self, src: int, dst: int) -> None:
        self._adopt_order()
        n = self.model.rowCount()
        if not (0 <= src < n and 0 <= dst < n) or src == dst:
            return
        self.book.move(src, dst)
        self.model.move(src, dst)
        self._select(dst)

    def move_selected_up(self) -> None:
        rows = self.selected_rows()
        if rows and rows[0] > 0:
            self.move_row(rows[0], rows[0] - 1)

    def move_selected_down(self) -> None:
        rows = self.selected_rows()
        if rows and rows[0] < self.model.rowCount() - 1:
            self.move_row(rows[0], rows[0] + 1)

    def choose_row(self, row: int) -> None:
        sym = self.model.symbol_at(row)
        if sym:
            watchlist_actions.used(self)
            self.symbol_chosen.emit(sym)

    def choose_current(self) -> None:
        idx = self.view.currentIndex()
        if idx.isValid():
            self.choose_row(idx.row())

    def moved_by_key(self) -> None:
        """The arrow keys moved the current row: it is chosen once it rests (stepping through the
        list loads no symbol per row passed)."""
        self._follow.restart(FOLLOW_MS)

    def choose_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.choose_row(rows[0])

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        if self._switching:
            return
        wl = self.book.active
        if section < 0 or COLUMNS[section].sort is None:
            self.model.set_sort(None)
            wl.sort = None
            self.model.set_order(list(wl.symbols))
            return
        desc = order == Qt.SortOrder.DescendingOrder
        wl.sort = (COLUMNS[section].id, desc)
        self.model.set_sort(section, desc)

    # ---- alerts ------------------------------------------------------------------------------
    def ask_alert(self) -> Any:
        from app.ui.watchlist_dialogs import AlertDialog

        rows = self.selected_rows()
        book = getattr(self.context, "alerts", None)
        if book is None:
            self._say(self.tr("Price alerts are not available in this window."), error=True)
            return None
        if not rows:
            self._say(self.tr("Select a row first, then set an alert on it."), error=True)
            return None
        sym = self.model.symbol_at(rows[0])
        hub = self.context.market
        q = hub.quote(sym) if hub is not None else None
        inst = self.context.instruments.get(sym) if self.context.instruments else None
        last = q.last if q is not None else None
        dlg = AlertDialog(book, sym, last, inst.price_decimals(last) if inst else 2, self)
        dlg.open()
        return dlg

    def show_alerts(self) -> Any:
        from app.ui.watchlist_dialogs import AlertsDialog

        book = getattr(self.context, "alerts", None)
        if book is None:
            self._say(self.tr("Price alerts are not available in this window."), error=True)
            return None
        if self._alerts_dialog is None:
            self._alerts_dialog = AlertsDialog(book, self)
            self._alerts_dialog.finished.connect(lambda *_: setattr(self, "_alerts_dialog", None))
            self._alerts_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._alerts_dialog.show()
        self._alerts_dialog.raise_()
        return self._alerts_dialog

    def _alerts_changed(self) -> None:
        book = getattr(self.context, "alerts", None)
        n = len(book.active()) if book is not None else 0
        text = self.tr("Alerts")
        self.alerts_btn.setText(f"{text} {n}" if n else text)

    def set_column_visible(self, column_id: str, visible: bool) -> None:
        self.view.horizontalHeader().setSectionHidden(INDEX[column_id], not visible)
        capture_columns(self.view, self.book.active)

    def reset_columns(self) -> None:
        wl = self.book.active
        wl.columns, wl.widths = list(DEFAULT_IDS), {}
        apply_columns(self.view, wl)

    # ---- context -----------------------------------------------------------------------------
    def _master_loaded(self, _count: int) -> None:
        master = self.context.instruments
        if master is not None and master.loaded:
            self.completer.setModel(completion_model(master, self.completer))
            # a futures product in a list ("ES": the factory's futures list, a CSV) is its front
            # month, and an expired contract rolls on to its product's front month
            rolled = getattr(master, "rolled", None)
            if rolled is not None and self.book.roll(lambda s: (f.code if (f := rolled(s)) is not None else None)):
                self._load_list()

    def _market_changed(self, hub: Any) -> None:
        """A new hub (login, session switch) or none (logged out): its feed gets its own start."""
        self._was_connected = False
        if hub is None:
            self._link_changed("none")
        else:  # its state comes with the model's next check (asked again even if unchanged)
            self.model.link = ""
            self._link_changed("connecting")

    def _link_changed(self, state: str) -> None:
        """The banner says the feed is not there only for a drop after it was connected, or when
        it has not come up within the grace period (never for a moment at start)."""
        if state != "connected" and self.context.market is None:
            state = "none"  # no hub (logged out): the rows' links say "closed"
        self.link_state = state
        if state == "connected":
            self._was_connected = True
            self._grace.stop()
            self.banner.hide()
            return
        self.banner.setText(self._banner_text())
        if self._was_connected:
            self._show_banner()
        elif not self._grace.isActive() and self.banner.isHidden():
            self._grace.start(int(self.link_grace * 1000))

    def _show_banner(self) -> None:
        if self.link_state != "connected":
            self.banner.show()

    def _banner_text(self) -> str:
        if self.link_state == "none":
            return self.tr("Not connected: log in to see live prices.")
        return self.tr("Realtime feed disconnected — showing the last values received; reconnecting automatically…")

    # ---- Panel contract ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.entry.setPlaceholderText(self.tr("Add a symbol: ticker or name (AAPL, 애플, ES…) + Enter"))
        self.menu_btn.setText(self.tr("Lists"))
        self.menu_btn.setToolTip(self.tr("New, rename, delete, import and export watchlists"))
        self.alerts_btn.setToolTip(self.tr("Price alerts"))
        self.empty.setText(self.tr("This watchlist is empty. Type a ticker or a name above (for example "
                                   "AAPL or 애플) and press Enter, or import a CSV file from Lists."))
        watchlist_menus.fill_list_menu(self)
        self.banner.setText(self._banner_text())
        self._alerts_changed()
        if self.model.lang != self.context.lang:
            self.model.set_language(self.context.lang)
        self._name_starters()

    def _name_starters(self) -> None:
        """The starter lists (as named at the first start) in the interface language, unless the
        trader has a list of that name already."""
        taken = {w.name.casefold() for w in self.book.lists}
        changed = False
        for w in self.book.lists:
            new = starter_name(w.name, self.context.lang)
            if new and new != w.name and new.casefold() not in taken:
                taken.discard(w.name.casefold())
                taken.add(new.casefold())
                w.name, changed = new, True
        if changed:
            self._refresh_selector()

    def settings(self) -> dict[str, Any]:
        capture_columns(self.view, self.book.active)
        return self.book.to_dict()

    def apply_settings(self, settings: dict[str, Any]) -> None:
        if not isinstance(settings, dict) or not settings.get("lists"):
            return
        self.book.load_dict(settings)
        self._name_starters()
        self._load_list()

    def shutdown(self) -> None:
        watchlist_actions.detach(self)
        book = getattr(self.context, "alerts", None)
        if book is not None and self._alerts_changed in book.changed_listeners:
            book.changed_listeners.remove(self._alerts_changed)
        self.model.close()
