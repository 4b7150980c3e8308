"""The time-and-sales panel (체결): recent trades of one symbol, newest on top, side-coloured, size filter.

History comes from the trade TRs (g3102 / o3116 / o3136) through the hub, then live trades; the
tape is capped by the hub. When the trader has scrolled down to read older trades, new ones do
not move the view (it stays on the same trades) and a button counts them; back at the top, the
view follows the newest trade again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu,
                               QPushButton, QSpinBox, QStackedWidget, QTableView, QVBoxLayout,
                               QWidget)

from app.ui.book_common import (LiveLabel, NameLabel, SymbolEntry, banner_label, display_name, ensure_actions, message_label,
                                paint_rows, track)
from app.ui.book_feed import SymbolFeed, disconnect_all
from app.ui.panels.base import Panel
from app.ui.panels.registry import register
from app.ui.quotestyle import QuoteColors, fmt_qty, number_font
from app.ui.tape_model import TapeDelegate, TimeSalesModel

ACTIONS = [
    ("timesales.symbol", "Time & sales: type a symbol", "체결: 종목 입력", (), "focus_symbol"),
    ("timesales.min_size", "Time & sales: minimum trade size", "체결: 최소 체결량", (), "focus_filter"),
    ("timesales.latest", "Time & sales: jump to the newest trade", "체결: 최신 체결로 이동", (), "follow_latest"),
]


class TapeView(QTableView):
    """Keeps the trades the trader is reading in place while new ones are inserted above them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.unseen = 0  # trades inserted above while scrolled down

    @property
    def paused(self) -> bool:
        return self.verticalScrollBar().value() > 0

    def paintEvent(self, event: QPaintEvent) -> None:
        """Every visible trade in one pass (book_common.paint_rows), not cell by cell through QTableView."""
        model, delegate = self.model(), self.itemDelegate()
        if not isinstance(delegate, TapeDelegate) or not isinstance(model, TimeSalesModel) or not model.rowCount():
            super().paintEvent(event)
            return
        sel = self.selectionModel()
        selected = {i.row() for i in sel.selectedRows()} if sel is not None and sel.hasSelection() else ()
        paint_cell, trades, texts = delegate.paint_cell, model.rows, model.texts

        def paint_row(painter: Any, r: int, cols: list, y: int, h: int, highlight: Any) -> None:
            trade, row_texts = trades[r], texts(r)
            for c, x, w in cols:
                paint_cell(painter, QRect(x, y, w, h), model, trade, row_texts, c, highlight)

        paint_rows(self, event, delegate, selected, paint_row)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            delegate = self.itemDelegate()
            if isinstance(delegate, TapeDelegate):
                delegate.text_color = None
        super().changeEvent(event)

    def rowsInserted(self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int) -> None:
        bar = self.verticalScrollBar()
        old = bar.value()
        super().rowsInserted(parent, start, end)
        if start == 0 and old > 0:
            self.updateGeometries()  # the new range now, not at the next layout
            bar.setValue(old + end - start + 1)
            self.unseen += end - start + 1


