"""The main window: dock panels (open, tab, float, close, reopen), mode styling, workspace capture."""

from __future__ import annotations

import base64
import logging
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QSizePolicy, QTabBar, QWidget

from app.trading.session import Mode
from app.ui.context import AppContext
from app.ui.default_layout import set_corners
from app.ui.dock import PanelDock, on_screen
from app.ui.panels import registry
from app.ui.panels.base import Panel
from app.ui.status import StatusBar, mode_text
from app.ui.theme import MODE_COLORS
from app.ui.workspace import display_name

log = logging.getLogger(__name__)
registry.load_builtin()
LIVE_FRAME = 4  # px of red round the window in live mode

AREAS = {"left": Qt.DockWidgetArea.LeftDockWidgetArea,
         "right": Qt.DockWidgetArea.RightDockWidgetArea,
         "top": Qt.DockWidgetArea.TopDockWidgetArea,
         "bottom": Qt.DockWidgetArea.BottomDockWidgetArea}


def _centre(parent: QWidget) -> QWidget:
    """The window's central widget: nothing to see, no height, but wanting width. Without one,
    Qt gives a growing window's extra width to the side columns (watchlist, order book) and none
    to the middle (chart, orders) that the top and bottom dock areas span; with it, the middle
    takes the extra width, and being 0 px high it takes no height from the chart and the tabs."""
    w = QWidget(parent)
    w.setObjectName("centre")
    w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    w.setFixedHeight(0)
    w.setMinimumWidth(0)
    return w


