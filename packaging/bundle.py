"""What goes into the frozen lsterm, in one place: metadata from pyproject.toml, data files,
hidden imports and excluded modules. Read by lsterm.spec, build.py and the packaging tests."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "kr.lsterm.terminal"  # macOS bundle id, Windows AppUserModelID, Linux desktop id
ICON_SOURCE = ROOT / "resources" / "icons" / "lsterm-1024.png"  # every platform icon is made from it

# Data files the app reads at run time, as (file or folder relative to ROOT, folder in the bundle).
# resources/ is found through app.ui.paths.resources_dir() (sys._MEIPASS/resources when frozen);
# the LS spec is package data beside app/ls (app.sim.wire reads it relative to its package).
DATA = [
    ("resources/icons", "resources/icons", "*.png"),
    ("resources/i18n", "resources/i18n", "*.qm"),
    ("app/ls/data", "app/ls/data", "*.json"),
]

# Imported by name at run time, which PyInstaller's analysis cannot see: panel kinds
# (registry.load_builtin), TR models (importlib by TR code), keyring and platformdirs backends,
# websockets' lazy modules. The app's own packages are collected whole by the spec.
HIDDEN_IMPORTS = [
    "qasync", "pyqtgraph", "websockets", "websockets.asyncio.client", "websockets.asyncio.server",
    "websockets.legacy", "keyring", "keyring.backends", "aiohttp", "pydantic", "pydantic_core",
    "orjson", "httpx", "sniffio", "dotenv", "platformdirs", "numpy.random", "sqlite3",
    "PySide6.QtTest",  # the self-test's key events
]
COLLECT_SUBMODULES = ["app", "keyring.backends", "platformdirs", "websockets"]
# dist-info folders the code reads through importlib.metadata (version, keyring's entry points)
METADATA = ["lsterm", "keyring"]

# Qt modules lsterm never uses (it needs QtCore, QtGui, QtWidgets, QtSvg, QtTest and the OpenGL
# modules pyqtgraph imports), and Python packages that only tests or other tools use.
QT_UNUSED = ["QtConcurrent", "QtDBus", "QtDesigner", "QtHelp", "QtLabsStyleKit", "QtNetwork",
             "QtPrintSupport", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuickControls2", "QtQuickTest",
             "QtQuickWidgets", "QtSql", "QtSvgWidgets", "QtUiTools", "QtXml", "Qt3DCore", "QtCharts",
             "QtMultimedia", "QtWebEngineCore", "QtWebEngineWidgets", "QtPdf", "QtBluetooth",
             "QtPositioning", "QtSerialPort", "QtWebSockets"]
EXCLUDES = [f"PySide6.{m}" for m in QT_UNUSED] + [
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "hypothesis", "IPython", "matplotlib",
    "scipy", "PyQt5", "PyQt6", "PySide2", "importlinter", "grimp", "ruff", "setuptools", "pip",
    "pyqtgraph.opengl", "pyqtgraph.examples", "pyqtgraph.jupyter", "PIL",
    # httpx's command-line client (httpx._main) and what only it imports; the app never runs it
    # and httpx falls back to a stub without them (see app.main.skip_httpx_cli)
    "httpx._main", "click", "rich", "pygments",
]

# Qt parts in the bundle that lsterm never loads (bundle paths, by prefix). The GTK platform theme
# alone pulls in GTK, GDK, cairo, pango and atk (~20 MB); Qt's own dialogs and Fusion serve instead.
# Paths as in the Linux and macOS wheels (PySide6/Qt/...); Windows wheels have no Qt/ level and
# are matched the same way.
DROP = [
    "PySide6/plugins/platformthemes/libqgtk3",
    "PySide6/plugins/platforms/libqeglfs", "PySide6/plugins/platforms/libqlinuxfb",
    "PySide6/plugins/platforms/libqvnc", "PySide6/plugins/platforms/libqvkkhrdisplay",
    "PySide6/plugins/platforms/libqminimalegl",
    "PySide6/plugins/egldeviceintegrations/", "PySide6/plugins/generic/",
]
TRANSLATIONS = "PySide6/translations/"
KEEP_TRANSLATIONS = ("_ko.qm",)  # Qt's own Korean strings (dialog buttons); English needs none


def dropped(dest: str) -> bool:
    dest = dest.replace("\\", "/").replace("PySide6/Qt/", "PySide6/", 1)
    if dest.startswith(TRANSLATIONS):
        return not dest.endswith(KEEP_TRANSLATIONS)
    return any(dest.startswith(prefix) for prefix in DROP)


def prune(binaries: list, datas: list, imports=None) -> tuple[list, list]:
    """Drop the DROP parts and Qt's other translations; on Linux also every top-level shared
    library that nothing kept links to any more (what only the dropped plugins needed).
    `imports(path)` lists a library's needs as (name, path) pairs (PyInstaller's bindepend)."""
    import sys

    binaries = [b for b in binaries if not dropped(b[0])]
    datas = [d for d in datas if not dropped(d[0])]
    if not sys.platform.startswith("linux"):
        return binaries, datas
    if imports is None:
        from PyInstaller.depend.bindepend import get_imports as imports

    def optional(dest: str) -> bool:  # a top-level library pulled in only as a dependency
        name = dest.rsplit("/", 1)[-1]
        return "/" not in dest and name.startswith("lib") and ".so" in name and not name.startswith("libpython")

    roots = [b for b in binaries if not optional(b[0])]
    candidates = {b[0]: b for b in binaries if optional(b[0])}
    needed: set[str] = set()
    todo = [b[1] for b in roots]
    seen: set[str] = set()
    while todo:
        src = todo.pop()
        if src in seen:
            continue
        seen.add(src)
        for name, _path in imports(src):
            if name not in needed:
                needed.add(name)
                if name in candidates:
                    todo.append(candidates[name][1])
    return roots + [b for dest, b in candidates.items() if dest in needed], datas


def metadata() -> dict[str, str]:
    """name, version and description from pyproject.toml: the one place they are written."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    return {"name": project["name"], "version": project["version"],
            "description": project.get("description", "")}


def data_files() -> list[tuple[str, str]]:
    """(source file, bundle folder) for every data file DATA names; an empty pattern is an error
    (a renamed folder must not quietly ship an app without its translations)."""
    out = []
    for src, dest, pattern in DATA:
        files = sorted((ROOT / src).glob(pattern))
        if not files:
            raise FileNotFoundError(f"no {pattern} in {ROOT / src}: the bundle would lack them")
        out += [(str(f), dest) for f in files]
    return out


def platform_tag() -> str:
    """linux-x86_64, macos-arm64, windows-x86_64 ... for artefact names."""
    import platform
    import sys

    system = {"darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"
