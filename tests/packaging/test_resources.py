"""The frozen app finds its data through the same lookup as the source tree: translations and
icons through app.ui.paths.resources_dir() (sys._MEIPASS/resources when frozen), the LS spec as
package data beside app/ls. Here the bundle's layout is built from packaging/bundle.py's list
(what lsterm.spec ships) and the lookups run in a child process that believes it is frozen."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import bundle  # noqa: E402

PROBE = r"""
import json, sys
meipass = sys.argv[1]
sys.frozen, sys._MEIPASS = True, meipass
sys.path.insert(0, meipass)
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.ui import i18n, paths
from app.sim import wire
print(json.dumps({
    "resources": str(paths.resources_dir()),
    "korean": i18n.install(app, "ko"),
    "translated": app.translate("Shell", "Settings problem"),
    "icon": not i18n.app_icon().isNull(),
    "spec_trs": len(wire.spec().get("rest", wire.spec())),
    "wire_from": wire.__file__,
}))
"""


def frozen_layout(target: Path, drop: str = "") -> Path:
    """The bundle's layout: the app package as PyInstaller places it, plus bundle.data_files()."""
    shutil.copytree(ROOT / "app", target / "app", ignore=shutil.ignore_patterns("__pycache__", "*.json"))
    for src, dest in bundle.data_files():
        if drop and drop in Path(src).as_posix():
            continue
        (target / dest).mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target / dest)
    return target


def probe(meipass: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE, str(meipass)], cwd=meipass, capture_output=True,
                         text=True, timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_translations_icons_and_spec_are_found_in_the_frozen_layout(tmp_path):
    meipass = frozen_layout(tmp_path / "bundle")
    got = probe(meipass)
    assert got["resources"] == str(meipass / "resources")
    assert got["korean"] is True and got["translated"] == "설정 문제"
    assert got["icon"] is True
    assert got["spec_trs"] > 0
    assert got["wire_from"].startswith(str(meipass))  # the spec was read from the bundle, not the checkout


def test_a_bundle_without_the_translation_falls_back_to_english(tmp_path):
    got = probe(frozen_layout(tmp_path / "bundle", drop="resources/i18n"))
    assert got["korean"] is False and got["translated"] == "Settings problem"


def test_a_bundle_without_the_spec_cannot_serve_demo_mode(tmp_path):
    meipass = frozen_layout(tmp_path / "bundle", drop="app/ls/data")
    out = subprocess.run([sys.executable, "-c", PROBE, str(meipass)], cwd=meipass, capture_output=True,
                         text=True, timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert out.returncode != 0 and "spec.json" in out.stderr


def test_every_data_folder_the_bundle_lists_exists_and_a_missing_one_is_an_error(monkeypatch):
    files = [Path(src).relative_to(ROOT).as_posix() for src, _ in bundle.data_files()]
    assert "resources/i18n/lsterm_ko.qm" in files and "app/ls/data/spec.json" in files
    assert "resources/icons/lsterm-256.png" in files
    monkeypatch.setattr(bundle, "DATA", [("resources/nowhere", "resources/nowhere", "*.qm")])
    with pytest.raises(FileNotFoundError, match="nowhere"):
        bundle.data_files()