class MainWindow(QMainWindow):
    closing = Signal()  # the user closed the window: time to save and shut down
    docks_changed = Signal()
    active_panel_changed = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("MainWindow")
        self.setDockNestingEnabled(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowNestedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks
                            | QMainWindow.DockOption.GroupedDragging)
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, self.tabPosition(
            Qt.DockWidgetArea.TopDockWidgetArea).North)
        set_corners(self)  # side columns run the full height (Qt's saved state does not keep this)
        self.setCentralWidget(_centre(self))
        self.docks: dict[str, PanelDock] = {}
        # While the terminal starts: a workspace opens heavy panels as stand-ins, made real by
        # realize_pending() once the first prices show (app/ui/panels/pending.py).
        self.defer_heavy = False
        self._pending_places: tuple[dict[str, Any], list[dict[str, Any]]] | None = None
        # Panels of a kind this version cannot open (a newer lsterm's, a removed one): kept as
        # they were and written back on save, so going back to the version that has them loses none
        self.unknown_panels: list[dict[str, Any]] = []
        self.workspace_name = ""
        self.workspace_label = display_name  # the name as shown (the workspaces set one that knows them all)
        self.mode = Mode.DEMO
        self.status = StatusBar(context, self)
        self.setStatusBar(self.status)
        self.active_panel: Panel | None = None
        self.resize(1440, 880)
        context.links.group_changed.connect(self._on_group_changed)
        context.links.symbol_changed.connect(lambda *_: self._refresh_titles())
        context.language_changed.connect(self.retranslate)
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._on_focus)
        self.set_mode(Mode.DEMO)

    # ---- mode ------------------------------------------------------------------------------
    def set_mode(self, mode: Mode) -> None:
        self.mode = Mode(mode)
        self.setProperty("mode", self.mode.value)
        # Live mode: a red frame round the whole window (painted in paintEvent).
        m = LIVE_FRAME if self.mode is Mode.LIVE else 0
        self.setContentsMargins(m, m, m, m)
        self.update()
        self.status.set_mode(self.mode)
        self._update_title()

    def set_workspace_name(self, name: str) -> None:
        self.workspace_name = name
        self._update_title()

    def _update_title(self) -> None:
        # The app's name goes last: Qt appends the application display name to a title that
        # does not already end with it (on X11), which showed "lsterm" twice.
        parts = [f"[{mode_text(self.mode, self.context.lang)}]"]
        if self.mode is Mode.LIVE:
            parts[0] = "⚠ " + parts[0]
        if self.workspace_name:
            parts.append(self.workspace_label(self.workspace_name))
        parts.append("lsterm")  # = the display name app.main sets
        self.setWindowTitle(" — ".join(parts))

    def retranslate(self, lang: str | None = None) -> None:
        for dock in self.docks.values():
            dock.retranslate(self.context.lang)
        self.status.retranslate()
        self._update_title()

    # ---- panels ----------------------------------------------------------------------------
    def next_id(self, kind: str) -> str:
        n = 1
        while f"{kind}-{n}" in self.docks:
            n += 1
        return f"{kind}-{n}"

    def open_panel(self, kind: str, instance_id: str | None = None,
                   settings: dict[str, Any] | None = None, link_group: str | None = None,
                   symbol: str = "", area: str | None = None, tab_with_kind: bool = True,
                   defer: bool = False) -> PanelDock | None:
        """Open a panel of `kind` in a new dock. With `defer`, a heavy kind opens as its stand-in."""
        try:
            cls = (registry.stand_in(kind) if defer else None) or registry.real(kind)
        except Exception:
            log.exception("the %s panel could not be loaded", kind)
            cls = None
        if cls is None:
            log.warning("unknown panel kind %r skipped", kind)
            return None
        instance_id = instance_id or self.next_id(kind)
        if instance_id in self.docks:
            instance_id = self.next_id(kind)
        panel = self._make_panel(cls, instance_id, settings, link_group, symbol)
        dock = PanelDock(panel, instance_id, self.context.lang, self)
        dock.link_group_requested.connect(lambda d, g: self.context.links.set_group(d.panel, g))
        same = [d for d in self.docks.values() if d.panel.kind == kind and d.isVisible()]
        self.addDockWidget(AREAS.get(area or cls.default_area, AREAS["right"]), dock)
        if same and tab_with_kind and area is None:
            self.tabifyDockWidget(same[-1], dock)
        self.docks[instance_id] = dock
        dock.show()
        dock.raise_()
        self.docks_changed.emit()
        return dock

    def _make_panel(self, cls: type[Panel], instance_id: str, settings: dict[str, Any] | None,
                    link_group: str | None, symbol: str) -> Panel:
        panel = cls(self.context)
        if settings:
            try:
                panel.apply_settings(settings)
            except Exception:
                log.exception("panel %s could not apply its saved settings", instance_id)
        self.context.links.attach(panel)
        self.context.links.set_group(panel, link_group)
        if symbol and panel.uses_symbol:
            panel.set_symbol(symbol)
        return panel

    def realize_pending(self) -> None:
        """Build the real panel of every stand-in, in its dock, with the state the stand-in kept;
        from now on workspaces open heavy panels for real."""
        from app.ui.panels.pending import PendingPanel

        self.defer_heavy = False
        for instance_id, dock in list(self.docks.items()):
            old = dock.panel
            if not isinstance(old, PendingPanel):
                continue
            try:
                cls = registry.real(old.kind)
                panel = self._make_panel(cls, instance_id, old.settings(), old.link_group, old.symbol)
            except Exception:
                log.exception("the %s panel could not be built; its place keeps a stand-in", old.kind)
                continue
            self.context.links.detach(old)
            dock.panel = panel
            dock.setWidget(panel)
            old.shutdown()
            old.deleteLater()
            dock.refresh_link()
            if self.active_panel is old:
                self.active_panel = None
        self.docks_changed.emit()

    def remove_panel(self, instance_id: str) -> None:
        dock = self.docks.pop(instance_id, None)
        if dock is None:
            return
        self.context.links.detach(dock.panel)
        dock.panel.shutdown()
        self.removeDockWidget(dock)
        # deleteLater only runs once control is back in the loop: until then the old dock must
        # not answer to its id, or restoreState() lays out the old dock instead of the new one.
        dock.setObjectName("")
        dock.hide()
        dock.deleteLater()
        self.docks_changed.emit()

    def remove_all_panels(self) -> None:
        for instance_id in list(self.docks):
            self.remove_panel(instance_id)

    def panels(self, kind: str | None = None) -> list[Panel]:
        return [d.panel for d in self.docks.values() if kind is None or d.panel.kind == kind]

    def _on_group_changed(self, panel: Panel) -> None:
        for dock in self.docks.values():
            if dock.panel is panel:
                dock.refresh_link()

    def _refresh_titles(self) -> None:
        for dock in self.docks.values():
            dock.refresh_link()

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        w = new
        while w is not None and not isinstance(w, Panel):
            w = w.parentWidget()
        if w is not None and w is not self.active_panel:
            self.active_panel = w
            self.active_panel_changed.emit(w)

    # ---- workspace -------------------------------------------------------------------------
    def capture(self) -> dict[str, Any]:
        panels = []
        for instance_id, dock in self.docks.items():
            p = dock.panel
            try:
                settings = p.settings()
            except Exception:
                log.exception("panel %s could not report its settings", instance_id)
                settings = {}
            panels.append({"id": instance_id, "kind": p.kind, "link_group": p.link_group,
                           "symbol": p.symbol, "settings": settings})
        panels += [p for p in self.unknown_panels if p["id"] not in self.docks]
        return {"window": {"geometry": _b64(self.saveGeometry()), "state": _b64(self.saveState()),
                           "docks": self._dock_places(), "tabs": self.tab_groups()},
                "panels": panels, "links": dict(self.context.links.symbols)}

    def _dock_places(self) -> dict[str, dict[str, Any]]:
        bar_height = {iid: bar.height() for ids, _front, bar in self._tab_bars() for iid in ids}
        places: dict[str, dict[str, Any]] = {}
        for instance_id, dock in self.docks.items():
            # isHidden(): closed by the user. (Not the view action: it unticks every panel when
            # the window itself closes, and the workspace is saved after that on quit.)
            place: dict[str, Any] = {"floating": dock.isFloating(), "closed": dock.isHidden()}
            if dock.isFloating():
                g = dock.geometry()
                place["geometry"] = [g.x(), g.y(), g.width(), g.height()]
            elif place["closed"] is False and self.rect().contains(dock.geometry()):
                # (Qt parks the panels behind a tab outside the window: those have no size)
                # resizeDocks() sizes a tab group with its tab bar: record it that way
                place["size"] = [dock.width(), dock.height() + bar_height.get(instance_id, 0)]
            places[instance_id] = place
        return places

    def _tab_bars(self) -> list[tuple[list[str], str, QTabBar]]:
        by_pointer = {shiboken6.getCppPointer(d)[0]: iid for iid, d in self.docks.items()}
        out = []
        for bar in self.findChildren(QTabBar):
            if bar.parentWidget() is not self or bar.count() < 2 or bar.isHidden():
                continue  # Qt keeps spare tab bars hidden; a panel's own tabs are not ours
            ids = [by_pointer.get(bar.tabData(i)) for i in range(bar.count())]
            if None in ids:
                continue
            # Qt can leave an outdated bar under the real one (seen after tabifying into a group
            # whose area spans a corner): the real one agrees with Qt's grouping and sits right
            # on top of its front panel.
            first, front = self.docks[ids[0]], self.docks[ids[bar.currentIndex()]]
            if {ids[0], *(d.objectName() for d in self.tabifiedDockWidgets(first))} != set(ids):
                continue
            g = bar.geometry()
            if (front.x(), front.width()) != (g.x(), g.width()) or front.y() < g.bottom():
                continue
            out.append((ids, ids[bar.currentIndex()], bar))
        return out

    def tab_groups(self) -> list[dict[str, Any]]:
        """Each tab group on screen: panel ids in tab order and the one in front."""
        return [{"ids": ids, "front": front} for ids, front, _bar in self._tab_bars()]

    def apply(self, data: dict[str, Any]) -> None:
        """Replace every panel with the workspace's panels, then restore geometry and docking.

        Every dock exists before Qt's state is restored (it finds docks by their id); the plainly
        recorded places (floating, closed, tab order and front tab) are applied after it, once the
        window is on screen, so they hold even when Qt's blob is missing or unusable."""
        self.remove_all_panels()
        self.context.links.symbols.update(data.get("links") or {})
        self.unknown_panels = []
        for p in data.get("panels", []):
            if self.open_panel(p["kind"], p["id"], p.get("settings"), p.get("link_group"),
                               p.get("symbol", ""), tab_with_kind=False, defer=self.defer_heavy) is None:
                self.unknown_panels.append(p)
        window = data.get("window") or {}
        if window.get("geometry"):
            self.restoreGeometry(_unb64(window["geometry"]))
        if window.get("state"):
            if not self.restoreState(_unb64(window["state"])):
                log.warning("saved dock layout could not be restored; panels keep default places")
        self._pending_places = (dict(window.get("docks") or {}), list(window.get("tabs") or []))
        if self.isVisible():
            self._apply_places()
        self.docks_changed.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pending_places is not None:
            QTimer.singleShot(0, self._apply_places)  # after Qt has laid the docks out

    def _apply_places(self) -> None:
        if self._pending_places is None:
            return
        places, tabs = self._pending_places
        self._pending_places = None
        for instance_id, place in places.items():
            dock = self.docks.get(instance_id)
            if dock is None:
                continue
            if place.get("floating") and not dock.isFloating():
                dock.setFloating(True)
            if place.get("floating") and place.get("geometry"):
                # saved on a monitor that is gone, or hand-edited: back where it can be reached
                dock.setGeometry(on_screen(QRect(*place["geometry"]), self.screen()))
            if place.get("closed") and not dock.isHidden():
                dock.hide()
            elif not place.get("closed") and dock.isHidden():
                dock.show()
        current = {tuple(g["ids"]): g["front"] for g in self.tab_groups()}
        for group in tabs:
            ids = [i for i in group["ids"] if i in self.docks and not self.docks[i].isFloating()
                   and not self.docks[i].isHidden()]
            if len(ids) < 2:
                continue
            if tuple(ids) not in current:
                first = self.docks[ids[0]]
                for other in ids[1:]:  # each joins the first's group at the end: the saved order
                    dock = self.docks[other]
                    if self.tabifiedDockWidgets(dock):  # Qt will not move a tab between groups
                        self.removeDockWidget(dock)
                        self.addDockWidget(self.dockWidgetArea(first), dock)
                        dock.show()
                    self.tabifyDockWidget(first, dock)
            front = group["front"] if group["front"] in ids else ids[0]
            self.docks[front].raise_()
        QTimer.singleShot(0, lambda: self._apply_sizes(places))  # once Qt has laid out the state

    def _apply_sizes(self, places: dict[str, Any]) -> None:
        """Docked panels back to their recorded sizes: Qt's restore can be a few pixels off (it
        re-fits the areas, e.g. when the corners belong to the side columns)."""
        sized = [(self.docks[i], p["size"]) for i, p in places.items()
                 if p.get("size") and i in self.docks and not self.docks[i].isFloating()
                 and not self.docks[i].isHidden()]
        if not sized:
            return
        self.resizeDocks([d for d, _ in sized], [s[0] for _, s in sized], Qt.Orientation.Horizontal)
        self.resizeDocks([d for d, _ in sized], [s[1] for _, s in sized], Qt.Orientation.Vertical)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.mode is Mode.LIVE:
            p = QPainter(self)
            pen = QPen(QColor(MODE_COLORS["live"][0]), LIVE_FRAME)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            p.setPen(pen)
            half = LIVE_FRAME / 2
            p.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))
            p.end()

    # ---- closing ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        event.accept()


def _b64(data: QByteArray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _unb64(text: str) -> QByteArray:
    try:
        return QByteArray(base64.b64decode(text))
    except ValueError:
        return QByteArray()
