"""tools/i18n.py refreshes the compiled translation without disturbing a running lsterm: the app
reads the .qm it loaded through a memory map, so the new file must replace it, not overwrite it."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_a_running_app_keeps_its_korean_while_the_translation_is_rebuilt(tmp_path):
    app = QCoreApplication.instance() or QCoreApplication([])
    tool = _tool()
    ts, qm = tmp_path / "lsterm_ko.ts", tmp_path / "lsterm_ko.qm"
    shutil.copy(ROOT / "resources" / "i18n" / "lsterm_ko.ts", ts)
    tool.release(ts, qm)
    running = QTranslator()
    assert running.load(str(qm))
    app.installTranslator(running)
    try:
        assert QCoreApplication.translate("HotkeyDialog", "Assign") == "지정"
        # a translation refreshed meanwhile: a message more at the front moves every offset
        text = ts.read_text("utf-8")
        front = text.index("<context>")
        extra = ("<context><name>AAA</name>" + "".join(
            f"<message><source>extra {i}</source><translation>추가 {i}</translation></message>"
            for i in range(300)) + "</context>")
        ts.write_text(text[:front] + extra + text[front:], "utf-8")
        tool.release(ts, qm)
        assert QCoreApplication.translate("HotkeyDialog", "Assign") == "지정"
        fresh = QTranslator()
        assert fresh.load(str(qm)) and fresh.translate("AAA", "extra 7") == "추가 7"
    finally:
        app.removeTranslator(running)
