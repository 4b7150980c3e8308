"""Workspace files: round trip, migration, corrupt files kept aside, import/export, rename/delete."""

import json

import pytest

from app.ui.workspace import VERSION, WorkspaceError, WorkspaceStore, migrate


def sample():
    return {"window": {"geometry": "", "state": ""}, "links": {"red": "AAPL"},
            "panels": [{"id": "log-1", "kind": "log", "link_group": None, "symbol": "",
                        "settings": {"level": "WARNING"}}]}


def test_round_trip_and_names(tmp_path):
    store = WorkspaceStore(tmp_path)
    store.save("Morning", sample())
    store.save("해외선물", sample())
    assert store.names() == ["Morning", "해외선물"]
    data = store.load("해외선물")
    assert data["version"] == VERSION and data["name"] == "해외선물"
    assert data["panels"][0]["settings"] == {"level": "WARNING"}
    assert data["links"] == {"red": "AAPL"}


def test_file_has_no_app_version_or_path(tmp_path):
    store = WorkspaceStore(tmp_path)
    text = store.save("A", sample()).read_text("utf-8")
    assert "0.1.0" not in text and str(tmp_path) not in text


def test_version_1_is_migrated(tmp_path):
    old = {"version": 1, "name": "Old", "geometry": "", "dock_state": "",
           "docks": [{"name": "log-1", "type": "log", "group": "blue", "config": {"level": "ERROR"}}]}
    (tmp_path / "Old.json").write_text(json.dumps(old), "utf-8")
    data = WorkspaceStore(tmp_path).load("Old")
    assert data["version"] == VERSION
    assert data["panels"] == [{"id": "log-1", "kind": "log", "link_group": "blue", "symbol": "",
                               "settings": {"level": "ERROR"}}]


@pytest.mark.parametrize("content", ["{not json", "[]", '{"version": 2}',
                                     '{"version": 2, "panels": [{"kind": 5}]}', "\udcff",
                                     '{"version": 1, "docks": [1]}', '{"version": 1, "docks": null}',
                                     '{"version": 1, "docks": "abc"}', '{"version": true, "docks": []}'])
def test_corrupt_file_is_kept_aside(tmp_path, content):
    store = WorkspaceStore(tmp_path)
    path = store.path("Bad")
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(WorkspaceError) as err:
        store.load("Bad")
    assert err.value.kept is not None and err.value.kept.exists()
    assert not path.exists()
    assert "Bad" not in store.names()


def test_import_export_rename_delete(tmp_path):
    store = WorkspaceStore(tmp_path / "ws")
    store.save("A", sample())
    out = store.export("A", tmp_path / "shared.json")
    assert json.loads(out.read_text("utf-8"))["name"] == "A"
    assert store.import_file(out) == "A (2)"
    store.rename("A (2)", "B")
    assert store.names() == ["A", "B"]
    store.delete("A")
    assert store.names() == ["B"]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", "utf-8")
    with pytest.raises(WorkspaceError):
        store.import_file(bad)
    assert bad.exists()  # an imported file is never moved


def test_migrate_rejects_non_objects():
    with pytest.raises(ValueError):
        migrate([1, 2])


def test_rename_that_lands_on_the_same_file_keeps_the_workspace(tmp_path, monkeypatch):
    # On a case-insensitive disk (macOS, Windows) "foo.json" and "Foo.json" are two names of
    # one file; deleting the old name after saving the new one would lose the workspace. A
    # folder link gives the same file a second name here.
    store = WorkspaceStore(tmp_path / "ws")
    store.save("foo", sample())
    alias = tmp_path / "alias"
    alias.symlink_to(tmp_path / "ws")
    real = store.path
    monkeypatch.setattr(store, "path", lambda name: alias / real("foo").name if name == "Foo" else real(name))
    store.rename("foo", "Foo")
    assert store.exists("Foo") and store.load("Foo")["links"] == {"red": "AAPL"}
