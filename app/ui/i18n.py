"""Language (system locale or setting), Qt translators from resources/i18n, and the app icon."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app.ui.paths import resources_dir

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def resolve(setting: str | None) -> str:
    """'ko' or 'en' from a setting ('auto' follows the system locale)."""
    if setting in ("ko", "en"):
        return setting
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


def install(app: QApplication, lang: str) -> bool:
    """Swap in the translators for `lang` (English is the source language: none needed)."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang != "ko":
        return True
    ok = False
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "i18n" / "lsterm_ko.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
        ok = True
    else:
        log.warning("Korean translation file missing; the interface stays in English")
    qt = QTranslator(app)
    if qt.load("qtbase_ko", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok


def app_icon() -> QIcon:
    icon = QIcon()
    base = resources_dir() / "icons"
    for size in (16, 32, 48, 64, 128, 256):
        png = base / f"lsterm-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    svg = base / "lsterm.svg"
    if icon.isNull() and svg.is_file():
        icon.addFile(str(svg))
    return icon
