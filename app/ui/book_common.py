"""Widgets the order book, time-and-sales (and chart, watchlist) panels share: the symbol entry and
its completion, panel actions, the one-pass table painting, live one-line labels, state lines.
Their own orders, one symbol's feed and the after-tick scheduler are in app/ui/book_feed.py."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QApplication, QCompleter, QLabel, QLineEdit, QWidget

from app.ui.actions import ActionSpec
from app.ui.panels.base import Panel

# ---- symbol entry --------------------------------------------------------------------------


def symbol_label(code: str, *names: str) -> str:
    """A completion row: 'CODE  name · other name', each name once and none that only repeats the
    code ('IBM  International Business Machines', not 'IBM  IBM  International …')."""
    seen, kept = {code.casefold()}, []
    for name in names:
        name = " ".join((name or "").split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return f"{code}  {' · '.join(kept)}" if kept else code



CODE_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class Suggestions(QStringListModel):
    """Suggestion rows ("CODE name · name") whose completion role is the code alone: the box
    holds the code while a row is highlighted and once it is picked (QCompleter writes a row's
    completion text into its line edit; QA: "AAPL 애플 · Apple Inc" stayed in the box)."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN001 - Qt's signature
        if role == CODE_ROLE:
            parts = (super().data(index, Qt.ItemDataRole.DisplayRole) or "").split()
            return parts[0] if parts else ""
        return super().data(index, role)


class FitPopup(QObject):
    """Keeps a completer's popup as wide as its rows, not just as wide as its entry (QCompleter
    gives the popup its entry's width, which cut long instrument names).

    Each time the completion rows change (before QCompleter places the popup) the popup's minimum
    width becomes the widest of the first `ROWS` rows (its font, the delegate's margins, its frame
    and scroll bar), capped by the window's width and by the screen's room right of the entry: the
    popup stays left-aligned with the entry and on screen, and never narrower than the entry."""

    ROWS = 200  # the rows measured: a few keys in, every match; bounded for a one-letter search

    def __init__(self, completer: QCompleter):
        super().__init__(completer)
        self.completer = completer
        model = completer.completionModel()
        # through a weak reference, not a slot of ours: when the entry is deleted its suggestion
        # model goes first and the completion model resets while this object is half gone (CI:
        # "Slot 'FitPopup::' not found" raised in the event loop)
        ref = weakref.ref(self)

        def fit(*_a: Any) -> None:
            me = ref()
            if me is not None and shiboken6.isValid(me) and shiboken6.isValid(me.completer):
                me.fit()

        for sig in (model.modelReset, model.layoutChanged, model.rowsInserted):
            sig.connect(fit)

    def needed(self) -> int:
        """The width the popup's rows ask for (0 without rows)."""
        popup, model = self.completer.popup(), self.completer.completionModel()
        rows = model.rowCount()
        if not rows:
            return 0
        popup.ensurePolished()
        fm = popup.fontMetrics()
        widest, row = max((fm.horizontalAdvance(str(model.index(r, 0).data() or "")), r)
                          for r in range(min(rows, self.ROWS)))
        item = max(popup.sizeHintForIndex(model.index(row, 0)).width(), widest)
        bar = popup.verticalScrollBar().sizeHint().width() if rows > self.completer.maxVisibleItems() else 0
        return item + bar + 2 * popup.frameWidth() + 4

    def fit(self, *_a: Any) -> None:
        widget, popup = self.completer.widget(), self.completer.popup()
        if widget is None:
            return
        cap = widget.window().width()
        screen = widget.screen()
        if screen is not None:
            cap = min(cap, screen.availableGeometry().right() + 1 - widget.mapToGlobal(QPoint(0, 0)).x())
        popup.setMinimumWidth(max(widget.width(), min(self.needed(), cap)))


CODE_SAMPLE = "MNQZ26"  # the longest code a trader types into a book's box (futures: root, month, year)
CLEAR_ROOM = 44  # px of a line edit that is not text: frame, text margins, the clear button


