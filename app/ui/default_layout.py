"""The factory workspace a first start (or "Reset to default layout") opens: a trading layout.

Watchlist with time and sales under it on the left, the chart above the orders / positions /
balances tabs in the middle, the order book over the order ticket on the right; log and session
stay available as tabs at the bottom. Panels that trade one instrument share the red link group,
so a symbol chosen in the watchlist loads everywhere. Only registered panel kinds are opened.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.ui.panels import registry

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
TOP, BOTTOM = Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
LINKED = "red"
FIRST_SYMBOL = "AAPL"

# (id, kind, link group, area, split from (id, orientation) or tab with id)
_PLAN: list[tuple[str, str, str | None, Qt.DockWidgetArea, tuple[str, str] | None]] = [
    ("watchlist-1", "watchlist", LINKED, LEFT, None),
    ("time_sales-1", "time_sales", LINKED, LEFT, ("watchlist-1", "below")),
    ("chart-1", "chart", LINKED, TOP, None),
    ("orderbook-1", "orderbook", LINKED, RIGHT, None),
    ("ticket-1", "ticket", LINKED, RIGHT, ("orderbook-1", "below")),
    ("orders-1", "orders", None, BOTTOM, None),
    ("positions-1", "positions", LINKED, BOTTOM, ("orders-1", "tab")),
    ("balances-1", "balances", None, BOTTOM, ("orders-1", "tab")),
    ("log-1", "log", None, BOTTOM, ("orders-1", "tab")),
    ("session-1", "session", None, BOTTOM, ("orders-1", "tab")),
]
# (id, width or height in px at 1440 x 880)
_WIDTHS = {"watchlist-1": 430, "orderbook-1": 330}
_HEIGHTS = {"watchlist-1": 520, "time_sales-1": 300, "orderbook-1": 470, "ticket-1": 330,
            "chart-1": 560, "orders-1": 250}
# The panel shown in front of each tab group.
_FRONT = "orders-1"
# What the factory watchlist holds: names Korean investors trade most, then the big ETFs.
STARTER_LISTS = [
    ({"en": "US stocks", "ko": "미국 주식"},
     ["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "AVGO", "AMD", "NFLX", "PLTR", "TSM", "JPM", "KO"]),
    ({"en": "ETFs", "ko": "ETF"}, ["SPY", "QQQ", "VOO", "SCHD", "SOXL", "TQQQ", "SQQQ", "IWM", "GLD"]),
    # futures products, each shown as its front month once the instrument master is in (and rolled
    # on to the next front month when that contract expires: InstrumentMaster.rolled)
    ({"en": "Futures", "ko": "해외선물"}, ["ES", "NQ", "YM", "MNQ", "CL", "GC", "SI", "6E", "6J", "HSI", "NK"]),
]


def starter_name(name: str, lang: str) -> str | None:
    """A starter list's name in `lang` when `name` is that list's name in any language (the lists
    are named at the first start: "미국 주식" stayed Korean in an English interface); else None."""
    for names, _symbols in STARTER_LISTS:
        if name in names.values():
            return names.get(lang, names["en"])
    return None


def _settings(kind: str, lang: str) -> dict[str, Any]:
    """A panel's factory settings (the watchlist's starter lists, named in the interface language)."""
    if kind == "watchlist":
        return {"lists": [{"name": names.get(lang, names["en"]), "symbols": list(symbols)}
                          for names, symbols in STARTER_LISTS], "current": 0}
    return {}


def default_panels(lang: str = "en") -> list[dict[str, Any]]:
    """The factory workspace's panel list (kinds that are not registered are left out)."""
    return [{"id": pid, "kind": kind, "link_group": group, "symbol": FIRST_SYMBOL if group else "",
             "settings": _settings(kind, lang)}
            for pid, kind, group, _area, _rel in _PLAN if registry.get(kind) is not None]


def set_corners(window: Any) -> None:
    """Left and right columns run the full height; chart and tabs share the middle (not saved
    in Qt's dock state, so every window sets it)."""
    window.setCorner(Qt.Corner.TopLeftCorner, LEFT)
    window.setCorner(Qt.Corner.BottomLeftCorner, LEFT)
    window.setCorner(Qt.Corner.TopRightCorner, RIGHT)
    window.setCorner(Qt.Corner.BottomRightCorner, RIGHT)


def arrange(window: Any) -> None:
    """Put the factory workspace's docks in their places (after `window.apply` opened them)."""
    set_corners(window)
    docks = window.docks
    first_in: dict[Qt.DockWidgetArea, Any] = {}  # the first dock placed in each area
    for pid, _kind, _group, area, rel in _PLAN:
        dock = docks.get(pid)
        if dock is None:
            continue
        dock.setFloating(False)
        anchor = docks.get(rel[0]) if rel else None
        if rel and rel[1] == "tab" and anchor is None:  # the group's first panel is not there
            anchor = first_in.get(area)
        if anchor is None:
            window.addDockWidget(area, dock)
        elif rel is not None and rel[1] == "tab":
            window.tabifyDockWidget(anchor, dock)
        else:
            window.splitDockWidget(anchor, dock, Qt.Orientation.Vertical)
        first_in.setdefault(area, dock)
        dock.show()
    front = docks.get(_FRONT) or first_in.get(BOTTOM)
    if front is not None:
        front.raise_()


def size(window: Any) -> None:
    """Dock sizes for the factory layout; only take once the window is laid out (after show)."""
    docks = window.docks
    wide = [(docks[i], w) for i, w in _WIDTHS.items() if i in docks and not docks[i].isFloating()]
    if wide:
        window.resizeDocks([d for d, _ in wide], [w for _, w in wide], Qt.Orientation.Horizontal)
    high = [(docks[i], h) for i, h in _HEIGHTS.items() if i in docks and not docks[i].isFloating()]
    if high:
        window.resizeDocks([d for d, _ in high], [h for _, h in high], Qt.Orientation.Vertical)