@register
class TimeSalesPanel(SymbolFeed, Panel):
    feed_name = "time_sales"
    kind = "time_sales"
    title_en = "Time & sales"
    title_ko = "체결"
    default_area = "right"
    uses_symbol = True

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._closed = False
        self.colors = QuoteColors(getattr(context.prefs, "color_convention", "korean"))
        self.model = TimeSalesModel(self.colors, self)
        self.hub: Any = None
        self.watcher: Any = None
        self.state = "empty"  # empty | offline | unknown | loading | none | tape
        self.link = "connected"
        self._seen: tuple = ()
        self._needs = True

        self.entry = SymbolEntry(context, self, compact=True)
        self.name = NameLabel(self)
        self.name.setProperty("dim", True)
        self.min_label = QLabel(self)
        self.min_size = QSpinBox(self)
        self.min_size.setRange(0, 1_000_000_000)
        self.min_size.setSingleStep(100)
        self.min_size.setGroupSeparatorShown(True)
        self.min_size.setFont(number_font())
        self.min_label.setBuddy(self.min_size)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.entry)
        top.addWidget(self.name, 1)
        top.addWidget(self.min_label)
        top.addWidget(self.min_size)

        self.banner = banner_label(self)
        self.view = TapeView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(TapeDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(20)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setSectionsClickable(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.message = message_label(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)

        self.count_lbl = LiveLabel(self)
        self.count_lbl.setProperty("dim", True)
        self.latest_btn = QPushButton(self)
        self.latest_btn.setFlat(True)
        self.latest_btn.hide()
        self.latest_btn.clicked.connect(self.follow_latest)
        foot = QHBoxLayout()
        foot.setContentsMargins(8, 0, 4, 4)
        foot.addWidget(self.count_lbl, 1)
        foot.addWidget(self.latest_btn)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)
        lay.addLayout(foot)

        self.entry.entered.connect(self._entered)
        self.min_size.valueChanged.connect(self._filter_changed)
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        context.frame_tick.connect(self._after_tick)
        context.market_changed.connect(self._on_market)
        context.instruments_loaded.connect(self._on_master)
        context.settings_changed.connect(self._on_settings)
        track(self)
        ensure_actions(self, ACTIONS)
        self._on_market(context.market)
        self.retranslate()

    def sizeHint(self) -> QSize:
        return QSize(320, 520)

    # ---- symbol ------------------------------------------------------------------------------
    def _watch(self) -> None:
        self._seen = ()
        self._needs = True
        self.model.clear()
        self.view.unseen = 0
        inst = self.context.instruments.get(self.symbol) if self.symbol else None
        self.name.setText(display_name(self.context, self.symbol))
        self.model.decimals = inst.price_decimals() if inst else 2
        if not self.symbol:
            self._show_state("empty")
        elif self.hub is None:
            self._show_state("offline")
        elif not self.watcher.watch(self.symbol, trades=True):
            self._show_state("unknown")
        else:
            self._show_state("loading")
            self._on_frame()

    def _on_master(self, _count: int) -> None:
        if self.symbol and (self.state in ("loading", "unknown") or not self.name.text()):
            self._unwatch()
            self._watch()

    # ---- live updates ------------------------------------------------------------------------
    def _on_frame(self) -> None:
        if self._closed or self.hub is None or self.watcher is None or self.state in ("empty", "unknown", "offline"):
            return
        if not self.isVisible() and not self._needs:
            return
        hub, sym = self.hub, self.symbol
        self.watcher.take()
        tape = hub.tape(sym)
        link = hub.link_state(sym)
        seen = (tape.version if tape else -1, link)
        if seen == self._seen and not self._needs:
            return
        self._seen, self._needs = seen, False
        if link != self.link:
            self.link = link
            self._show_banner()
        inst = self.context.instruments.get(sym)
        if inst is not None and tape is not None and tape.items:
            self.model.decimals = inst.price_decimals(tape.items[-1].price)
        self.model.sync(tape)
        self.model.set_stale(link != "connected")
        if self.model.src:
            self._show_state("tape")
        elif tape is not None and tape.history_loaded:
            self._show_state("none")
        else:
            self._show_state("loading")
        self._update_footer()

    def _update_footer(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.src)
        if self.model.min_size:
            text = self.tr("{0} of {1} trades (size ≥ {2})").format(fmt_qty(shown), fmt_qty(total),
                                                                     fmt_qty(self.model.min_size))
        else:
            text = self.tr("{0} trades").format(fmt_qty(total))
        if self.count_lbl.text() != text:
            self.count_lbl.setText(text)
        if self.view.unseen and self.view.paused:
            self.latest_btn.setText(self.tr("▲ {0} new: back to the newest").format(fmt_qty(self.view.unseen)))
            self.latest_btn.show()
        elif self.latest_btn.isVisible():
            self.latest_btn.hide()

    def _scrolled(self, value: int) -> None:
        if value == 0 and self.view.unseen:
            self.view.unseen = 0
            self._update_footer()

    # ---- states ------------------------------------------------------------------------------
    def _show_state(self, state: str) -> None:
        if state == self.state and state == "tape":
            return
        self.state = state
        if state == "tape":
            self.stack.setCurrentWidget(self.view)
            return
        self.stack.setCurrentWidget(self.message)
        self.banner.hide()
        self.latest_btn.hide()
        self.count_lbl.setText("")
        self.message.setText(self._message())

    def _message(self) -> str:
        if self.state == "empty":
            return self.tr("Type a symbol or pick one in a linked watchlist")
        if self.state == "offline":
            return self.tr("No market data: log in to see the trades of {0}").format(self.symbol)
        if self.state == "unknown":
            return self.tr("Unknown symbol: {0}. Type a listed ticker or contract code.").format(self.symbol)
        if self.state == "loading":
            return self.tr("Loading the recent trades of {0}…").format(self.symbol)
        if self.state == "none":
            return self.tr("No trades in {0} yet today").format(self.symbol)
        return ""

    def _show_banner(self) -> None:
        if self.link == "connected" or self.state != "tape":
            self.banner.hide()
        else:
            self.banner.setText(self.tr("Disconnected: reconnecting… trades may be missing until it is live again"))
            self.banner.show()

    # ---- actions -----------------------------------------------------------------------------
    def _filter_changed(self, value: int) -> None:
        self.model.set_min_size(value)
        self.view.unseen = 0
        self._update_footer()

    def set_min_size(self, n: int) -> None:
        self.min_size.setValue(max(0, int(n)))

    def follow_latest(self) -> None:
        self.view.unseen = 0
        self.view.scrollToTop()
        self._update_footer()

    def focus_symbol(self) -> None:
        self.entry.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.entry.selectAll()

    def focus_filter(self) -> None:
        self.min_size.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.min_size.selectAll()

    def _menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for action_id, *_rest in ACTIONS:
            menu.addAction(self.context.actions.qaction(action_id))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # ---- panel contract ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._needs = True

    def _on_settings(self) -> None:
        self.colors.refresh(getattr(self.context.prefs, "color_convention", None))
        self.view.viewport().update()

    def settings(self) -> dict[str, Any]:
        return {"min_size": self.model.min_size}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        try:
            self.set_min_size(int(settings.get("min_size", 0) or 0))
        except (TypeError, ValueError):
            pass

    def retranslate(self) -> None:
        self.name.setText(display_name(self.context, self.symbol))
        self.entry.setPlaceholderText(self.tr("Symbol"))
        self.min_label.setText(self.tr("Min size"))
        self.min_size.setSpecialValueText(self.tr("All"))
        self.min_size.setToolTip(self.tr("Show only trades of at least this size"))
        self.model.retranslate()
        if self.state != "tape":
            self.message.setText(self._message())
        self._show_banner()
        self._needs = True

    def shutdown(self) -> None:
        self._closed = True
        disconnect_all(((self.context.frame_tick, self._after_tick), (self.context.market_changed, self._on_market),
                        (self.context.instruments_loaded, self._on_master),
                        (self.context.settings_changed, self._on_settings)))
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
