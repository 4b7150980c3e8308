"""App settings (theme, language, current workspace, key bindings) as JSON in the config dir."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)


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

    @classmethod
    def load(cls, path: Path) -> AppSettings:
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable (%s); using defaults", exc)
            return cls()
        if not isinstance(data, dict):
            log.warning("settings file is not a JSON object; using defaults")
            return cls()
        defaults = cls()
        known = {}
        for key, value in data.items():
            if key not in cls.__dataclass_fields__:
                continue
            # A hand-edited value of the wrong type would break the shell later: keep the default.
            if type(value) is not type(getattr(defaults, key)):
                log.warning("settings: %s has the wrong type; using the default", key)
                continue
            known[key] = value
        if "keymap" in known:
            known["keymap"] = {str(k): [x for x in v if isinstance(x, str)] for k, v in known["keymap"].items()
                               if isinstance(v, list)}
        return cls(**known)

    def save(self, path: Path) -> None:
        tmp = Path(path).with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, path)
