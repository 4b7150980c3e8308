"""Upgrades keep user data: a workspace written by a newer lsterm is not opened and is left
exactly as it is — never set aside as broken, never overwritten — by an older lsterm."""

from __future__ import annotations

import json

import pytest

from app.ui.workspace import VERSION, WorkspaceError, WorkspaceStore, WorkspaceTooNew

NEWER = json.dumps({"format": "lsterm-workspace", "version": VERSION + 1, "name": "Trading",
                    "panels": [{"id": "hologram-1", "kind": "hologram", "settings": {"depth": 3}}],
                    "window": {"layout-v4": "whatever a newer lsterm writes"}}, indent=1)


def test_the_store_reports_it_and_leaves_it_in_place(tmp_path):
    store = WorkspaceStore(tmp_path)
    path = store.path("Trading")
    path.write_text(NEWER, "utf-8")
    with pytest.raises(WorkspaceTooNew) as err:
        store.load("Trading")
    assert isinstance(err.value, WorkspaceError) and err.value.kept is None
    assert f"workspace format {VERSION + 1}" in str(err.value) and "left as it is" in str(err.value)
    assert path.read_text("utf-8") == NEWER
    assert [p.name for p in tmp_path.iterdir()] == ["Trading.json"]  # nothing set aside
    assert store.names() == ["Trading"]


def test_saving_over_it_leaves_it_untouched(tmp_path):
    store = WorkspaceStore(tmp_path)
    path = store.path("Trading")
    path.write_text(NEWER, "utf-8")
    store.save("Trading", {"panels": [], "window": {}})
    assert path.read_text("utf-8") == NEWER
    store.save("Other", {"panels": [], "window": {}})  # other workspaces save as usual
    assert json.loads(store.path("Other").read_text("utf-8"))["version"] == VERSION


def test_the_window_opens_the_default_says_why_and_quits_without_touching_it(make_shell, tmp_path):
    """The user's last workspace and their Default are both a newer lsterm's: the older one
    starts on the factory layout, tells the user, and on quit writes neither file."""
    folder = tmp_path / "config" / "workspaces"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("Trading", "Default"):
        (folder / f"{name}.json").write_text(NEWER, "utf-8")
    told: list[str] = []
    s = make_shell()
    s.workspaces.problem.connect(told.append)
    s.workspaces.open("Trading")
    assert s.workspaces.current == "Default"
    assert "hologram-1" not in s.window.docks and s.window.docks  # the factory layout
    assert len(told) == 1 and "newer lsterm" in told[0] and "Trading.json" in told[0]
    s.save_state()  # what quitting does
    assert sorted(p.name for p in folder.iterdir()) == ["Default.json", "Trading.json"]
    for name in ("Trading", "Default"):
        assert (folder / f"{name}.json").read_text("utf-8") == NEWER


def test_an_import_of_a_newer_file_is_refused_and_the_file_kept(tmp_path):
    store = WorkspaceStore(tmp_path / "ws")
    source = tmp_path / "from-a-colleague.json"
    source.write_text(NEWER, "utf-8")
    with pytest.raises(WorkspaceTooNew):
        store.import_file(source)
    assert source.read_text("utf-8") == NEWER and store.names() == []
