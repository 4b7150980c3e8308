"""Stand-ins for panel kinds whose code is heavy to import (the chart needs pyqtgraph: about half a
second of a start). While the terminal starts, the window opens such a panel as a light stand-in
that keeps its workspace state (settings, link group, symbol); the real panel replaces it once the
first prices are on screen (`MainWindow.realize_pending`). A panel the trader opens is real at once.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.panels.base import Panel


@dataclass(frozen=True)
class HeavyKind:
    """What menus, palette and workspaces need of a heavy kind before its module is imported.
    A test checks these against the real class."""

    kind: str
    module: str
    title_en: str
    title_ko: str
    default_area: str
    uses_symbol: bool
    size_hint: tuple[int, int]


class PendingPanel(Panel):
    """A heavy panel not built yet: a 'Loading…' line, and the state the real panel will get."""

    module: str = ""
    hint = QSize(400, 300)

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._settings: dict[str, Any] = {}
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        self.retranslate()

    def sizeHint(self) -> QSize:
        return self.hint

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A trader who clicks it wants it now: build it without waiting for the prices."""
        window = self.window()
        if hasattr(window, "realize_pending"):
            QTimer.singleShot(0, window.realize_pending)
        super().mousePressEvent(event)

    def retranslate(self) -> None:
        title = self.title(getattr(self.context, "lang", "en"))
        self.label.setText(QCoreApplication.translate("PendingPanel", "Loading {0}…").format(title))

    def settings(self) -> dict[str, Any]:
        return dict(self._settings)  # unchanged: the workspace keeps what it had

    def apply_settings(self, settings: dict[str, Any]) -> None:
        self._settings = dict(settings)


def stand_in_class(spec: HeavyKind) -> type[PendingPanel]:
    """The stand-in class registered for `spec.kind` until its module is imported."""
    return type(f"Pending_{spec.kind}", (PendingPanel,), {
        "kind": spec.kind, "module": spec.module, "title_en": spec.title_en, "title_ko": spec.title_ko,
        "default_area": spec.default_area, "uses_symbol": spec.uses_symbol, "hint": QSize(*spec.size_hint),
        "__module__": __name__})


def load_real(cls: type[PendingPanel]) -> None:
    """Import the heavy module; its `@register` replaces the stand-in in the registry."""
    importlib.import_module(cls.module)
