"""packaging/bundle.py: metadata from pyproject.toml, and the pruning that keeps the bundle small
without dropping a library something kept still links to."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import bundle  # noqa: E402


def test_name_and_version_come_from_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    meta = bundle.metadata()
    assert (meta["name"], meta["version"]) == (project["name"], project["version"])


# a small world of libraries: who links to whom
LINKS = {
    "/q/libqxcb.so": ["libQt6Gui.so.6", "libxcb-cursor.so.0", "libX11.so.6"],
    "/q/libqgtk3.so": ["libgtk-3.so.0", "libX11.so.6", "libQt6Gui.so.6"],
    "/s/libgtk-3.so.0": ["libcairo.so.2", "libX11.so.6"],
    "/s/libcairo.so.2": ["libpixman-1.so.0"],
    "/q/libQt6Gui.so.6": ["libicuuc.so.73"],
    "/s/_ssl.so": ["libssl.so.3"],
}


def imports(path):
    return [(name, f"/s/{name}") for name in LINKS.get(path, [])]


def entry(dest, src):
    return (dest, src, "BINARY")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="library pruning runs on Linux only")
def test_prune_drops_the_gtk_theme_and_what_only_it_needed():
    binaries = [
        entry("PySide6/Qt/plugins/platforms/libqxcb.so", "/q/libqxcb.so"),
        entry("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/q/libqgtk3.so"),
        entry("PySide6/Qt/lib/libQt6Gui.so.6", "/q/libQt6Gui.so.6"),
        entry("python3.12/lib-dynload/_ssl.so", "/s/_ssl.so"),
        *(entry(n, f"/s/{n}") for n in ("libgtk-3.so.0", "libcairo.so.2", "libpixman-1.so.0", "libX11.so.6",
                                          "libxcb-cursor.so.0", "libicuuc.so.73", "libssl.so.3",
                                          "libpython3.12.so.1.0")),
    ]
    datas = [("PySide6/Qt/translations/qtbase_ko.qm", "x", "DATA"), ("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"),
             ("resources/i18n/lsterm_ko.qm", "x", "DATA")]
    kept, kept_data = bundle.prune(binaries, datas, imports=imports)
    names = {d for d, _s, _k in kept}
    assert "PySide6/Qt/plugins/platformthemes/libqgtk3.so" not in names
    assert not names & {"libgtk-3.so.0", "libcairo.so.2", "libpixman-1.so.0"}  # only the theme wanted them
    assert {"libX11.so.6", "libxcb-cursor.so.0", "libicuuc.so.73", "libssl.so.3"} <= names  # still linked
    assert "libpython3.12.so.1.0" in names  # loaded by the bootloader, linked by nothing
    assert [d for d, _s, _k in kept_data] == ["PySide6/Qt/translations/qtbase_ko.qm", "resources/i18n/lsterm_ko.qm"]


def test_every_hidden_import_exists():
    import importlib.util

    missing = [m for m in bundle.HIDDEN_IMPORTS if importlib.util.find_spec(m) is None]
    assert not missing, f"packaging/bundle.py names modules that are not installed: {missing}"


@pytest.mark.parametrize("dest", ["PySide6/Qt/plugins/platformthemes/libqgtk3.so",
                                  "PySide6\\translations\\qtbase_de.qm", "PySide6/Qt/translations/qt_help_fr.qm"])
def test_dropped_parts_on_every_wheel_layout(dest):
    assert bundle.dropped(dest)


@pytest.mark.parametrize("dest", ["PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6\\plugins\\platforms\\qwindows.dll",
                                  "PySide6/Qt/translations/qtbase_ko.qm", "PySide6\\translations\\qtbase_ko.qm",
                                  "resources/i18n/lsterm_ko.qm"])
def test_kept_parts_on_every_wheel_layout(dest):
    assert not bundle.dropped(dest)
