"""The panel contract: a kind id, bilingual title, settings for workspaces, and a link-group symbol slot."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class Panel(QWidget):
    """Base of every dockable panel.

    A subclass sets `kind`, `title_en`, `title_ko`, and overrides `settings()` / `apply_settings()`
    for what a workspace should remember. A panel that shows one instrument overrides
    `set_symbol()`; a panel that lets the trader pick one emits `symbol_chosen`, and the link hub
    sends that symbol to every panel of the same colour group.
    """

    kind: ClassVar[str] = ""
    title_en: ClassVar[str] = ""
    title_ko: ClassVar[str] = ""
    # How many of this kind the default workspace opens and where (Qt dock area name).
    default_area: ClassVar[str] = "right"
    uses_symbol: ClassVar[bool] = False
    # Shows no one symbol but sends the one the trader picks to its link group (a watchlist, the
    # positions): its title bar still shows the group's colour and lets the trader change it.
    picks_symbol: ClassVar[bool] = False

    symbol_chosen = Signal(str)

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context  # app services (session, symbol provider ...); see ui.context
        self.symbol = ""
        self.link_group: str | None = None  # colour group id, or None for "not linked"

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en

    def settings(self) -> dict[str, Any]:
        """JSON-ready state to keep in a workspace (columns, timeframe ...)."""
        return {}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Restore what `settings()` returned; unknown keys are ignored."""

    def set_symbol(self, symbol: str) -> None:
        """Load a symbol (called by the link hub). The base just remembers it."""
        self.symbol = symbol

    def retranslate(self) -> None:
        """Called after a language change."""

    def shutdown(self) -> None:
        """Called when the panel is closed for good: drop subscriptions and timers."""
