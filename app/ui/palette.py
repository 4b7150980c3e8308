"""The command palette (Ctrl+K): type to find any action, symbol or workspace, Enter to run it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (QApplication, QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QStyle, QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget)

from app.ui.context import AppContext

KIND_ROLE = Qt.ItemDataRole.UserRole
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1


class PaletteRow(QStyledItemDelegate):
    """One line per row: the title on the left, its keys (or what it is) dimmed on the right, as
    command palettes show them. Two lines a row let only six commands show at once."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        title, _, detail = str(index.data() or "").partition("\n")
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = opt.rect.adjusted(8, 0, -8, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        enabled = bool(opt.state & QStyle.StateFlag.State_Enabled)
        group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
        main = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        painter.save()
        painter.setFont(opt.font)
        detail = detail.strip()
        fm = painter.fontMetrics()  # the font drawn with (the list's style sheet may set it)
        right = min(fm.horizontalAdvance(detail) + 2, rect.width() // 2) if detail else 0
        painter.setPen(main)
        painter.drawText(rect.adjusted(0, 0, -(right + 12), 0), Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(title, Qt.TextElideMode.ElideRight, rect.width() - right - 12))
        if detail:
            dim = QColor(main)
            dim.setAlphaF(0.8 if selected else 0.55)
            painter.setPen(dim)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             fm.elidedText(detail, Qt.TextElideMode.ElideLeft, right))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(0, option.fontMetrics.height() + 10)  # as wide as the list (no sideways scrolling)


class CommandPalette(QFrame):
    symbol_chosen = Signal(str)
    workspace_chosen = Signal(str)

    def __init__(self, context: AppContext, window: Any, store: Any = None,
                 parent: QWidget | None = None):
        """`store`: anything with `names()` listing the workspaces (the workspace controller)."""
        super().__init__(parent or window)
        self.setObjectName("Palette")
        self.context, self.window, self.store = context, window, store
        self.setWindowFlags(Qt.WindowType.Widget)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("PaletteInput")
        self.list = QListWidget(self)
        self.list.setObjectName("PaletteList")
        self.list.setItemDelegate(PaletteRow(self.list))
        self.list.setUniformItemSizes(True)
        self.hint = QLabel(self)
        self.hint.setProperty("dim", True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.edit)
        lay.addWidget(self.list)
        lay.addWidget(self.hint)
        self.edit.textChanged.connect(self.refresh)
        self.edit.returnPressed.connect(self.run_current)
        self.list.itemActivated.connect(self.run_item)
        self.edit.installEventFilter(self)
        self.hide()

    def popup(self) -> None:
        self.edit.setPlaceholderText(self.tr("Type a command, a symbol (AAPL) or a workspace…"))
        self.hint.setText(self.tr("↑↓ to choose · Enter to run · Esc to close"))
        width = min(640, max(420, self.window.width() // 2))
        self.setGeometry((self.window.width() - width) // 2, 60, width, 380)
        self.edit.clear()
        self.refresh("")
        self.show()
        self.raise_()
        self.edit.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(obj, event)

    def refresh(self, text: str) -> None:
        self.list.clear()
        lang = self.context.lang
        reg = self.context.actions
        text = text.strip()
        for sym in self.context.symbols.search(text, 8) if text else []:
            # (tr() outside the f-string: lupdate does not see calls inside one)
            self._add("symbol", sym.code, f"{sym.code}   {sym.name}", self.tr("Symbol") + f" · {sym.exchange}")
        # Titles in the interface language only (search still matches both); commands that
        # cannot run now come last, greyed and marked, and cannot be chosen.
        specs = reg.search(text)
        specs = [s for s in specs if reg.enabled(s.id)] + [s for s in specs if not reg.enabled(s.id)]
        for spec in specs[:30]:
            keys = ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                             for k in reg.keys(spec.id))
            if reg.enabled(spec.id):
                self._add("action", spec.id, spec.title(lang), keys or self.tr("Command"))
            else:
                item = self._add("action", spec.id, spec.title(lang), self.tr("Not available now"))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setForeground(self.palette().color(QPalette.ColorGroup.Disabled,
                                                        QPalette.ColorRole.Text))
        if self.store is not None and text:
            label = getattr(self.store, "label", lambda n: n)  # "Default" reads 기본 in Korean
            for name in self.store.names():
                if text.casefold() in name.casefold() or text.casefold() in label(name).casefold():
                    self._add("workspace", name, label(name), self.tr("Workspace"))
        for row in range(self.list.count()):
            if self.list.item(row).flags() & Qt.ItemFlag.ItemIsEnabled:
                self.list.setCurrentRow(row)
                break

    def _add(self, kind: str, value: str, title: str, detail: str) -> QListWidgetItem:
        item = QListWidgetItem(f"{title}\n    {detail}")
        item.setData(KIND_ROLE, kind)
        item.setData(VALUE_ROLE, value)
        self.list.addItem(item)
        return item

    def results(self) -> list[tuple[str, str]]:
        return [(self.list.item(i).data(KIND_ROLE), self.list.item(i).data(VALUE_ROLE))
                for i in range(self.list.count())]

    def run_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.run_item(item)

    def run_item(self, item: QListWidgetItem) -> None:
        if not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        kind, value = item.data(KIND_ROLE), item.data(VALUE_ROLE)
        self.hide()
        if kind == "action":
            self.context.actions.trigger(value)
        elif kind == "symbol":
            self.choose_symbol(value)
        elif kind == "workspace":
            self.workspace_chosen.emit(value)

    def choose_symbol(self, code: str) -> None:
        """Send the symbol to the active panel's link group (or the active panel alone)."""
        target = getattr(self.window, "active_panel", None)
        if target is not None and target.link_group:
            self.context.links.publish(target.link_group, code)
        elif target is not None and target.uses_symbol:
            target.set_symbol(code)
        else:
            linked = [p for p in self.context.links.panels() if p.link_group and p.uses_symbol]
            if linked:
                self.context.links.publish(linked[0].link_group, code)
        self.symbol_chosen.emit(code)