class SymbolEntry(QLineEdit):
    """A symbol box with completion over the instrument master (code or name, Korean or English).

    Enter (or picking a suggestion) emits `entered` with the upper-case code typed or picked; the
    panel decides whether it is known.
    """

    entered = Signal(str)

    def __init__(self, context: Any, parent: QWidget | None = None, compact: bool = False):
        super().__init__(parent)
        self.context = context
        self.compact = compact  # beside an instrument name (book, tape): as narrow as a code
        self.setObjectName("SymbolEntry")
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(180)
        # never narrower than a futures code with its clear button: a long instrument name beside
        # it shrank the box to "Z26" (QA, Korean, MNQZ26 in the default workspace)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(CODE_SAMPLE) + CLEAR_ROOM)
        self._model = Suggestions(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCompletionRole(CODE_ROLE)  # what the box takes from a row: its code
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        FitPopup(self._completer)
        self.textEdited.connect(self._suggest)
        self.returnPressed.connect(self._enter)
        self._completer.activated.connect(self._picked)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Compact: a code's width (and a digit), so the name beside it gets the rest first."""
        hint = super().sizeHint()
        if not self.compact:
            return hint
        return QSize(self.minimumWidth() + self.fontMetrics().horizontalAdvance("0"), hint.height())

    def _suggest(self, text: str) -> None:
        instruments = getattr(self.context, "instruments", None)
        hits = instruments.search(text, 12) if instruments is not None and text.strip() else []
        rows = []
        for h in hits:
            inst = instruments.get(h.code) if hasattr(instruments, "get") else None
            rows.append(symbol_label(h.code, inst.name, inst.name_en) if inst is not None else
                        symbol_label(h.code, h.name))
        self._model.setStringList(rows)

    def _picked(self, text: str) -> None:
        code = text.split()[0] if text.split() else ""
        self.setText(code)
        self._emit(code)

    def _enter(self) -> None:
        if self._completer.popup().isVisible():
            return  # the completer's own activation reports it
        self._emit(self.text())

    def _emit(self, text: str) -> None:
        code = text.strip().split()[0].upper() if text.strip() else ""
        instruments = getattr(self.context, "instruments", None)
        front = instruments.front(code) if code and hasattr(instruments, "front") else None
        if front is not None:  # a futures product typed ("ES"): its front month
            code = front.code
            self.setText(code)
        if code:
            self.entered.emit(code)

    def show_symbol(self, symbol: str) -> None:
        if not self.hasFocus() or not self.text():
            self.setText(symbol)


def display_name(context: Any, symbol: str) -> str:
    """The instrument's name in the interface language (Korean name in Korean, else English)."""
    instruments = getattr(context, "instruments", None)
    inst = instruments.get(symbol) if instruments is not None and symbol else None
    if inst is None:
        return ""
    return (inst.name or inst.name_en) if getattr(context, "lang", "en") == "ko" else (inst.name_en or inst.name)


def is_unknown(context: Any, symbol: str) -> bool:
    """True only once the master is loaded and does not list `symbol` (unknown while loading: no)."""
    instruments = getattr(context, "instruments", None)
    return bool(instruments is not None and instruments.loaded and instruments.get(symbol) is None)


# ---- panel actions -------------------------------------------------------------------------

_last_focused: dict[str, weakref.ref] = {}
_instances: dict[str, weakref.WeakSet] = {}
_focus_hooked = False


def _on_focus(_old: QWidget | None, new: QWidget | None) -> None:
    w = new
    while w is not None and not isinstance(w, Panel):
        w = w.parentWidget()
    if w is not None:
        _last_focused[w.kind] = weakref.ref(w)


def _alive(panel: Panel | None) -> bool:
    return panel is not None and shiboken6.isValid(panel) and not getattr(panel, "_closed", False)


def track(panel: Panel) -> None:
    """Remember `panel` so an action of its kind can find it (the focused one, else the last)."""
    global _focus_hooked
    _instances.setdefault(panel.kind, weakref.WeakSet()).add(panel)
    app = QApplication.instance()
    if not _focus_hooked and app is not None:
        app.focusChanged.connect(_on_focus)
        _focus_hooked = True


def target(kind: str, context: Any) -> Panel | None:
    """The panel of `kind` an action applies to: the one holding focus, else the last focused."""
    w = QApplication.focusWidget()
    while w is not None:
        if isinstance(w, Panel) and w.kind == kind and _alive(w):
            return w
        w = w.parentWidget()
    ref = _last_focused.get(kind)
    panel = ref() if ref is not None else None
    if _alive(panel) and panel.context is context:
        return panel
    for p in list(_instances.get(kind, ())):
        if _alive(p) and p.context is context:
            return p
    return None


def ensure_actions(panel: Panel, specs: list[tuple[str, str, str, tuple[str, ...], str]]) -> None:
    """Register the panel kind's actions once per context (id, English, Korean, keys, method name)
    and attach their QActions to `panel` so the keys work wherever the panel is docked."""
    reg = panel.context.actions
    kind, context = panel.kind, panel.context
    for action_id, en, ko, keys, method in specs:
        if action_id not in reg:
            def run(m: str = method) -> None:
                p = target(kind, context)
                if p is not None:
                    getattr(p, m)()
            reg.register(ActionSpec(action_id, en, ko, keys, "market", run))
        panel.addAction(reg.qaction(action_id))


# ---- one-pass table painting -------------------------------------------------------------


def paint_rows(view: Any, event: Any, delegate: Any, selected: Any, paint_row: Callable[..., None]) -> None:
    """Paint the rows of a QTableView's viewport that `event` exposes in one pass, the way the
    view would (alternate row colour under unselected odd rows, then every visible cell), but
    with one Python call per row instead of a style option, an index and calls back into Python
    for flags and counts per cell: the quote tables repaint hundreds of cells a second.

    `paint_row(painter, row, cols, y, height, highlight)` draws the cells of one row; `cols` are
    the visible (logical column, x, width) in visual order inside the exposed rect; `highlight`
    is the palette to highlight with, None for an unselected row. `selected` holds the selected
    rows; `delegate.text_color` is set from the palette when it is None."""
    clip = event.rect()
    head = view.horizontalHeader()
    cols = []
    for visual in range(head.count()):
        c = head.logicalIndex(visual)
        if head.isSectionHidden(c):
            continue
        x, w = head.sectionViewportPosition(c), head.sectionSize(c)
        if w > 0 and x <= clip.right() and x + w > clip.left():
            cols.append((c, x, w))
    top = view.rowAt(clip.top())
    if not cols or top < 0:
        return  # nothing exposed, or only the empty area below the last row
    bottom = view.rowAt(clip.bottom())
    bottom = view.model().rowCount() - 1 if bottom < 0 else bottom
    palette = view.palette()
    palette.setCurrentColorGroup(QPalette.ColorGroup.Active if view.isActiveWindow() else QPalette.ColorGroup.Inactive)
    if delegate.text_color is None:
        delegate.text_color = palette.text().color()
    alternate = palette.alternateBase() if view.alternatingRowColors() else None
    left, right = cols[0][1], cols[-1][1] + cols[-1][2]
    painter = QPainter(view.viewport())
    for r in range(top, bottom + 1):
        y, h = view.rowViewportPosition(r), view.rowHeight(r)
        highlight = palette if r in selected else None
        if alternate is not None and r & 1 and highlight is None:
            painter.fillRect(QRect(left, y, right - left, h), alternate)
        paint_row(painter, r, cols, y, h, highlight)
    painter.end()


# ---- live one-line labels ------------------------------------------------------------------


class LiveLabel(QLabel):
    """A one-line label for a value that changes on the frame tick (last price, totals, counts).

    QLabel.setText asks the whole window for a new layout on every text (its size hint may have
    changed): ~0.6-0.8 ms of layout for each book or tape update under a busy feed. This label
    draws its text itself and asks for a layout only when a text needs more width than any it has
    shown (or the font changed); otherwise a new text is only a repaint. Styled like a QLabel
    (style sheet colour, `dim` property, font, alignment)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._text = ""
        self._need = 0  # the widest text's width so far

    def text(self) -> str:  # noqa: D102 - QLabel's
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        if text == self._text:
            return
        self._text = text
        need = self.fontMetrics().horizontalAdvance(text)
        if need > self._need:
            self._need = need
            self.updateGeometry()
        self.update()

    def clear(self) -> None:
        """Empty, and let the label narrow again (a new symbol: one layout)."""
        self._text, self._need = "", 0
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        m = self.contentsMargins()
        return QSize(self._need + m.left() + m.right() + 2, self.fontMetrics().height() + m.top() + m.bottom())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._need = self.fontMetrics().horizontalAdvance(self._text)
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 - Qt's name
        if not self._text:
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), int(self.alignment().value), self._text)
        painter.end()


class NameLabel(QLabel):
    """An instrument's name beside a symbol box: as wide as the name when there is room, narrower
    (elided in the middle, the contract month at the end kept, whole in the tooltip) when not, so
    a long English futures name never squeezes the symbol box or widens the panel."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._tip = ""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, super().minimumSizeHint().height())

    def setToolTip(self, tip: str) -> None:  # noqa: N802 - Qt's name
        self._tip = tip
        super().setToolTip(tip or self.text())

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        super().setToolTip(self._tip or text)

    def shown(self) -> str:
        """The text as painted at the label's width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, self.contentsRect().width())

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), int(self.alignment().value), self.shown())
        painter.end()


# ---- message and banner lines --------------------------------------------------------------


def message_label(parent: QWidget) -> QLabel:
    """The centred one-line state message (empty, loading, unknown symbol, not logged in)."""
    label = QLabel(parent)
    label.setObjectName("PanelMessage")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setProperty("dim", True)
    label.setContentsMargins(12, 12, 12, 12)
    return label


def banner_label(parent: QWidget) -> QLabel:
    """The disconnected banner shown above greyed values."""
    label = QLabel(parent)
    label.setObjectName("DisconnectedBanner")
    label.setContentsMargins(8, 3, 8, 3)
    label.setStyleSheet("QLabel#DisconnectedBanner { background: rgba(245, 165, 36, 0.22); }")
    label.hide()
    return label


def price_decimal(price: float, decimals: int) -> Decimal:
    """A float price from the feed as the Decimal on the instrument's grid (for the ticket)."""
    return Decimal(f"{price:.{decimals}f}")
