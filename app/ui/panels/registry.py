"""Panel kinds by id: adding a panel to the terminal is one `register()` call."""

from __future__ import annotations

from app.ui.panels.base import Panel

_KINDS: dict[str, type[Panel]] = {}
_STAND_INS: dict[str, type[Panel]] = {}  # heavy kind -> its stand-in (app/ui/panels/pending.py)


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


def heavy_kinds() -> list:
    """Kinds whose module is imported only when a real panel of theirs is first needed (see
    app/ui/panels/pending.py): the chart, which needs pyqtgraph (~0.5 s of a start)."""
    from app.ui.panels.pending import HeavyKind

    return [HeavyKind("chart", "app.ui.panels.chart", "Chart", "차트", "top", True, (900, 560))]


def stand_in(kind: str) -> type[Panel] | None:
    """The light stand-in of a heavy kind (None for other kinds)."""
    return _STAND_INS.get(kind)


def real(kind: str) -> type[Panel] | None:
    """The kind's real class, importing its module if only its stand-in is registered yet."""
    from app.ui.panels.pending import PendingPanel, load_real

    cls = _KINDS.get(kind)
    if cls is not None and issubclass(cls, PendingPanel):
        load_real(cls)
        cls = _KINDS.get(kind)
        if cls is None or issubclass(cls, PendingPanel):
            raise RuntimeError(f"{kind!r} panel module did not register its panel")
    return cls


def load_builtin() -> None:
    """Import every module of app.ui.panels, each registering its panel kinds (a new file is enough);
    a heavy kind gets its stand-in until it is first needed."""
    import importlib
    import pkgutil

    from app.ui import panels
    from app.ui.panels.pending import stand_in_class

    heavy = {}
    for spec in heavy_kinds():
        heavy[spec.module] = spec
        _STAND_INS[spec.kind] = _STAND_INS.get(spec.kind) or stand_in_class(spec)
        if spec.kind not in _KINDS:
            register(_STAND_INS[spec.kind])
    for info in pkgutil.iter_modules(panels.__path__):  # PyInstaller's pkgutil hook lists frozen modules
        name = f"app.ui.panels.{info.name}"
        if not info.name.startswith("_") and info.name not in ("base", "registry", "pending") and name not in heavy:
            importlib.import_module(name)
