"""The chart panel's Indicators menu and the parameters dialog (functions of a `ChartPanel`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

INDICATORS = ("sma", "ema", "bb", "vwap", "rsi", "macd")


def _t(text: str) -> str:
    return QCoreApplication.translate("Chart", text)


def fill_menu(panel) -> None:
    """The Indicators button's menu: each indicator checkable, then the parameters of those shown."""
    menu = panel.ind_menu
    menu.clear()
    names = {"sma": _t("Moving average (SMA)"), "ema": _t("Exponential average (EMA)"),
             "bb": _t("Bollinger bands"), "vwap": _t("VWAP"), "rsi": _t("RSI"), "macd": _t("MACD")}
    for kind in INDICATORS:
        act = menu.addAction(names[kind])
        act.setCheckable(True)
        act.setChecked(panel.studies.find(kind) is not None)
        act.toggled.connect(lambda on, k=kind: panel.add_indicator(k) if on else panel.remove_indicator(k))
    if panel.studies.items:
        menu.addSeparator()
        for study in panel.studies.items:
            if study.ind.DEFAULTS:
                act = menu.addAction(_t("Parameters of {0}…").format(study.ind.label))
                act.triggered.connect(lambda _=False, s=study: edit_params(panel, s))


def edit_params(panel, study: Any) -> None:
    """A non-modal dialog for an indicator's parameters, comma separated."""
    keys = list(study.ind.DEFAULTS)
    dlg = QInputDialog(panel)
    dlg.setWindowTitle(study.ind.label)
    dlg.setLabelText(_t("Parameters ({0}), separated by commas").format(", ".join(keys)))
    dlg.setTextValue(", ".join(str(study.ind.p(k)) for k in keys))
    dlg.textValueSelected.connect(lambda text: set_params(panel, study.ind.kind, text))
    dlg.open()  # non-modal: no nested loop under qasync


def set_params(panel, kind: str, text: str) -> bool:
    """Apply 'n, k' text to indicator `kind`; False (nothing changed) for bad or non-positive values."""
    study = panel.studies.find(kind)
    if study is None:
        return False
    parts = [p.strip() for p in str(text).split(",")]
    params = {}
    try:
        for key, raw in zip(study.ind.DEFAULTS, parts):
            default = study.ind.DEFAULTS[key]
            value = type(default)(float(raw)) if isinstance(default, int) else float(raw)
            if value <= 0:
                return False
            params[key] = value
    except ValueError:
        return False
    entries = panel.studies.settings()
    for e in entries:
        if e["kind"] == kind:
            e["params"].update(params)
    panel.studies.apply(entries)
    panel.view.on_reset()
    return True

