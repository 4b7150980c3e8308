"""The watchlist table model: one row per symbol over the hub's latest quotes, repainted on the frame clock.

On each tick of `context.frame_tick` the model takes the symbols its watcher marked dirty, maps
them to rows with a dict, skips a quote whose `version` it already showed, reformats that row's
cells once (cached strings and colours; `data()` is list lookups) and emits one `dataChanged` per
run of consecutive changed rows, spanning only the columns that changed. Tick flashes fade in a
few steps on the same clock (no timer per cell). Rows are keyed by symbol and never reset on a
live update; sorting happens at most once a second, on the tick, keeping the selection.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal)

from app.trading.quotes import Quote
from app.trading.session import Mode
from app.trading.trading_hours import hours_of, is_open
from app.ui.watchlist_columns import COLUMNS, FLASHING, STATE
from app.ui.watchlist_edit import EMPTY, RowEditing
from app.ui.watchlist_rows import FLASH_LEVELS, Row, RowStyle, describe

FLASH_STEP = 0.1  # seconds per fade step; 3 steps ≈ 300 ms
SLOW_EVERY = 0.5  # seconds between staleness / link checks
HOURS_EVERY = 20.0  # seconds between market-hours checks
NCOL = len(COLUMNS)
R_DISPLAY, R_FG, R_BG = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ForegroundRole), \
    int(Qt.ItemDataRole.BackgroundRole)
R_ALIGN, R_TIP = int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.ToolTipRole)
R_SYMBOL = int(Qt.ItemDataRole.UserRole)
ALIGNS = [c.align for c in COLUMNS]
FORMATTERS = [(i, None if i == STATE else c.text) for i, c in enumerate(COLUMNS)]
FLASH_VALUES = [(i, COLUMNS[i].value) for i in FLASHING]
ALL = frozenset(range(NCOL))  # marks a row to repaint whole
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
ROOT_FLAGS = Qt.ItemFlag.ItemIsDropEnabled


class WatchlistModel(RowEditing, QAbstractTableModel):
    move_requested = Signal(int, int)  # a drag asked to move row src to row dst
    link_changed = Signal(str)  # "connected" or the state of a feed that is not
    decimals_widened = Signal()  # a row's prices carry more digits than any row's before (6J: 7)

    def __init__(self, context: Any, parent: Any = None):
        super().__init__(parent)
        self.context = context
        prefs = context.prefs
        self.style = RowStyle(getattr(prefs, "color_convention", "korean"))
        self._flash_on = bool(getattr(prefs, "flash_ticks", True))
        self.lang = context.lang
        self.rows: list[Row] = []
        self.index_of: dict[str, int] = {}
        self.hub: Any = None
        self.watcher: Any = None
        self.sort_col: int | None = None
        self.sort_desc = False
        self.wallclock: Callable[[], datetime] = lambda: datetime.now().astimezone()
        self.clock: Callable[[], float] = time.monotonic
        self._flashing: set[str] = set()
        self._next_slow = self._next_hours = self._next_sort = 0.0
        self._sort_dirty = False
        self.link = "connected"
        self.refreshes = 0  # rows reformatted (benchmarks)
        self.widest_dec = 0  # the most digits a row's prices carry (the view fits its columns to it)
        # (first, last) rows on screen, set by the view's owner: rows off screen are formatted
        # only when they scroll into view or are read, so 200 rows cost what 40 visible ones do
        self.visible_rows: Callable[[], tuple[int, int]] | None = None
        context.frame_tick.connect(self.on_tick)
        context.market_changed.connect(self.set_hub)
        context.settings_changed.connect(self.restyle)
        context.instruments_loaded.connect(self._master_loaded)
        self.set_hub(context.market)

    # ---- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else NCOL

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = R_DISPLAY) -> Any:
        if role == R_DISPLAY:
            row = self.rows[index.row()]
            if row.pending:
                self._fill(row, self.clock(), flash=False)
            return row.texts[index.column()]
        if role == R_FG:
            return self.rows[index.row()].fg[index.column()]
        if role == R_BG:
            return self.rows[index.row()].bg[index.column()]
        if role == R_ALIGN:
            return ALIGNS[index.column()]
        if role == R_TIP:
            return self.rows[index.row()].tip or None
        if role == R_SYMBOL:
            return self.rows[index.row()].symbol
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = R_DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < NCOL:
            return None
        col = COLUMNS[section]
        if role == R_DISPLAY:
            return col.title(self.lang)
        if role == R_TIP:
            return f"{col.title_ko} / {col.title_en}"
        if role == R_ALIGN:
            return col.align
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else ROOT_FLAGS  # constants: the view asks per cell per paint

    def row_for_paint(self, i: int) -> Row:
        """The cached row, formatted first if it changed while off screen (the view's delegate)."""
        row = self.rows[i]
        if row.pending:
            self._fill(row, self.clock(), flash=False)
        return row

    def _instrument(self, symbol: str) -> Any:
        master = getattr(self.context, "instruments", None)
        return master.get(symbol) if master is not None else None

    def _new_row(self, symbol: str) -> Row:
        row = Row(symbol, self._instrument(symbol))
        if self.watcher is not None:
            self.watcher.watch(symbol)
        self._fill(row, self.clock(), flash=False)
        return row


    # ---- the hub -----------------------------------------------------------------------------
    def set_hub(self, hub: Any) -> None:
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
        if self.hub is not None and self._on_link in self.hub.state_listeners:
            self.hub.state_listeners.remove(self._on_link)
        self.hub = hub
        if hub is not None:
            self.watcher = hub.watcher("watchlist")
            hub.state_listeners.append(self._on_link)
            for r in self.rows:
                r.inst = self._instrument(r.symbol)
                r.hours = hours_of(r.inst)
                r.version = -1
                self.watcher.watch(r.symbol)
        self._next_slow = 0.0

    def _on_link(self, _product: str, _state: str) -> None:
        self._next_slow = 0.0  # re-check link states on the next tick (the hub never calls Qt)

    def _master_loaded(self, _count: int) -> None:
        for r in self.rows:
            r.inst = self._instrument(r.symbol)
            r.hours = hours_of(r.inst)
            r.version = -1
            if self.watcher is not None and r.symbol not in self.watcher.symbols:
                self.watcher.watch(r.symbol)
        self._next_slow = self._next_hours = 0.0
        self.refresh_all()

    # ---- the frame clock ---------------------------------------------------------------------
    def on_tick(self) -> None:
        now = self.clock()
        self._flash_on = bool(getattr(self.context.prefs, "flash_ticks", True))
        spans: dict[int, Any] = {}  # row -> set of changed columns, or ALL
        rows = self.rows
        top, bottom = self.visible_rows() if self.visible_rows is not None else (0, len(rows) - 1)
        for i in range(max(0, top), min(bottom, len(rows) - 1) + 1):  # scrolled into view
            row = rows[i]
            if row.pending:
                self._fill(row, now, flash=False)
                spans[i] = ALL
        if self.watcher is not None and self.watcher.dirty:
            hub, index_of = self.hub, self.index_of
            for sym in self.watcher.take():
                i = index_of.get(sym)
                if i is None:
                    continue
                row = rows[i]
                if not top <= i <= bottom:  # off screen: formatted (and decoded) when shown or read
                    row.pending = True
                    if self.sort_col is not None:
                        self._sort_dirty = True
                    continue
                q = hub.quote(sym)
                if q is None or q.version == row.version:
                    continue
                span = self._fill(row, now, q=q)
                if span is not None:
                    spans[i] = span
                    if self.sort_col is not None:
                        self._sort_dirty = True
        if self._flashing:
            self._fade(now, spans)
        if now >= self._next_slow:
            self._slow_checks(now, spans)
        if spans:
            self._emit(spans)
        if self._sort_dirty and self.sort_col is not None and now >= self._next_sort:
            self.resort()

    def _fill(self, row: Row, now: float, q: Quote | None = None, flash: bool = True) -> set[int] | None:
        """Reformat one row from its quote; the columns whose text, colour or flash changed."""
        if q is None:
            q = (self.hub.quote(row.symbol) if self.hub is not None else None) or EMPTY
        self.refreshes += 1
        row.pending = False
        row.version = q.version
        inst, lang = row.inst, self.lang
        key = (inst is not None, q.last is not None and q.last < 1)
        if key != row.dec_key:
            row.dec_key = key
            row.dec = inst.price_decimals(q.last) if inst is not None else 2
            if row.dec > self.widest_dec:
                self.widest_dec = row.dec
                self.decimals_widened.emit()
        dec = row.dec
        texts, fg, values = row.texts, row.fg, row.values
        changed: set[int] = set()
        new_fg = self.style.row_colors(row, q)
        for c, fmt in FORMATTERS:
            text = fmt(q, inst, dec, lang) if fmt is not None else texts[c]
            f = new_fg[c]
            if text != texts[c] or f is not fg[c]:  # colours are shared objects: identity is enough
                texts[c], fg[c] = text, f
                changed.add(c)
        for c, value in FLASH_VALUES:
            v = value(q)
            old = values[c]
            values[c] = v
            if flash and v is not None and old is not None and v != old and self._flash_on:
                direction = 1 if v > old else -1
                row.flash[c] = (now, direction, 0)
                row.bg[c] = self.style.flash[direction][0]
                self._flashing.add(row.symbol)
                changed.add(c)
        return changed or None

    @property
    def colors(self) -> Any:
        return self.style.colors

    def _describe(self, row: Row) -> None:
        describe(row, self.context.prefs, bool(getattr(self.context.instruments, "loaded", False)), self.lang)

    def _fade(self, now: float, spans: dict[int, Any]) -> None:
        done = []
        for sym in self._flashing:
            i = self.index_of.get(sym)
            if i is None:
                done.append(sym)
                continue
            row = self.rows[i]
            for c, (start, direction, level) in list(row.flash.items()):
                step = int((now - start) / FLASH_STEP)
                if step == level:
                    continue
                if step >= len(FLASH_LEVELS):
                    del row.flash[c]
                    row.bg[c] = None
                else:
                    row.flash[c] = (start, direction, step)
                    row.bg[c] = self.style.flash[direction][step]
                cols = spans.get(i)
                if cols is None:
                    spans[i] = {c}
                elif cols is not ALL:
                    cols.add(c)
            if not row.flash:
                done.append(sym)
        self._flashing.difference_update(done)

    def _feed_decides(self) -> bool:
        """Whether prints outside the calendar's session mean the market is open: only at the demo's
        embedded exchange, which trades around the clock unless started with --sessions (and then
        falls silent when closed). LS (live and paper) keeps the real hours: there the calendar
        says "Closed", whatever prints (a late report, an extended-hours trade)."""
        session = getattr(self.context, "session", None)
        return getattr(session, "mode", None) is Mode.DEMO

    def _slow_checks(self, now: float, spans: dict[int, Any]) -> None:
        """Staleness, market hours and link state: a row whose state changed is repainted whole."""
        self._next_slow = now + SLOW_EVERY
        hub = self.hub
        stale_s = float(getattr(self.context.prefs, "stale_seconds", 10) or 10)
        hours_due = now >= self._next_hours
        if hours_due:
            self._next_hours = now + HOURS_EVERY
            wall = self.wallclock()
        feed_decides = self._feed_decides()
        worst = "connected"
        links: dict[Any, str] = {}  # the feed's state is one per market: asked once per check, not per row
        for i, row in enumerate(self.rows):
            updated = hub.updated(row.symbol) if hub is not None else None  # decodes nothing
            stale = updated is not None and updated > 0 and now - updated > stale_s
            market = getattr(row.inst, "market", None)
            link = links.get(market)
            if link is None:
                link = links[market] = hub.link_state(row.symbol) if hub is not None else "closed"
            if link != "connected":
                worst = link
            off_hours = (is_open(row.hours, wall) is False) if hours_due else row.off_hours
            # outside the session by the calendar; at the demo exchange, closed only once it is quiet too
            printing = updated is not None and updated > 0 and not stale
            closed = off_hours and not (feed_decides and printing)
            if (stale, link, closed, off_hours) != (row.stale, row.link, row.closed, row.off_hours) \
                    or row.texts[STATE] == "" and row.tip == "":
                row.stale, row.link, row.closed, row.off_hours = stale, link, closed, off_hours
                self._describe(row)
                row.version = -1
                self._fill(row, now, flash=False)
                spans[i] = ALL
        if worst != self.link and (hub is not None or self.rows):
            self.link = worst
            self.link_changed.emit(worst)

    def _emit(self, spans: dict[int, Any]) -> None:
        """One dataChanged per changed row, from its first to its last changed column (the view
        repaints that part of the row, moved columns included; unchanged cells between are
        repainted too, cheaply). A signal per changed cell cost ~1.3 ms a tick on average and up
        to ~4 ms under a busy feed: each went through the view and grew its dirty region."""
        index, emit = self.index, self.dataChanged.emit
        for r, cols in spans.items():
            if cols is ALL:
                emit(index(r, 0), index(r, NCOL - 1))
            else:
                emit(index(r, min(cols)), index(r, max(cols)))

    # ---- settings ----------------------------------------------------------------------------
    def restyle(self) -> None:
        """Colour convention, theme or language changed: reformat every row."""
        self.style.refresh(getattr(self.context.prefs, "color_convention", "korean"))
        self.refresh_all()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for r in self.rows:
            self._describe(r)
        self.refresh_all()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, NCOL - 1)

    def refresh_all(self) -> None:
        now = self.clock()
        for r in self.rows:
            r.version = -1
            self._fill(r, now, flash=False)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, NCOL - 1))

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
        if self.hub is not None and self._on_link in self.hub.state_listeners:
            self.hub.state_listeners.remove(self._on_link)
        for sig, slot in ((self.context.frame_tick, self.on_tick), (self.context.market_changed, self.set_hub),
                          (self.context.settings_changed, self.restyle),
                          (self.context.instruments_loaded, self._master_loaded)):
            try:
                sig.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
