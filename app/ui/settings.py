"""App settings (theme, language, current workspace, key bindings) as JSON in the config dir.

A file that cannot be read (not UTF-8, cut-off or invalid JSON, not an object) is moved aside
byte for byte (``settings.broken-<time>.json``) and the defaults are used; a file with some
values of the wrong type or out of range (a colour scheme it does not know ...) keeps its good
values, and a copy of it is kept aside before it is rewritten. Either way ``problem`` says so, for the shell to tell the user once.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """What went wrong reading the file, put in words when it is shown: the file is read before
    the interface language is known (it names it), so the text is translated then, not here."""

    text: str  # English, marked with QT_TRANSLATE_NOOP("Settings", ...)
    args: tuple[Any, ...] = ()

    def __str__(self) -> str:
        text = QCoreApplication.translate("Settings", self.text)
        return text.format(*self.args) if self.args else text  # (a JSON error's words as they are)

    def __contains__(self, part: str) -> bool:
        return part in str(self)


UNREADABLE = QT_TRANSLATE_NOOP("Settings", "{0} cannot be read ({1}); default settings are used and the file "
                                           "is left as it is.")
NOT_MOVED = QT_TRANSLATE_NOOP("Settings", "{0} could not be read ({1}) nor moved aside; default settings are "
                                          "used and the file is left as it is.")
KEPT = QT_TRANSLATE_NOOP("Settings", "Your settings file could not be read ({0}). It was kept as {1}; default "
                                     "settings are used.")
WRONG = QT_TRANSLATE_NOOP("Settings", "Some settings had values that cannot be used and were reset: {0}.")
WRONG_KEPT = QT_TRANSLATE_NOOP("Settings", "Some settings had values that cannot be used and were reset: {0}. "
                                           "The file as it was is kept as {1}.")
NOT_UTF8 = QT_TRANSLATE_NOOP("Settings", "not UTF-8 text")
NOT_OBJECT = QT_TRANSLATE_NOOP("Settings", "not a JSON object")


@dataclass
class AppSettings:
    theme: str = "dark"
    language: str = "auto"  # "auto" (system locale), "ko" or "en"
    workspace: str = "Default"
    keymap: dict[str, list[str]] = field(default_factory=dict)
    last_mode: str = "demo"
    remember_keys: bool = False
    color_convention: str = "korean"  # "korean": up red, down blue; "western": up green, down red
    stale_seconds: int = 10  # a quote with no update for this long is greyed
    flash_ticks: bool = True  # flash a changed price cell for ~300 ms
    # Fat-finger limits per mode (max_qty, max_value, max_distance_pct; 0 = off): an order past
    # one needs an explicit confirmation. Defaults in app.trading.order_validation.DEFAULT_LIMITS.
    order_limits: dict = field(default_factory=lambda: {
        "demo": {"max_qty": 10000, "max_value": 1000000, "max_distance_pct": 10.0},
        "paper": {"max_qty": 10000, "max_value": 1000000, "max_distance_pct": 10.0},
        "live": {"max_qty": 1000, "max_value": 100000, "max_distance_pct": 5.0}})
    # Confirm every order before sending, per mode (live can be switched off, with a warning).
    confirm_orders: dict = field(default_factory=lambda: {"demo": False, "paper": False, "live": True})

    # not saved: what went wrong reading the file, for the user (None when all was well)
    problem: Problem | None = field(default=None, repr=False, compare=False)
    # False when a damaged file could not be kept aside: then it is never overwritten either
    writable: bool = field(default=True, repr=False, compare=False)
    # not saved: the file it was loaded from, for dialogs that save each change at once
    path: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path) -> AppSettings:
        settings = cls._load(Path(path))
        settings.path = Path(path)
        return settings

    def save_now(self) -> None:
        """Save to the file it was loaded from (nothing when it came from no file)."""
        if self.path is not None:
            self.save(self.path)

    @classmethod
    def _load(cls, path: Path) -> AppSettings:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls()
        except OSError as exc:
            log.warning("settings file %s cannot be read (%s); using defaults, leaving it as it is",
                        path.name, exc.strerror or exc)
            return cls(problem=Problem(UNREADABLE, (path, exc.strerror or exc)), writable=False)
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError(NOT_OBJECT)
        except (UnicodeDecodeError, ValueError) as exc:
            reason = Problem(NOT_UTF8 if isinstance(exc, UnicodeDecodeError) else str(exc))
            kept = _keep_aside(path, move=True)
            log.warning("settings file %s is unreadable (%s); kept as %s, using defaults", path.name,
                        reason.text, kept.name if kept else "nothing (could not move it)")
            if kept is None:
                return cls(problem=Problem(NOT_MOVED, (path, reason)), writable=False)
            return cls(problem=Problem(KEPT, (reason, kept)))
        known, wrong = _good_values(cls, data)
        settings = cls(**known)
        if wrong:
            kept = _keep_aside(path, move=False)
            log.warning("settings: %s had the wrong type or value; defaults used, the file kept as %s",
                        ", ".join(wrong), kept.name if kept else "nothing (could not copy it)")
            settings.problem = Problem(WRONG_KEPT, (", ".join(wrong), kept)) if kept else Problem(
                WRONG, (", ".join(wrong),))
            settings.writable = kept is not None
        return settings

    def save(self, path: Path) -> None:
        if not self.writable:
            log.warning("settings not saved: %s could not be kept aside and is not overwritten", Path(path).name)
            return
        data = {k: v for k, v in asdict(self).items() if k not in ("problem", "writable", "path")}
        tmp = Path(path).with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, path)


# The values a hand-edited file may hold for the settings that take one of a few ("martian" colours
# stopped the start with a KeyError), and the range of the numbers.
CHOICES = {"theme": {"dark", "light"}, "language": {"auto", "ko", "en"}, "last_mode": {"demo", "paper", "live"},
           "color_convention": {"korean", "western"}}
RANGES = {"stale_seconds": (1, 3600)}


def _good_values(cls: type[AppSettings], data: dict) -> tuple[dict, list[str]]:
    """(values of the right type and range, names of those that were not)."""
    defaults = cls()
    names = {f.name for f in fields(cls) if f.name not in ("problem", "writable", "path")}
    known, wrong = {}, []
    for key, value in data.items():
        if key not in names:
            continue
        # A hand-edited value of the wrong type or range would break the shell later: keep the default.
        if type(value) is not type(getattr(defaults, key)):
            wrong.append(key)
            continue
        low, high = RANGES.get(key, (None, None))
        if (key in CHOICES and value not in CHOICES[key]) or (low is not None and not low <= value <= high):
            wrong.append(key)
            continue
        known[key] = value
    if "keymap" in known:
        keymap = {}
        for action, keys in known["keymap"].items():
            if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
                keymap[str(action)] = keys
            else:
                wrong.append(f"keymap[{action}]")
        known["keymap"] = keymap
    return known, wrong


def _keep_aside(path: Path, move: bool) -> Path | None:
    """Move (or copy) ``path`` to a ``.broken-<time>`` name next to it, byte for byte."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        kept = path.with_name(f"{path.stem}.broken-{stamp}{f'-{n}' if n else ''}{path.suffix}")
        if kept.exists():
            continue
        try:
            if move:
                os.replace(path, kept)
            else:
                shutil.copyfile(path, kept)
            return kept
        except OSError as exc:
            log.warning("could not keep %s aside: %s", path.name, exc.strerror or exc)
            return None
    return None
