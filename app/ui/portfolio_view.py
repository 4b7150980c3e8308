"""What the positions and balances panels share: a keyed table bound to `context.portfolio`, live on the frame clock.

The panel follows the context's portfolio (a new login brings a new one), re-reads it at most once
per frame after the service says something changed, and repaints the live columns of the rows whose
symbols the hub marked dirty. It shows one line when there is nothing to show, the service's error
in the interface language with LS's own reason as sent, and greys live values while the realtime
link is down. Which columns are hidden is kept in the workspace.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMenu, QStyle, QTableView, QVBoxLayout, QWidget

from app.ui import portfolio_columns
from app.ui.panels.base import Panel
from app.ui.portfolio_table import Column, KeyedTableModel


WORD_GAP = 10  # px between a word column's longest text and the next column


class PortfolioPanel(Panel):
    """Subclasses set `columns`, `default_hidden`, `tr_context` and implement `rows()` and `empty_text()`."""

    columns: tuple[Column, ...] = ()
    default_hidden: tuple[str, ...] = ()
    tr_context = "Positions"

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        convention = getattr(context.prefs, "color_convention", "korean") if context.prefs else "korean"
        self.model = KeyedTableModel(self.columns, self.row_key, self.tr_context, convention, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long name keeps its end (the contract month)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        head = self.view.horizontalHeader()
        head.setStretchLastSection(False)
        head.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        head.customContextMenuRequested.connect(self._column_menu)
        self.message = QLabel(self)
        self.message.setObjectName("PortfolioMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(12)
        self.banner = QLabel(self)
        self.banner.setObjectName("PortfolioBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.banner)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.message, 1)
        self.hidden: set[str] = set(self.default_hidden)
        self._apply_hidden()
        self.portfolio: Any = None
        self._unlisten: Any = None
        self._watcher: Any = None
        self._dirty = True
        self._last_version = -1
        self._fitted: tuple = ()  # the texts the columns were fitted to (see `_texts`)
        context.portfolio_changed.connect(self._bind)
        context.market_changed.connect(self._rewatch)
        context.frame_tick.connect(self.on_frame)
        context.state_changed.connect(self._on_state)
        context.settings_changed.connect(self._on_settings)
        context.language_changed.connect(lambda _l: self.retranslate())
        self._bind(getattr(context, "portfolio", None))
        self._rewatch(context.market)
        self.retranslate()

    def sizeHint(self) -> QSize:
        return QSize(760, 240)

    # ---- what subclasses say ---------------------------------------------------------------
    @staticmethod
    def row_key(obj: Any) -> str:
        raise NotImplementedError

    def rows(self) -> list[Any]:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def watched(self) -> set[str]:
        """Symbols whose price moves this panel's live columns."""
        return set(self.portfolio.symbols()) if self.portfolio is not None else set()

    def touched(self, dirty: set[str]) -> None:
        """Repaint after these symbols' prices moved (positions: their rows)."""
        self.model.touch(dirty)

    # ---- binding ---------------------------------------------------------------------------
    def _bind(self, portfolio: Any) -> None:
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None
        self.portfolio = portfolio
        portfolio_columns.set_instruments(self.context.instruments, self.context.lang)
        if portfolio is not None:
            self._unlisten = portfolio.add_listener(self._on_change)
        self._dirty = True
        self.on_frame()

    def _rewatch(self, hub: Any) -> None:
        if self._watcher is not None:
            self._watcher.close()
        self._watcher = hub.watcher(f"{self.kind}") if hub is not None else None
        self._dirty = True

    def _on_change(self) -> None:
        self._dirty = True  # coalesced: the table is re-read on the next frame

    def on_frame(self) -> None:
        """The shared repaint clock: re-read the portfolio if it changed, repaint moved prices."""
        if self._dirty:
            self._dirty = False
            self.model.sync(self.rows())
            texts = self._texts()
            if texts != self._fitted:  # rows or their names changed: not on every tick or fill
                self._fitted = texts
                if self.model.rowCount():
                    self.fit_columns()
            self._grow_live()
            self._sync_watch()
            self._show_state()
        if self._watcher is not None:
            dirty = self._watcher.take()
            if dirty:
                self.touched(dirty)
                rows = [r for r in map(self.model.row_of, dirty) if r >= 0]
                self._grow_live(rows or None)  # balances: keyed by account, a handful of rows

    def _sync_watch(self) -> None:
        if self._watcher is None or self._watcher.closed:
            return
        want = self.watched()
        for sym in set(self._watcher.symbols) - want:
            self._watcher.unwatch(sym)
        for sym in want - set(self._watcher.symbols):
            self._watcher.watch(sym)

    def _show_state(self) -> None:
        pf = self.portfolio
        state = getattr(self.context, "state", None)
        if pf is None and state is not None and getattr(state, "logged_in", False):
            text = QCoreApplication.translate("PortfolioPanel", "Loading the account…")
        elif pf is None:
            text = QCoreApplication.translate("PortfolioPanel", "Log in to see your account.")
        elif pf.error and not pf.loaded:
            text = QCoreApplication.translate("PortfolioPanel", "The account could not be loaded: %1").replace("%1", pf.error)
        elif not pf.loaded or (self.model.rowCount() == 0 and self._waiting(pf)):
            # (the futures account answers first: "no positions" then would be a false alarm)
            text = QCoreApplication.translate("PortfolioPanel", "Loading the account…")
        elif self.model.rowCount() == 0:
            text = self.empty_text()
        else:
            text = ""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.view.setVisible(not text)
        problems = []
        if pf is not None and pf.error and pf.loaded:
            problems.append(QCoreApplication.translate("PortfolioPanel", "Not up to date: %1 (retrying)").replace("%1", pf.error))
        if self.model.stale:
            problems.append(QCoreApplication.translate("PortfolioPanel", "Realtime disconnected: prices and fills may be late; reconnecting…"))
        self.banner.setText("\n".join(problems))
        self.banner.setVisible(bool(problems))

    @staticmethod
    def _waiting(pf: Any) -> bool:
        """Some account has neither answered its first query nor failed (a failure is said in the banner)."""
        return any(a not in pf.loaded and not pf.errors.get(a) for a in getattr(pf, "accounts", ()))

    def _on_state(self, state: Any) -> None:
        link = str(getattr(getattr(state, "realtime", None), "value", "up"))
        stale = bool(state is not None and getattr(state, "logged_in", False)
                     and link in ("reconnecting", "down"))
        if stale != self.model.stale:
            self.model.stale = stale
            self.model.repaint_all()
        self._show_state()

    def _on_settings(self) -> None:
        prefs = self.context.prefs
        self.model.set_convention(getattr(prefs, "color_convention", "korean") if prefs else "korean")

    # ---- columns ---------------------------------------------------------------------------
    def _texts(self) -> tuple:
        """What the word columns (symbol, name, side …) show: the fit follows these. A position's
        row comes with the master's name at its first fill and gets the account's, often longer,
        when the account answers (QA: a futures name stayed cut at the first one's width)."""
        words = [c for c in self.columns if not c.number]
        return tuple(c.text(obj) for obj in self.model.items() for c in words)

    def fit_columns(self) -> None:
        """Contents plus room for a price to grow a digit or two (no jitter as prices move); a word
        column holds every text it `fits` (in regular and in bold, the totals' font) and a gap
        before the next column (QA: "해외선물옵션" ran into "USD"); a name column no wider than its
        `widest` sample (longer names elide, whole in the tooltip)."""
        view = self.view
        view.resizeColumnsToContents()
        head = view.horizontalHeader()
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 2
        metrics = (view.fontMetrics(), QFontMetrics(self.model.bold_font))
        for i, col in enumerate(self.columns):
            if col.number:
                view.setColumnWidth(i, view.columnWidth(i) + 16)
                continue
            width = view.columnWidth(i)
            for text in col.fits:
                shown = QCoreApplication.translate(self.tr_context, text)
                width = max(width, max(fm.horizontalAdvance(shown) for fm in metrics) + margin)
            if col.widest:
                width = min(width, max(view.fontMetrics().horizontalAdvance(col.widest) + margin, head.sectionSizeHint(i)))
            view.setColumnWidth(i, width + WORD_GAP)

    def _grow_live(self, rows: list[int] | None = None) -> None:
        """Widen a live number column whose text in ``rows`` (None: all) outgrew it since the fit
        (QA: a Nikkei P&L fitted at "0.00" showed "+5,….00" once it reached thousands of yen);
        never narrows."""
        view = self.view
        rows = range(self.model.rowCount()) if rows is None else rows
        metrics = (QFontMetrics(self.model.font), QFontMetrics(self.model.bold_font))
        for i, col in enumerate(self.columns):
            if not (col.number and col.live) or view.isColumnHidden(i):
                continue
            texts = [self.model.data(self.model.index(r, i)) for r in rows]
            need = max((fm.horizontalAdvance(t) for t in texts if t for fm in metrics), default=0) + 2 * WORD_GAP
            if need > view.columnWidth(i):
                view.setColumnWidth(i, need + 16)

    def _apply_hidden(self) -> None:
        for i, col in enumerate(self.columns):
            self.view.setColumnHidden(i, col.id in self.hidden)

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for col in self.columns:
            act = menu.addAction(self.model.headerData(self.columns.index(col), Qt.Orientation.Horizontal))
            act.setCheckable(True)
            act.setChecked(col.id not in self.hidden)
            act.toggled.connect(lambda on, c=col.id: self.show_column(c, on))
        menu.popup(self.view.horizontalHeader().mapToGlobal(pos))

    def show_column(self, column_id: str, shown: bool) -> None:
        (self.hidden.discard if shown else self.hidden.add)(column_id)
        self._apply_hidden()

    def settings(self) -> dict[str, Any]:
        return {"hidden": sorted(self.hidden)}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        hidden = settings.get("hidden")
        if isinstance(hidden, list):
            known = {c.id for c in self.columns}
            self.hidden = {str(h) for h in hidden if str(h) in known}
            self._apply_hidden()

    def retranslate(self) -> None:
        portfolio_columns.set_instruments(self.context.instruments, self.context.lang)
        self.model.retranslate()
        self.model.repaint_all()
        if self.model.rowCount():
            self.fit_columns()  # titles and names change width with the language
        self._show_state()

    def shutdown(self) -> None:
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        for signal, slot in ((self.context.portfolio_changed, self._bind),
                             (self.context.market_changed, self._rewatch),
                             (self.context.frame_tick, self.on_frame),
                             (self.context.state_changed, self._on_state),
                             (self.context.settings_changed, self._on_settings)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
