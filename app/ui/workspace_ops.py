"""Workspace commands on the window: default layout, save / save as / load / rename / delete / import / export."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal

from app.ui import dialogs
from app.ui.mainwindow import MainWindow
from app.ui.workspace import DEFAULT_NAME, WorkspaceError, WorkspaceStore, migrate

log = logging.getLogger(__name__)

# The layout a first start (or "reset") opens: later issues add their panels here.
DEFAULT_PANELS: list[dict[str, Any]] = [
    {"id": "session-1", "kind": "session", "link_group": None, "symbol": "", "settings": {}},
    {"id": "log-1", "kind": "log", "link_group": None, "symbol": "", "settings": {}},
]



def default_workspace() -> dict[str, Any]:
    return migrate({"version": 2, "name": DEFAULT_NAME, "window": {}, "links": {},
                    "panels": [dict(p) for p in DEFAULT_PANELS]})


class WorkspaceController(QObject):
    problem = Signal(str)  # a message the user must see (corrupt file ...)
    current_changed = Signal(str)

    def __init__(self, window: MainWindow, store: WorkspaceStore, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.store = store
        self.current = DEFAULT_NAME

    # ---- core operations (no dialogs; used by tests and the dialog wrappers) ---------------
    def open(self, name: str) -> bool:
        """Load a workspace by name; on a broken file open the default and report it."""
        try:
            data = self.store.load(name)
        except WorkspaceError as exc:
            broken = self.store.exists(name) or exc.kept is not None
            if broken:
                msg = QCoreApplication.translate("Workspaces", "The workspace “{0}” could not be read ({1}). The default layout was "
                         "opened instead.").format(name, str(exc))
                if exc.kept is not None:
                    msg += " " + QCoreApplication.translate("Workspaces", "The broken file was kept as {0}.").format(str(exc.kept))
                log.warning("%s", msg)
                self.problem.emit(msg)
            if broken:
                self._open_default()
            else:  # a name never saved: a new workspace with the default layout
                self.reset()
                self._set_current(name)
            return False
        self.window.apply(data)
        self._set_current(name)
        return True

    def _open_default(self) -> None:
        """The user's saved Default workspace, else the default layout (never overwrite the file
        with the factory layout: it is saved under that name on exit)."""
        try:
            self.window.apply(self.store.load(DEFAULT_NAME))
        except WorkspaceError as exc:
            if exc.kept is not None:
                log.warning("default workspace unreadable too (%s); kept as %s", exc, exc.kept)
            self.reset()
        self._set_current(DEFAULT_NAME)

    def reset(self) -> None:
        self.window.apply(default_workspace())
        self.window.resize(1440, 880)
        # Dock sizes only take once the window is laid out: after it is shown.
        QTimer.singleShot(0, self._default_sizes)

    def _default_sizes(self) -> None:
        session = self.window.docks.get("session-1")
        if session is not None and not session.isFloating():
            self.window.resizeDocks([session], [380], Qt.Orientation.Horizontal)

    def save(self, name: str | None = None) -> Path:
        name = name or self.current
        path = self.store.save(name, self.window.capture())
        self._set_current(name)
        log.info("workspace %s saved", name)
        return path

    def delete(self, name: str) -> None:
        self.store.delete(name)
        if name == self.current:
            self._set_current(DEFAULT_NAME)

    def delete_current(self) -> None:
        """Delete the open workspace and open the saved Default (or the default layout)."""
        self.store.delete(self.current)
        self._open_default()

    def rename(self, old: str, new: str) -> bool:
        """Rename a workspace; refused (and told) when another one already has that file name."""
        if self.store.path(new) != self.store.path(old) and self.store.exists(new):
            self.problem.emit(QCoreApplication.translate(
                "Workspaces", "A workspace named “{0}” already exists. Choose another name.").format(new))
            return False
        if old == self.current:
            self.save(old)
        self.store.rename(old, new)
        if old == self.current:
            self._set_current(new)
        return True

    def export_to(self, path: str | Path) -> Path | None:
        self.save()
        try:
            return self.store.export(self.current, Path(path))
        except OSError as exc:  # a folder that is gone or not writable: tell, don't crash
            self.problem.emit(QCoreApplication.translate(
                "Workspaces", "The workspace could not be exported to {0}: {1}").format(
                    str(path), exc.strerror or str(exc)))
            return None

    def import_from(self, path: str | Path) -> str | None:
        try:
            name = self.store.import_file(Path(path))
        except WorkspaceError as exc:
            self.problem.emit(QCoreApplication.translate("Workspaces", "That file is not a usable workspace: {0}").format(str(exc)))
            return None
        self.save()  # like switching: the current workspace keeps its changes
        self.open(name)
        return name

    def _set_current(self, name: str) -> None:
        self.current = name
        self.window.set_workspace_name(name)
        self.current_changed.emit(name)

    # ---- commands with dialogs -------------------------------------------------------------
    def ask_save_as(self) -> None:
        dialogs.ask_text(self.window, QCoreApplication.translate("Workspaces", "Save workspace as"), QCoreApplication.translate("Workspaces", "Name:"), self.current,
                         self._save_as)

    def _save_as(self, name: str) -> None:
        """Save under `name`, asking first when that would replace another saved workspace."""
        if self.store.path(name) == self.store.path(self.current) or not self.store.exists(name):
            self.save(name)
            return
        dialogs.confirm(self.window, QCoreApplication.translate("Workspaces", "Save workspace as"),
                        QCoreApplication.translate(
                            "Workspaces", "A workspace named “{0}” already exists. Replace it?").format(name),
                        lambda: self.save(name))

    def ask_load(self) -> None:
        names = self.store.names() or [DEFAULT_NAME]
        dialogs.ask_choice(self.window, QCoreApplication.translate("Workspaces", "Switch workspace"), QCoreApplication.translate("Workspaces", "Workspace:"), names,
                           self.current, self._switch)

    def _switch(self, name: str) -> None:
        if name != self.current:
            self.save()
        self.open(name)

    def ask_rename(self) -> None:
        old = self.current
        dialogs.ask_text(self.window, QCoreApplication.translate("Workspaces", "Rename workspace"), QCoreApplication.translate("Workspaces", "New name:"), old,
                         lambda new: self.rename(old, new))

    def ask_delete(self) -> None:
        name = self.current
        dialogs.confirm(self.window, QCoreApplication.translate("Workspaces", "Delete workspace"),
                        QCoreApplication.translate("Workspaces", "Delete the workspace “{0}”?").format(name),
                        lambda: self.delete_current() if name == self.current else self.delete(name))

    def ask_export(self) -> None:
        dialogs.pick_file(self.window, QCoreApplication.translate("Workspaces", "Export workspace"), True, self.export_to,
                          f"{self.current}.json")

    def ask_import(self) -> None:
        dialogs.pick_file(self.window, QCoreApplication.translate("Workspaces", "Import workspace"), False, self.import_from)
