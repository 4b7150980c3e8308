"""The chart panel's Indicators menu and the parameters dialog (functions of a `ChartPanel`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from app.ui.chart.indicator_params import NAMES, ParamError, parse, parse_text, specs
from app.ui.theme import current

INDICATORS = ("sma", "ema", "bb", "vwap", "rsi", "macd")


def _t(text: str) -> str:
    return QCoreApplication.translate("Chart", text)


def fill_menu(panel) -> None:
    """The Indicators button's menu: each indicator checkable, then the parameters of those shown."""
    menu = panel.ind_menu
    menu.clear()
    for kind in INDICATORS:
        act = menu.addAction(_t(NAMES[kind]))
        act.setCheckable(True)
        act.setChecked(panel.studies.find(kind) is not None)
        act.toggled.connect(lambda on, k=kind: panel.add_indicator(k) if on else panel.remove_indicator(k))
    if panel.studies.items:
        menu.addSeparator()
        for study in panel.studies.items:
            if study.ind.DEFAULTS:
                act = menu.addAction(_t("Parameters of {0}…").format(study.ind.label))
                act.triggered.connect(lambda _=False, s=study: edit_params(panel, s))


class ParamsDialog(QDialog):
    """An indicator's parameters, one field each. OK applies them only when all are good; a bad
    one is named with what is allowed, under the fields, and the dialog stays open with what the
    user typed (nothing changed on the chart)."""

    def __init__(self, panel, kind: str, label: str, values: dict[str, Any]):
        super().__init__(panel)
        self.setObjectName("IndicatorParams")
        self.panel, self.kind = panel, kind
        self.setWindowTitle(_t("Parameters of {0}").format(label))
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for spec in specs(kind):
            edit = QLineEdit(str(values.get(spec.key, "")), self)
            edit.setObjectName(f"param-{spec.key}")
            edit.setToolTip(spec.allowed())
            edit.textEdited.connect(lambda _text: self.error.hide())
            form.addRow(_t(spec.name), edit)
            self.fields[spec.key] = edit
        self.error = QLabel(self)
        self.error.setObjectName("ParamsError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet(f"color: {current().red};")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 30)

    def accept(self) -> None:
        try:
            params = parse(self.kind, {k: e.text() for k, e in self.fields.items()})
        except ParamError as exc:
            self.error.setText(str(exc))
            self.error.show()
            edit = self.fields.get(exc.key or "") or next(iter(self.fields.values()))
            edit.setFocus()
            edit.selectAll()
            return
        if apply_params(self.panel, self.kind, params):
            super().accept()
        else:  # the indicator was taken off the chart meanwhile: nothing to apply to
            self.reject()


def edit_params(panel, study: Any) -> ParamsDialog:
    """The parameters dialog of `study`, non-modal to the event loop (no nested loop under qasync)."""
    dlg = ParamsDialog(panel, study.ind.kind, study.ind.label, {k: study.ind.p(k) for k in study.ind.DEFAULTS})
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.open()
    return dlg


def set_params(panel, kind: str, text: str) -> bool:
    """Apply 'n, k' text to indicator `kind`; False (nothing changed) for bad values."""
    try:
        return apply_params(panel, kind, parse_text(kind, text))
    except ParamError:
        return False


def apply_params(panel, kind: str, params: dict[str, Any]) -> bool:
    """Checked `params` to the shown indicator `kind` (False: it is not shown any more)."""
    if panel.studies.find(kind) is None:
        return False
    entries = panel.studies.settings()
    for e in entries:
        if e["kind"] == kind:
            e["params"].update(params)
    panel.studies.apply(entries)
    panel.view.on_reset()
    return True
