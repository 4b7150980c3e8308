"""Small non-modal dialogs (open() + signals, never exec(): exec() would nest the event loop)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (QDialogButtonBox, QFileDialog, QGridLayout, QInputDialog, QMessageBox, QSizePolicy,
                               QSpacerItem, QWidget)

MIN_WIDTH = 380  # px: a window manager cuts a title that does not fit the dialog's width


def _width_for(dlg: QWidget, title: str) -> int:
    """Wide enough for the title in the window manager's bar (plus its buttons) and a label."""
    return max(MIN_WIDTH, dlg.fontMetrics().horizontalAdvance(title) + 160)


def _widen(dlg: QWidget, title: str) -> None:
    # QMessageBox and QInputDialog size themselves from their layout and ignore
    # setMinimumWidth(); a spacer as wide as needed in that layout holds.
    spacer = QSpacerItem(_width_for(dlg, title), 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
    if dlg.layout() is None:
        dlg.sizeHint()  # QInputDialog builds its layout on demand: have it built now
    lay = dlg.layout()
    if isinstance(lay, QGridLayout):
        lay.addItem(spacer, lay.rowCount(), 0, 1, lay.columnCount())
    elif lay is not None:
        lay.addItem(spacer)


def ask_text(parent: QWidget, title: str, label: str, text: str,
             on_ok: Callable[[str], None]) -> QInputDialog:
    dlg = QInputDialog(parent)
    dlg.setObjectName("AskText")
    dlg.setWindowTitle(title)
    dlg.setLabelText(label)
    dlg.setTextValue(text)
    dlg.textValueSelected.connect(lambda value: on_ok(value.strip()) if value.strip() else None)
    dlg.finished.connect(dlg.deleteLater)
    _widen(dlg, title)
    # A blank name is not a name: OK waits for one (it closed the dialog and did nothing)
    ok = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    dlg.textValueChanged.connect(lambda value: ok.setEnabled(bool(value.strip())))
    ok.setEnabled(bool(text.strip()))
    dlg.open()
    return dlg


def ask_choice(parent: QWidget, title: str, label: str, items: list[str], current: str,
               on_ok: Callable[[str], None]) -> QInputDialog:
    dlg = QInputDialog(parent)
    dlg.setObjectName("AskChoice")
    dlg.setWindowTitle(title)
    dlg.setLabelText(label)
    dlg.setComboBoxItems(items)
    if current in items:
        dlg.setTextValue(current)
    dlg.textValueSelected.connect(on_ok)
    dlg.finished.connect(dlg.deleteLater)
    _widen(dlg, title)
    dlg.open()
    return dlg


def inform(parent: QWidget, title: str, text: str, warning: bool = False) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information,
                      title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("Inform")
    _widen(box, title)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], None]) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("Confirm")
    _widen(box, title)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.accepted.connect(on_yes)  # Yes is the accept role
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def pick_file(parent: QWidget, title: str, save: bool, on_ok: Callable[[str], None],
              suggested: str = "") -> QFileDialog:
    """`suggested`: a folder to start in, or a file path (its folder, with the name filled in)."""
    dlg = QFileDialog(parent, title, suggested, "lsterm workspace (*.json)")
    dlg.setObjectName("PickFile")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dlg.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    dlg.setDefaultSuffix("json")
    dlg.fileSelected.connect(on_ok)
    dlg.finished.connect(dlg.deleteLater)
    dlg.open()
    return dlg


def retry(parent: QWidget, title: str, text: str, on_retry: Callable[[], None]) -> QMessageBox:
    """A warning with Retry and Close; Retry runs `on_retry`."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Close, parent)
    box.setObjectName("Retry")
    _widen(box, title)
    box.setDefaultButton(QMessageBox.StandardButton.Retry)
    box.button(QMessageBox.StandardButton.Retry).clicked.connect(on_retry)
    box.finished.connect(box.deleteLater)
    box.open()
    return box
