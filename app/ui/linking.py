"""Colour link groups: a symbol chosen in one panel of a group loads in every panel of that group."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.ui.panels.base import Panel


@dataclass(frozen=True)
class LinkGroup:
    id: str
    color: str
    title_en: str
    title_ko: str

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en


GROUPS: tuple[LinkGroup, ...] = (
    LinkGroup("red", "#e5484d", "Red", "빨강"),
    LinkGroup("green", "#30a46c", "Green", "초록"),
    LinkGroup("blue", "#3e83f8", "Blue", "파랑"),
    LinkGroup("yellow", "#f5d90a", "Yellow", "노랑"),
    LinkGroup("purple", "#8e4ec6", "Purple", "보라"),
)
BY_ID = {g.id: g for g in GROUPS}


class LinkHub(QObject):
    """Knows every open panel and its group; forwards chosen symbols within a group."""

    symbol_changed = Signal(str, str)  # group id, symbol
    group_changed = Signal(object)  # the panel whose group changed
    # A price picked in a panel (an order-book level, a chart): group id or None, symbol,
    # side ("buy" | "sell"), price (Decimal). The order ticket of that group takes it.
    price_chosen = Signal(object, str, str, object)
    # An order prepared for review (never sent by this signal): a dict with symbol, side, qty,
    # price (Decimal | None), price_type, and optionally group. The order ticket loads it.
    ticket_requested = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._panels: list[Panel] = []
        self.symbols: dict[str, str] = {}  # last symbol per group

    def attach(self, panel: Panel) -> None:
        if panel in self._panels:
            return
        self._panels.append(panel)
        panel.symbol_chosen.connect(lambda symbol, p=panel: self.choose(p, symbol))

    def detach(self, panel: Panel) -> None:
        if panel in self._panels:
            self._panels.remove(panel)

    def panels(self, group: str | None = None) -> list[Panel]:
        return [p for p in self._panels if group is None or p.link_group == group]

    def set_group(self, panel: Panel, group: str | None) -> None:
        """Move a panel into a group; it picks up the group's current symbol."""
        if group is not None and group not in BY_ID:
            group = None
        panel.link_group = group
        if group and self.symbols.get(group) and panel.uses_symbol:
            panel.set_symbol(self.symbols[group])
        self.group_changed.emit(panel)

    def choose(self, source: Panel | None, symbol: str) -> None:
        """A symbol picked in `source`: load it in the source and every panel of its group."""
        symbol = symbol.strip().upper()
        if not symbol:
            return
        group = source.link_group if source is not None else None
        if group is None:
            if source is not None:
                source.set_symbol(symbol)
            return
        self.publish(group, symbol)

    def publish(self, group: str, symbol: str) -> None:
        self.symbols[group] = symbol
        for panel in self.panels(group):
            if panel.uses_symbol and panel.symbol != symbol:
                panel.set_symbol(symbol)
        self.symbol_changed.emit(group, symbol)
