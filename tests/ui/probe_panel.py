"""A panel kind used only by tests: shows one symbol, remembers one setting."""

from __future__ import annotations

from app.ui.panels.base import Panel
from app.ui.panels.registry import register


@register
class ProbePanel(Panel):
    kind = "probe"
    title_en = "Probe"
    title_ko = "시험"
    uses_symbol = True

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.timeframe = "1m"
        self.loads: list[str] = []

    def set_symbol(self, symbol: str) -> None:
        super().set_symbol(symbol)
        self.loads.append(symbol)

    def settings(self):
        return {"timeframe": self.timeframe}

    def apply_settings(self, settings):
        self.timeframe = settings.get("timeframe", "1m")
