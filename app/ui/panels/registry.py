"""Panel kinds by id: adding a panel to the terminal is one `register()` call."""

from __future__ import annotations

from app.ui.panels.base import Panel

_KINDS: dict[str, type[Panel]] = {}


def register(cls: type[Panel]) -> type[Panel]:
    """Class decorator: make a panel kind known to menus, palette and workspaces."""
    if not cls.kind:
        raise ValueError(f"{cls.__name__} has no kind id")
    _KINDS[cls.kind] = cls
    return cls


def unregister(kind: str) -> None:
    _KINDS.pop(kind, None)


def get(kind: str) -> type[Panel] | None:
    return _KINDS.get(kind)


def kinds() -> list[type[Panel]]:
    return list(_KINDS.values())


def load_builtin() -> None:
    """Import every module of app.ui.panels, each registering its panel kinds (a new file is enough)."""
    import importlib
    import pkgutil

    from app.ui import panels

    for info in pkgutil.iter_modules(panels.__path__):  # PyInstaller's pkgutil hook lists frozen modules
        if not info.name.startswith("_") and info.name not in ("base", "registry"):
            importlib.import_module(f"app.ui.panels.{info.name}")
