"""Workspace commands on the window: default layout, save / save as / load / rename / delete / import / export."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QTimer, Signal

from app.ui import default_layout, dialogs
from app.ui.mainwindow import MainWindow
from app.ui.workspace import DEFAULT_NAME, WorkspaceError, WorkspaceStore, display_name, file_stem, migrate, real_name

log = logging.getLogger(__name__)
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

def default_workspace(lang: str = "en") -> dict[str, Any]:
    """The factory workspace (see app/ui/default_layout.py for where each panel goes)."""
    return migrate({"version": 2, "name": DEFAULT_NAME, "window": {}, "links": {"red": default_layout.FIRST_SYMBOL},
                    "panels": default_layout.default_panels(lang)})


def documents_dir() -> Path:
    """Where exports go and imports start: the user's documents folder (else home)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


class WorkspaceController(QObject):
    problem = Signal(str)  # a message the user must see (corrupt file ...)
    done = Signal(str)  # a command the user gave succeeded (saved, exported ...)
    current_changed = Signal(str)

    def __init__(self, window: MainWindow, store: WorkspaceStore, parent: QObject | None = None):
        super().__init__(parent)
        self.window = window
        self.store = store
        self.current = DEFAULT_NAME
        self.previous = ""  # the workspace open before the current one: Switch offers it first
        window.workspace_label = self.label

    def label(self, name: str) -> str:
        """``name`` as the user sees it (the Default workspace in the interface language)."""
        return display_name(name, self.names())

    def names(self) -> list[str]:
        """Every workspace the user can open: the saved ones, the current one and Default (which
        is only written on exit, so it has no file until then)."""
        return sorted(set(self.store.names()) | {DEFAULT_NAME, self.current}, key=str.casefold)

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
        self._apply(data)
        self._set_current(name)
        return True

    def _apply(self, data: dict) -> None:
        """Open a workspace; an old factory layout (see workspace.V2_FACTORY) opens as today's."""
        if data.get("factory"):
            log.info("workspace %s was the old factory layout: opening the trading layout", data.get("name"))
            self.reset()
        else:
            self.window.apply(data)

    def _open_default(self) -> None:
        """The user's saved Default workspace, else the default layout (never overwrite the file
        with the factory layout: it is saved under that name on exit)."""
        try:
            self._apply(self.store.load(DEFAULT_NAME))
        except WorkspaceError as exc:
            if exc.kept is not None:
                log.warning("default workspace unreadable too (%s); kept as %s", exc, exc.kept)
            self.reset()
        self._set_current(DEFAULT_NAME)

    def reset(self) -> None:
        self.window.apply(default_workspace(self.window.context.lang))
        default_layout.arrange(self.window)
        self.window.resize(1440, 880)
        # Dock sizes only take once the window is laid out: after it is shown.
        QTimer.singleShot(0, lambda: default_layout.size(self.window))

    def ask_reset(self) -> None:
        """Reset, once the trader says so: the layout built by hand is replaced, and the
        workspace is saved that way on the next switch or quit (one stray click did it before)."""
        dialogs.confirm(self.window, translate("Workspaces", "Reset to default layout"),
                        translate("Workspaces", "Put the workspace “{0}” back to the default layout? Its "
                                                "panels, their places and settings are replaced.").format(
                            self.label(self.current)), self.reset)

    def save(self, name: str | None = None, announce: bool = False) -> Path:
        name = name or self.current
        path = self.store.save(name, self.window.capture())
        self._set_current(name)
        log.info("workspace %s saved", name)
        if announce:
            self.done.emit(QCoreApplication.translate("Workspaces", "Workspace “{0}” saved.").format(self.label(name)))
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
            out = self.store.export(self.current, Path(path))
        except OSError as exc:  # a folder that is gone or not writable: tell, don't crash
            self.problem.emit(QCoreApplication.translate(
                "Workspaces", "The workspace could not be exported to {0}: {1}").format(
                    str(path), exc.strerror or str(exc)))
            return None
        self.done.emit(QCoreApplication.translate("Workspaces", "Workspace “{0}” exported to {1}.").format(
            self.label(self.current), str(out)))
        return out

    def import_from(self, path: str | Path) -> str | None:
        try:
            name = self.store.import_file(Path(path))
        except WorkspaceError as exc:
            self.problem.emit(QCoreApplication.translate("Workspaces", "That file is not a usable workspace: {0}").format(str(exc)))
            return None
        self.save()  # like switching: the current workspace keeps its changes
        self.open(name)
        self.done.emit(QCoreApplication.translate("Workspaces", "Workspace “{0}” imported.").format(name))
        return name

    def _set_current(self, name: str) -> None:
        if name != self.current:
            self.previous = self.current
        self.current = name
        self.window.set_workspace_name(name)
        self.current_changed.emit(name)

    # ---- commands with dialogs -------------------------------------------------------------
    def fresh_name(self) -> str:
        """A name no workspace has yet ("Workspace 2" ...), offered by Save as."""
        taken = {self.store.path(n) for n in self.names()}
        n = 1
        while self.store.path(name := translate("Workspaces", "Workspace {0}").format(n)) in taken:
            n += 1
        return name

    def ask_save_as(self) -> None:
        dialogs.ask_text(self.window, translate("Workspaces", "Save workspace as"),
                         translate("Workspaces", "Name:"), self.fresh_name(), self._save_as)

    def _save_as(self, name: str) -> None:
        """Save under `name`, asking first when that would replace another saved workspace."""
        name = real_name(name, self.names())
        if self.store.path(name) == self.store.path(self.current) or not self.store.exists(name):
            self.save(name, announce=True)
            return
        dialogs.confirm(self.window, translate("Workspaces", "Save workspace as"),
                        translate("Workspaces", "A workspace named “{0}” already exists. Replace it?").format(name),
                        lambda: self.save(name, announce=True))

    def _other_first(self, names: list[str]) -> str:
        """The workspace a Switch most likely wants: the previous one, else any but the current."""
        if self.previous in names and self.previous != self.current:
            return self.previous
        return next((n for n in names if n != self.current), self.current)

    def ask_load(self) -> None:
        names = self.names()
        self._choose(translate("Workspaces", "Switch workspace"), translate("Workspaces", "Workspace:"),
                     names, self._other_first(names), self._switch)

    def _choose(self, title: str, label: str, names: list[str], current: str, on_ok: Any) -> None:
        """A choice among ``names`` shown by their labels; ``on_ok`` gets the name."""
        labels = {self.label(n): n for n in names}
        dialogs.ask_choice(self.window, title, label, list(labels), self.label(current),
                           lambda text: on_ok(labels.get(text, text)))

    def _switch(self, name: str) -> None:
        if name != self.current:
            self.save()
        self.open(name)

    def ask_rename(self) -> None:
        old = self.current
        dialogs.ask_text(self.window, translate("Workspaces", "Rename workspace"),
                         translate("Workspaces", "New name:"), self.label(old),
                         lambda new: self.rename(old, real_name(new, self.names())))

    def ask_delete(self) -> None:
        """Choose which saved workspace to delete (the current one is offered), then confirm."""
        names = sorted(set(self.store.names()) | {self.current}, key=str.casefold)
        self._choose(translate("Workspaces", "Delete workspace"), translate("Workspaces", "Workspace to delete:"),
                     names, self.current, self._confirm_delete)

    def _confirm_delete(self, name: str) -> None:
        text = translate("Workspaces", "Delete the workspace “{0}”?").format(self.label(name))
        if name == self.current:
            text += " " + translate("Workspaces", "It is open now: the Default workspace opens instead.")
        dialogs.confirm(self.window, translate("Workspaces", "Delete workspace"), text,
                        lambda: self._delete(name))

    def _delete(self, name: str) -> None:
        if name == self.current:
            self.delete_current()
        else:
            self.delete(name)
        self.done.emit(translate("Workspaces", "Workspace “{0}” deleted.").format(self.label(name)))

    def ask_export(self) -> None:
        dialogs.pick_file(self.window, translate("Workspaces", "Export workspace"), True, self.export_to,
                          str(documents_dir() / f"{file_stem(self.current)}.json"))

    def ask_import(self) -> None:
        dialogs.pick_file(self.window, translate("Workspaces", "Import workspace"), False, self.import_from,
                          str(documents_dir()))
