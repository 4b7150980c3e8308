"""The hotkey settings page: every action from the registry, rebinding, and conflicts shown in red.

A key already bound to another command is not shared (Qt fires neither of two actions with the
same key: both would go dead): Assign first says which command has it, and a second Assign with
the same key moves it here, taking it from the other command."""

from __future__ import annotations

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt)
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QKeySequenceEdit, QLabel, QLineEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from app.ui import dialogs
from app.ui.actions import ActionRegistry

CONFLICT = "#e5484d"


class HotkeyModel(QAbstractTableModel):
    """Rows are actions; columns: title, keys, id. Conflicting keys are coloured."""

    HEADERS = (QT_TRANSLATE_NOOP("HotkeyModel", "Command"), QT_TRANSLATE_NOOP("HotkeyModel", "Keys"),
               QT_TRANSLATE_NOOP("HotkeyModel", "Id"))

    def __init__(self, registry: ActionRegistry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.ids = [s.id for s in registry.specs()]
        registry.changed.connect(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        self.ids = [s.id for s in self.registry.specs()]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        action_id = self.ids[index.row()]
        spec = self.registry.spec(action_id)
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == 0:
                return spec.title(self.registry.lang)
            if col == 1:
                return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                                 for k in self.registry.keys(action_id))
            return action_id
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and self.registry.conflicts_of(action_id):
            return QColor(CONFLICT)
        if role == Qt.ItemDataRole.ToolTipRole:
            clash = self.registry.conflicts_of(action_id)
            if clash:
                return self.tr("Same keys as: {0}").format(", ".join(
                    self.registry.spec(i).title(self.registry.lang) for i in clash))
            return f"{spec.title_ko} / {spec.title_en}"
        if role == Qt.ItemDataRole.UserRole:
            return action_id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < 3:
            return QCoreApplication.translate("HotkeyModel", self.HEADERS[section])
        return None


class HotkeyDialog(QDialog):
    def __init__(self, registry: ActionRegistry, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("HotkeyDialog")
        self.registry = registry
        self.resize(720, 520)
        self.model = HotkeyModel(registry, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setTabKeyNavigation(False)  # Tab goes on to the key field (not cell to cell)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(1, 160)
        self.view.setColumnWidth(2, 180)
        self.keys = QKeySequenceEdit(self)
        # One key combination per binding: with Qt's default of four the field shows "F6, ..."
        # and waits for more chords before Assign can use it.
        self.keys.setMaximumSequenceLength(1)
        self.keys.setClearButtonEnabled(True)
        self.keys.editingFinished.connect(self.assign_btn_focus)
        self.assign_btn, self.clear_btn = QPushButton(self), QPushButton(self)
        self.reset_btn, self.reset_all_btn = QPushButton(self), QPushButton(self)
        self.conflicts = QLabel(self)
        self.conflicts.setObjectName("HotkeyConflicts")
        self.conflicts.setWordWrap(True)
        self.conflicts.setStyleSheet(f"color: {CONFLICT};")
        self._taking: tuple[str, str] | None = None  # (action id, key) the user was warned about
        edit_row = QHBoxLayout()
        for w in (self.keys, self.assign_btn, self.clear_btn, self.reset_btn, self.reset_all_btn):
            edit_row.addWidget(w)
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter)
        lay.addWidget(self.view, 1)
        lay.addLayout(edit_row)
        lay.addWidget(self.conflicts)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        lay.addWidget(self.buttons)
        self.filter.textChanged.connect(self._filter)
        self.view.selectionModel().currentRowChanged.connect(self._selected)
        self.assign_btn.clicked.connect(self.assign)
        self.clear_btn.clicked.connect(lambda: self._set([]))
        self.reset_btn.clicked.connect(self._reset_one)
        self.reset_all_btn.clicked.connect(self._ask_reset_all)
        registry.changed.connect(self.show_conflicts)
        self.retranslate()
        self.show_conflicts()
        self._selected()

    def _filter(self, text: str) -> None:
        """Filter the commands; the first one left is chosen when none is, so that typing a few
        letters, Tab, Tab and a key assigns it without the mouse."""
        self.proxy.setFilterFixedString(text)
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.filter.setPlaceholderText(self.tr("Filter commands…"))
        self.assign_btn.setText(self.tr("Assign"))
        self.clear_btn.setText(self.tr("Clear"))
        self.reset_btn.setText(self.tr("Reset"))
        self.reset_all_btn.setText(self.tr("Reset all"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def assign_btn_focus(self) -> None:
        """After a key combination is typed, Enter assigns it."""
        self.assign_btn.setDefault(True)
        self.assign_btn.setFocus()

    def current_id(self) -> str | None:
        idx = self.view.currentIndex()
        return self.proxy.data(idx, Qt.ItemDataRole.UserRole) if idx.isValid() else None

    def select(self, action_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(row, 0), Qt.ItemDataRole.UserRole) == action_id:
                self.view.setCurrentIndex(self.proxy.index(row, 0))
                return

    def _selected(self) -> None:
        self._taking = None  # a warning was about the command chosen before
        action_id = self.current_id()
        # no command chosen: Assign, Clear and Reset would do nothing and say nothing
        for w in (self.keys, self.assign_btn, self.clear_btn, self.reset_btn):
            w.setEnabled(action_id is not None)
        keys = self.registry.keys(action_id) if action_id else ()
        self.keys.setKeySequence(QKeySequence(keys[0]) if keys else QKeySequence())

    def assign(self) -> None:
        seq = self.keys.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        action_id = self.current_id()
        holders = [i for i in self.registry.holders(seq) if i != action_id] if seq and action_id else []
        if holders and self._taking != (action_id, seq):
            self._taking = (action_id, seq)  # warn once; Assign again with the same key moves it
            lang = self.registry.lang
            self.conflicts.setText(self.tr("{0} is used by: {1}. Press Assign again to move it here.").format(
                QKeySequence(seq).toString(QKeySequence.SequenceFormat.NativeText),
                ", ".join(self.registry.spec(i).title(lang) for i in holders)))
            return
        self._taking = None
        for other in holders:
            self.registry.set_keys(other, [k for k in self.registry.keys(other) if k != seq])
        if action_id:  # (the model was reset above: the selection is gone, the id is not)
            self.registry.set_keys(action_id, [seq] if seq else [])
            self.select(action_id)

    def _set(self, keys: list[str]) -> None:
        action_id = self.current_id()
        if action_id:
            self.registry.set_keys(action_id, keys)
            self.select(action_id)

    def _reset_one(self) -> None:
        action_id = self.current_id()
        if action_id:
            self.registry.reset_keys(action_id)
            self.select(action_id)

    def _ask_reset_all(self) -> None:
        """Every key the trader set is lost at once: ask first (one stray click did it before)."""
        dialogs.confirm(self, self.tr("Reset all"),
                        self.tr("Put every command back to its default keys? Your own keys are lost."),
                        self._reset_all)

    def _reset_all(self) -> None:
        action_id = self.current_id()
        self.registry.reset_keys()
        if action_id:
            self.select(action_id)  # the row (and the key field) stay on the command shown

    def show_conflicts(self) -> None:
        lang = self.registry.lang
        lines = [self.tr("{0} is bound to: {1}").format(
            QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText),
            ", ".join(self.registry.spec(i).title(lang) for i in ids))
            for key, ids in sorted(self.registry.conflicts().items())]
        self.conflicts.setText("\n".join(lines))
