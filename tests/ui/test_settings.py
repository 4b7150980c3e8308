"""App settings: a hand-edited settings file with wrong types never stops the app."""

import json

import pytest

from app.trading.session import Mode
from app.ui.settings import AppSettings


@pytest.mark.parametrize("bad", [{"workspace": 5}, {"workspace": {"a": 1}}, {"remember_keys": "yes"},
                                 {"theme": ["x"]}, {"language": 3}, {"keymap": ["Ctrl+Q"]},
                                 {"keymap": {"app.quit": "Ctrl+Q"}}, {"last_mode": None}])
def test_wrong_types_fall_back_to_defaults(make_shell, tmp_path, bad):
    cfg = tmp_path / "config"
    cfg.mkdir(exist_ok=True)
    (cfg / "settings.json").write_text(json.dumps(dict(bad, theme_unknown_key=1)), "utf-8")
    loaded = AppSettings.load(cfg / "settings.json")
    defaults = AppSettings()
    for key in bad:
        assert getattr(loaded, key) == getattr(defaults, key)
    shell = make_shell()
    shell.restore_workspace()
    shell.open_login(Mode.PAPER)
    assert shell.workspaces.current == "Default" and "log-1" in shell.window.docks  # the default layout
    shell.save_state()


def test_good_values_are_kept(tmp_path):
    path = tmp_path / "settings.json"
    AppSettings(theme="light", language="ko", workspace="선물", keymap={"app.quit": ["Ctrl+W"]},
                last_mode="paper", remember_keys=True).save(path)
    s = AppSettings.load(path)
    assert (s.theme, s.language, s.workspace, s.last_mode, s.remember_keys) == \
        ("light", "ko", "선물", "paper", True)
    assert s.keymap == {"app.quit": ["Ctrl+W"]}


UNREADABLE = [
    pytest.param(bytes(range(256)) * 4, id="random-bytes"),
    pytest.param(b'{"theme": "light", "keymap": {"app.quit": ["Ctrl+W"]', id="cut-json"),
    pytest.param('{"theme": "light"}'.encode("utf-16"), id="not-utf8"),
    pytest.param(b"[1, 2, 3]", id="not-an-object"),
]


@pytest.mark.parametrize("raw", UNREADABLE)
def test_an_unreadable_file_is_kept_aside_byte_for_byte_and_reported_once(tmp_path, raw):
    path = tmp_path / "settings.json"
    path.write_bytes(raw)
    loaded = AppSettings.load(path)
    assert loaded == AppSettings()  # defaults
    kept = list(tmp_path.glob("settings.broken-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    assert loaded.problem and str(kept[0]) in loaded.problem
    loaded.save(path)  # what the shell does on exit: the damaged file is not what it replaces
    again = AppSettings.load(path)
    assert again.problem is None  # told once
    assert kept[0].read_bytes() == raw and len(list(tmp_path.glob("settings.broken-*.json"))) == 1


def test_a_partly_wrong_file_keeps_its_good_values_and_a_copy_of_itself(tmp_path):
    path = tmp_path / "settings.json"
    raw = json.dumps({"theme": "light", "language": "ko", "workspace": 7, "stale_seconds": "ten",
                      "keymap": {"app.quit": ["Ctrl+W"], "app.login": "Ctrl+L"}}).encode()
    path.write_bytes(raw)
    loaded = AppSettings.load(path)
    assert (loaded.theme, loaded.language) == ("light", "ko")
    assert loaded.keymap == {"app.quit": ["Ctrl+W"]}
    assert (loaded.workspace, loaded.stale_seconds) == ("Default", 10)
    for name in ("workspace", "stale_seconds", "keymap[app.login]"):
        assert name in loaded.problem
    kept = list(tmp_path.glob("settings.broken-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    loaded.save(path)
    again = AppSettings.load(path)
    assert again.problem is None and again.keymap == {"app.quit": ["Ctrl+W"]} and again.theme == "light"
    assert "problem" not in json.loads(path.read_text("utf-8"))


def test_a_file_that_cannot_be_kept_aside_is_never_overwritten(tmp_path, monkeypatch):
    import app.ui.settings as settings_module

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "settings.json"
    path.write_bytes(b"\xff\xfe garbage")
    monkeypatch.setattr(settings_module.os, "replace", refuse)  # a folder the user cannot write
    loaded = AppSettings.load(path)
    monkeypatch.undo()
    assert loaded.problem and not loaded.writable
    loaded.save(path)
    assert path.read_bytes() == b"\xff\xfe garbage"


def test_the_shell_tells_the_user_about_a_damaged_settings_file_once(make_shell, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    cfg = tmp_path / "config"
    cfg.mkdir(exist_ok=True)
    (cfg / "settings.json").write_bytes(b"\x00\x01not json")
    shell = make_shell()
    shell.restore_workspace()
    def told():
        return [w for w in shell.window.findChildren(QMessageBox) if w.isVisible() and "settings.broken-" in w.text()]

    boxes = told()
    assert len(boxes) == 1
    for box in boxes:
        box.close()
    shell.restore_workspace()  # opening a workspace again says nothing more
    assert not told()
    shell.save_state()


@pytest.mark.parametrize("raw, korean", [
    (b"\xff\xfe garbage", "설정 파일을 읽을 수 없습니다 (UTF-8 텍스트가 아님)"),
    (json.dumps({"theme": "light", "stale_seconds": "ten"}).encode(), "쓸 수 없는 값이 든 설정을 기본값으로 되돌렸습니다: stale_seconds"),
])
def test_the_damaged_settings_message_is_in_the_interface_language(make_shell, tmp_path, raw, korean):
    """The file is read before the language is known (it holds it): the message was English in a
    Korean interface under a Korean title."""
    from PySide6.QtWidgets import QMessageBox

    cfg = tmp_path / "config"
    cfg.mkdir(exist_ok=True)
    (cfg / "settings.json").write_bytes(raw)
    shell = make_shell(lang="ko")
    shell.restore_workspace()
    boxes = [w for w in shell.window.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1 and boxes[0].windowTitle() == "설정 문제"
    assert korean in boxes[0].text() and "settings.broken-" in boxes[0].text()
    assert korean in shell.window.status.currentMessage()
    boxes[0].close()
    shell.save_state()


@pytest.mark.parametrize("bad", [{"color_convention": "martian"}, {"theme": "purple"}, {"language": "fr"},
                                 {"last_mode": "ultra"}, {"stale_seconds": -5}, {"stale_seconds": 10**9}])
def test_values_out_of_range_fall_back_to_defaults_and_the_shell_starts(make_shell, tmp_path, bad):
    """Right type, wrong value: "martian" colours stopped the start (KeyError in the quote style)."""
    cfg = tmp_path / "config"
    cfg.mkdir(exist_ok=True)
    (cfg / "settings.json").write_text(json.dumps(dict(bad, flash_ticks=False)), "utf-8")
    shell = make_shell()
    shell.restore_workspace()
    key = next(iter(bad))
    assert getattr(shell.settings, key) == getattr(AppSettings(), key)
    assert shell.settings.flash_ticks is False  # the good value is kept
    assert "chart-1" in shell.window.docks
    assert list(cfg.glob("settings.broken-*.json"))
    shell.save_state()
