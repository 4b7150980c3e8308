"""What each chart indicator's parameters may be, checked before they reach the chart: typed values
(the parameters dialog) are refused with a message saying what is wrong and what is allowed; values
read from a workspace (hand-edited, an older version) are clamped into range, or replaced by the
defaults, or the indicator skipped, each with a note saying so."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from app.trading import indicators

MAX_PERIOD = 5000  # longer than any history a chart loads at a useful timeframe


def _t(text: str) -> str:
    return QCoreApplication.translate("Chart", text)


@dataclass(frozen=True)
class Spec:
    """One parameter: `key` as the indicator stores it, `name` (translatable) as the user reads it."""
    key: str
    name: str
    whole: bool
    lo: float
    hi: float

    def allowed(self) -> str:
        lo, hi = (f"{int(self.lo):,}", f"{int(self.hi):,}") if self.whole else (f"{self.lo:g}", f"{self.hi:g}")
        text = _t("a whole number from {0} to {1}") if self.whole else _t("a number from {0} to {1}")
        return text.format(lo, hi)


NAMES = {"sma": QT_TRANSLATE_NOOP("Chart", "Moving average (SMA)"),
         "ema": QT_TRANSLATE_NOOP("Chart", "Exponential average (EMA)"),
         "bb": QT_TRANSLATE_NOOP("Chart", "Bollinger bands"), "vwap": QT_TRANSLATE_NOOP("Chart", "VWAP"),
         "rsi": QT_TRANSLATE_NOOP("Chart", "RSI"), "macd": QT_TRANSLATE_NOOP("Chart", "MACD")}
PERIOD = QT_TRANSLATE_NOOP("Chart", "Period")
SPECS: dict[str, tuple[Spec, ...]] = {
    "sma": (Spec("n", PERIOD, True, 1, MAX_PERIOD),),
    "ema": (Spec("n", PERIOD, True, 1, MAX_PERIOD),),
    "bb": (Spec("n", PERIOD, True, 2, MAX_PERIOD),  # the spread of one close is no band
           Spec("k", QT_TRANSLATE_NOOP("Chart", "Width (standard deviations)"), False, 0.1, 10.0)),
    "vwap": (),
    "rsi": (Spec("n", PERIOD, True, 2, MAX_PERIOD),),
    "macd": (Spec("fast", QT_TRANSLATE_NOOP("Chart", "Fast period"), True, 1, MAX_PERIOD - 1),
             Spec("slow", QT_TRANSLATE_NOOP("Chart", "Slow period"), True, 2, MAX_PERIOD),
             Spec("signal", QT_TRANSLATE_NOOP("Chart", "Signal period"), True, 1, MAX_PERIOD)),
}


class ParamError(ValueError):
    """A typed value refused: `key` names the parameter (None: the values together), `str()` says
    what is wrong and what is allowed, in the interface language."""

    def __init__(self, key: str | None, text: str):
        super().__init__(text)
        self.key = key


def specs(kind: str) -> tuple[Spec, ...]:
    return SPECS.get(kind, ())


def number(raw: Any) -> float | None:
    """`raw` as a finite number (a typed string, or a workspace's number), else None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        try:
            value = float(str(raw).strip())
        except (ValueError, OverflowError):
            return None
    return value if math.isfinite(value) else None


def parse(kind: str, typed: dict[str, str]) -> dict[str, Any]:
    """The parameters of indicator `kind` from the user's text per key; raises ParamError for the
    first bad one (nothing is applied then)."""
    out: dict[str, Any] = {}
    for spec in specs(kind):
        raw = str(typed.get(spec.key, "")).strip()
        name = _t(spec.name)
        if not raw:
            raise ParamError(spec.key, _t("{0}: type {1}.").format(name, spec.allowed()))
        value = number(raw)
        if value is None or (spec.whole and not value.is_integer()) or not spec.lo <= value <= spec.hi:
            raise ParamError(spec.key, _t("{0} must be {1}; “{2}” is not.").format(name, spec.allowed(), raw))
        out[spec.key] = int(value) if spec.whole else value
    check_together(kind, out)
    return out


def check_together(kind: str, params: dict[str, Any]) -> None:
    if kind == "macd" and params["fast"] >= params["slow"]:
        raise ParamError("fast", _t("The fast period ({0}) must be shorter than the slow period ({1}).")
                         .format(params["fast"], params["slow"]))


def parse_text(kind: str, text: str) -> dict[str, Any]:
    """'20, 2' for indicator `kind` (its parameters in order, comma separated)."""
    keys = [s.key for s in specs(kind)]
    parts = [p.strip() for p in str(text).split(",")] if str(text).strip() else []
    if len(parts) != len(keys):
        raise ParamError(None, _t("{0} takes {1} value(s) separated by commas ({2}); got {3}.")
                         .format(_t(NAMES.get(kind, kind)), len(keys), ", ".join(_t(s.name) for s in specs(kind)), len(parts)))
    return parse(kind, dict(zip(keys, parts)))


def sanitize(entry: Any, seen: set[str]) -> tuple[dict[str, Any] | None, list[str]]:
    """A workspace's indicator entry made safe to show: (entry or None to skip it, notes). Numbers
    out of range are clamped, what is not a number takes the default, a MACD whose fast period is
    not shorter than its slow takes the default periods; an unknown kind, or one already shown
    (`seen`, updated), is skipped."""
    if not isinstance(entry, dict):
        return None, [_t("an indicator entry that is not one ({0}) was skipped").format(_short(entry))]
    kind = entry.get("kind")
    if not isinstance(kind, str) or kind not in indicators.KINDS:
        return None, [_t("unknown indicator “{0}” was skipped").format(_short(kind))]
    label = _t(NAMES[kind])
    if kind in seen:
        return None, [_t("{0} was listed twice; the second was skipped").format(label)]
    seen.add(kind)
    given = entry.get("params")
    notes: list[str] = []
    if given is None:
        given = {}
    elif not isinstance(given, dict):
        notes.append(_t("{0}: its parameters were unreadable; the defaults are used").format(label))
        given = {}
    defaults = indicators.make(kind).DEFAULTS
    params: dict[str, Any] = {}
    for spec in specs(kind):
        if spec.key not in given:  # (a parameter newer than the file: its default, nothing to say)
            params[spec.key] = defaults[spec.key]
            continue
        raw, value = given[spec.key], number(given[spec.key])
        if value is None:
            params[spec.key] = defaults[spec.key]
            notes.append(_t("{0} {1} “{2}” is not a number; {3} is used")
                         .format(label, _t(spec.name).lower(), _short(raw), defaults[spec.key]))
            continue
        fixed = min(max(round(value) if spec.whole else value, spec.lo), spec.hi)
        fixed = int(fixed) if spec.whole else float(fixed)
        if fixed != value:
            notes.append(_t("{0} {1} {2} is out of range ({3}); {4} is used")
                         .format(label, _t(spec.name).lower(), _short(raw), spec.allowed(), fixed))
        params[spec.key] = raw if fixed == value and not spec.whole and isinstance(raw, (int, float)) else fixed
    try:
        check_together(kind, params)
    except ParamError:
        notes.append(_t("{0}: the fast period ({1}) was not shorter than the slow period ({2}); the defaults are used")
                     .format(label, params["fast"], params["slow"]))
        params["fast"], params["slow"] = defaults["fast"], defaults["slow"]
    return {"kind": kind, "params": params}, notes


def _short(raw: Any) -> str:
    text = str(raw)
    return text if len(text) <= 24 else text[:23] + "…"
