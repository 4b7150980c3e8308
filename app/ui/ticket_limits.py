"""Settings → Order limits: the fat-finger limits of each mode (max quantity, max order value, max
distance from the last price; 0 = off) and whether every order asks first. A non-modal dialog;
each change is checked, saved to the settings file at once and used by the next order. Bad input
says which field and keeps the value in force; switching the live confirmation off warns first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialog, QDialogButtonBox, QGridLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from app.trading.order_validation import as_price, limits_for
from app.ui.tasks import spawn

MODES = ("demo", "paper", "live")
FIELDS = ("max_qty", "max_value", "max_distance_pct")


# (texts spelled out in QCoreApplication.translate calls: lupdate finds no others)
T = QCoreApplication


def mode_name(mode: str) -> str:
    return {"demo": T.translate("OrderLimits", "Demo"), "paper": T.translate("OrderLimits", "Paper"),
            "live": T.translate("OrderLimits", "Live")}[mode]


def field_name(key: str) -> str:
    return {"max_qty": T.translate("OrderLimits", "Max quantity"),
            "max_value": T.translate("OrderLimits", "Max order value (USD)"),
            "max_distance_pct": T.translate("OrderLimits", "Max distance from last (%)")}[key]


def _text(value: float) -> str:
    return f"{value:g}" if value != int(value) else f"{int(value)}"


def set_limit(prefs: Any, mode: str, key: str, text: str) -> str | None:
    """Store one limit from what was typed; returns the problem (naming the field) or None."""
    value = as_price(text.replace(" ", "")) if text.strip() else None
    if value is None or value < 0 or (key == "max_qty" and value != value.to_integral_value()):
        what = T.translate("OrderLimits", "a whole number") if key == "max_qty" else T.translate("OrderLimits", "a number")
        return T.translate("OrderLimits", "{mode} · {field}: enter {what}, 0 or more (0 = no limit).").format(
            mode=mode_name(mode), field=field_name(key), what=what)
    if key == "max_distance_pct" and value > 1000:
        return T.translate("OrderLimits", "{mode} · {field}: at most 1000.").format(mode=mode_name(mode), field=field_name(key))
    table = dict(getattr(prefs, "order_limits", None) or {})
    mine = dict(limits_for(prefs, mode))
    mine[key] = int(value) if key == "max_qty" else float(value)
    table[mode] = mine
    prefs.order_limits = table
    return None


def save(context: Any) -> None:
    saver = getattr(context.prefs, "save_now", None)
    if saver is not None:
        saver()
    context.settings_changed.emit()


class OrderLimitsDialog(QDialog):
    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("OrderLimits")
        self.setWindowTitle(T.translate("OrderLimits", "Order limits and confirmation"))
        self.context = context
        self.edits: dict[tuple[str, str], QLineEdit] = {}
        self.confirms: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for c, key in enumerate(FIELDS, 1):
            head = QLabel(field_name(key), self)
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, c)
        grid.addWidget(QLabel(T.translate("OrderLimits", "Confirm every order"), self), 0, len(FIELDS) + 1)
        for r, mode in enumerate(MODES, 1):
            grid.addWidget(QLabel(mode_name(mode), self), r, 0)
            for c, key in enumerate(FIELDS, 1):
                edit = QLineEdit(self)
                edit.setObjectName(f"limit:{mode}:{key}")
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                edit.editingFinished.connect(lambda m=mode, k=key: self._edited(m, k))
                grid.addWidget(edit, r, c)
                self.edits[(mode, key)] = edit
            box = QCheckBox(self)
            box.setObjectName(f"confirm:{mode}")
            box.clicked.connect(lambda on, m=mode: spawn(self._confirm_clicked(m, on), "order confirmation setting"))
            grid.addWidget(box, r, len(FIELDS) + 1, Qt.AlignmentFlag.AlignCenter)
            self.confirms[mode] = box
        note = QLabel(T.translate("OrderLimits", "An order past a limit is sent only after you confirm it. 0 switches a limit off. "
                         "Every change is saved at once."), self)
        note.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("OrderLimitsMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        for b in buttons.buttons():  # Enter in a field saves that field; it never closes the dialog
            b.setAutoDefault(False)
            b.setDefault(False)
        lay = QVBoxLayout(self)
        lay.addLayout(grid)
        lay.addWidget(note)
        lay.addWidget(self.message)
        lay.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        from app.ui.order_actions import confirm_on

        for (mode, key), edit in self.edits.items():
            edit.setText(_text(limits_for(self.context.prefs, mode)[key]))
        for mode, box in self.confirms.items():
            box.setChecked(confirm_on(self.context, mode))

    def _edited(self, mode: str, key: str) -> None:
        edit = self.edits[(mode, key)]
        if edit.text().strip() == _text(limits_for(self.context.prefs, mode)[key]):
            return
        problem = set_limit(self.context.prefs, mode, key, edit.text())
        if problem:
            self.message.setText(problem)
            self.message.setStyleSheet("color: #d6282f;")
            edit.setText(_text(limits_for(self.context.prefs, mode)[key]))  # the value in force
            return
        save(self.context)
        edit.setText(_text(limits_for(self.context.prefs, mode)[key]))
        self.message.setStyleSheet("")
        self.message.setText(T.translate("OrderLimits", "{mode} · {field}: saved.").format(mode=mode_name(mode), field=field_name(key)))

    async def _confirm_clicked(self, mode: str, on: bool) -> None:
        from app.ui.order_actions import set_confirm

        now = await set_confirm(self.context, mode, on, self)
        self.confirms[mode].setChecked(now)
        self.message.setStyleSheet("")
        self.message.setText(T.translate("OrderLimits", "{mode} · Confirm every order: saved.").format(mode=mode_name(mode)))


def open_limits(context: Any, parent: QWidget | None = None) -> OrderLimitsDialog:
    """Show the dialog (one at a time), non-modal."""
    parent = parent or QApplication.activeWindow()
    dlg = parent.findChild(OrderLimitsDialog) if parent is not None else None
    if dlg is None:
        dlg = OrderLimitsDialog(context, parent)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.refresh()
    dlg.show()
    dlg.raise_()
    dlg.activateWindow()
    return dlg
