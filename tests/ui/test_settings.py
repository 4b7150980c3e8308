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
    assert sorted(shell.window.docks) == ["log-1", "session-1"]
    shell.save_state()


def test_good_values_are_kept(tmp_path):
    path = tmp_path / "settings.json"
    AppSettings(theme="light", language="ko", workspace="선물", keymap={"app.quit": ["Ctrl+W"]},
                last_mode="paper", remember_keys=True).save(path)
    s = AppSettings.load(path)
    assert (s.theme, s.language, s.workspace, s.last_mode, s.remember_keys) == \
        ("light", "ko", "선물", "paper", True)
    assert s.keymap == {"app.quit": ["Ctrl+W"]}
