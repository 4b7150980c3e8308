"""One registry of every user command: id, Korean and English title, default keys, handler.

Menus, the toolbar, the command palette and the hotkey settings page all read it. Key bindings
the user changes are kept as overrides (id -> list of portable key strings) in the settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence

log = logging.getLogger(__name__)


@dataclass
class ActionSpec:
    id: str  # "panel.open.log", "order.buy" ...
    title_en: str
    title_ko: str
    default_keys: tuple[str, ...] = ()
    category: str = "general"  # groups the hotkey page and the menus
    handler: Callable[[], object] | None = None
    checkable: bool = False
    icon: QIcon | None = field(default=None, repr=False)

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en


def normalize(key: str) -> str:
    """A key string in Qt's portable form ("Ctrl+Shift+K"); '' for an unreadable one."""
    seq = QKeySequence(key)
    return seq.toString(QKeySequence.SequenceFormat.PortableText) if not seq.isEmpty() else ""


class ActionRegistry(QObject):
    changed = Signal()  # titles, keys or handlers changed
    triggered = Signal(str)  # action id, after its handler ran

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._specs: dict[str, ActionSpec] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._overrides: dict[str, tuple[str, ...]] = {}
        self._qactions: dict[str, QAction] = {}
        self.lang = "en"

    # ---- registering -----------------------------------------------------------------------
    def register(self, spec: ActionSpec) -> ActionSpec:
        self._specs[spec.id] = spec
        keys = self._overrides.get(spec.id, tuple(normalize(k) for k in spec.default_keys))
        self._keys[spec.id] = tuple(k for k in keys if k)
        if spec.id in self._qactions:
            self._sync(spec.id)
        self.changed.emit()
        return spec

    def unregister(self, action_id: str) -> None:
        self._specs.pop(action_id, None)
        self._keys.pop(action_id, None)
        act = self._qactions.pop(action_id, None)
        if act is not None:
            act.deleteLater()
        self.changed.emit()

    def set_handler(self, action_id: str, handler: Callable[[], object] | None) -> None:
        self._specs[action_id].handler = handler
        self._sync(action_id)

    def spec(self, action_id: str) -> ActionSpec:
        return self._specs[action_id]

    def specs(self, category: str | None = None) -> list[ActionSpec]:
        return [s for s in self._specs.values() if category is None or s.category == category]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._specs

    # ---- running ---------------------------------------------------------------------------
    def enabled(self, action_id: str) -> bool:
        return self._specs[action_id].handler is not None

    def trigger(self, action_id: str) -> bool:
        spec = self._specs.get(action_id)
        if spec is None or spec.handler is None:
            log.info("action %s is not available", action_id)
            return False
        log.debug("action %s", action_id)
        spec.handler()
        self.triggered.emit(action_id)
        return True

    # ---- Qt actions ------------------------------------------------------------------------
    def qaction(self, action_id: str, parent: QObject | None = None) -> QAction:
        """The one QAction of this id (created on first use, owned by `parent` or the registry)."""
        act = self._qactions.get(action_id)
        if act is None:
            act = QAction(parent or self)
            act.setObjectName(f"action:{action_id}")
            act.triggered.connect(lambda *_a, i=action_id: self.trigger(i))
            self._qactions[action_id] = act
            self._sync(action_id)
        return act

    def _sync(self, action_id: str) -> None:
        act = self._qactions.get(action_id)
        spec = self._specs.get(action_id)
        if act is None or spec is None:
            return
        act.setText(spec.title(self.lang).replace("&", "&&"))  # '&' would mark a shortcut letter
        act.setToolTip(f"{spec.title_ko} / {spec.title_en}")
        act.setShortcuts([QKeySequence(k) for k in self._keys.get(action_id, ())])
        act.setEnabled(spec.handler is not None)
        act.setCheckable(spec.checkable)
        if spec.icon is not None:
            act.setIcon(spec.icon)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for action_id in self._qactions:
            self._sync(action_id)
        self.changed.emit()

    # ---- key bindings ----------------------------------------------------------------------
    def keys(self, action_id: str) -> tuple[str, ...]:
        return self._keys.get(action_id, ())

    def set_keys(self, action_id: str, keys: list[str] | tuple[str, ...]) -> None:
        spec = self._specs[action_id]
        norm = tuple(dict.fromkeys(k for k in (normalize(k) for k in keys) if k))
        self._keys[action_id] = norm
        if norm == tuple(normalize(k) for k in spec.default_keys):
            self._overrides.pop(action_id, None)
        else:
            self._overrides[action_id] = norm
        self._sync(action_id)
        self.changed.emit()

    def reset_keys(self, action_id: str | None = None) -> None:
        ids = [action_id] if action_id else list(self._specs)
        for i in ids:
            self.set_keys(i, self._specs[i].default_keys)

    def holders(self, key: str) -> list[str]:
        """The actions bound to ``key`` (any spelling Qt reads as the same key)."""
        key = normalize(key)
        return [i for i, keys in self._keys.items() if key and key in keys]

    def conflicts(self) -> dict[str, list[str]]:
        """Key -> the action ids bound to it, for every key bound more than once."""
        by_key: dict[str, list[str]] = {}
        for action_id, keys in self._keys.items():
            for k in keys:
                by_key.setdefault(k, []).append(action_id)
        return {k: ids for k, ids in by_key.items() if len(ids) > 1}

    def conflicts_of(self, action_id: str) -> list[str]:
        """The other actions sharing any key with this one."""
        clash = self.conflicts()
        out: list[str] = []
        for k in self._keys.get(action_id, ()):
            out += [i for i in clash.get(k, []) if i != action_id and i not in out]
        return out

    def overrides(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self._overrides.items()}

    def load_overrides(self, data: dict[str, list[str]]) -> None:
        if not isinstance(data, dict):
            return
        for action_id, keys in data.items():
            if not isinstance(keys, list):
                continue
            norm = tuple(k for k in (normalize(str(k)) for k in keys) if k)
            self._overrides[action_id] = norm
            if action_id in self._specs:
                self._keys[action_id] = norm
                self._sync(action_id)
        self.changed.emit()

    # ---- search (command palette) ----------------------------------------------------------
    def search(self, text: str) -> list[ActionSpec]:
        """Actions whose id or either title contains every word of `text`."""
        words = text.lower().split()
        if not words:
            return sorted(self._specs.values(), key=lambda s: s.title(self.lang))
        hits = []
        for spec in self._specs.values():
            hay = f"{spec.id} {spec.title_en} {spec.title_ko}".lower()
            if all(w in hay for w in words):
                starts = spec.title(self.lang).lower().startswith(words[0])
                hits.append((not starts, spec.title(self.lang), spec))
        hits.sort(key=lambda h: (h[0], h[1]))
        return [h[2] for h in hits]
