"""The app's start imports only what it uses: httpx without its command-line client."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
import sys
from app.main import skip_httpx_cli
skip_httpx_cli()
import httpx
client = httpx.AsyncClient()
print(sorted(m for m in ("click", "rich", "pygments", "httpx._main") if sys.modules.get(m) is not None))
"""


def test_httpx_loads_without_its_command_line_client():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


WARM = """
import sys, threading
seen = []
def hook(event, args):
    if event == "import" and threading.current_thread().name == "exchange-history":
        seen.append(args[0])
sys.addaudithook(hook)
from app.main import EmbeddedExchange
from app.sim import history
ex = EmbeddedExchange(5, None)
ex.warm()
ex._warm.join(120)
print(len(history._generated), sorted(set(seen)))
"""


def test_the_demo_history_is_made_ahead_on_a_thread_that_imports_nothing():
    """The demo's market history is generated on its own thread while the main thread imports the
    exchange: every instrument's, and the thread imports no module (two threads importing at once
    once broke a start in thirty)."""
    out = subprocess.run([sys.executable, "-c", WARM], capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, out.stderr
    made, imported = out.stdout.split(" ", 1)
    assert int(made) >= 100 and imported.strip() == "[]"


WINDOW = """
import asyncio, os, sys, tempfile
tmp = tempfile.mkdtemp()
for k in ("CONFIG", "DATA", "CACHE", "LOG"):
    os.environ[f"LSTERM_{k}_DIR"] = os.path.join(tmp, k.lower())
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.ui.paths import config_dir
from app.ui.shell import Shell
shell = Shell(config_dir(), start_exchange=None, lang="en")
shell.window.defer_heavy = True  # as app.main builds it: the chart after the first prices
shell.restore_workspace(None)
shell.window.show()
app.processEvents()
HEAVY = ("pydantic", "numpy", "httpx", "websockets", "app.ls.facade", "app.ls.models.base", "app.trading.bars")
print(len(shell.window.docks), sorted(m for m in HEAVY if m in sys.modules))
from app.main import CLIENT_MODULES, FIRST_MODELS, import_client
asyncio.run(import_client())
print(sorted(set(HEAVY + CLIENT_MODULES + tuple(f"app.ls.models.{name}" for name in FIRST_MODELS)) - set(sys.modules)))
from app.ls import LS, TokenManager  # the client core's names, loaded on first use
print(LS.__module__, TokenManager.__module__)
"""


def test_the_window_is_built_before_the_client_core_is_imported():
    """The default workspace's window needs neither pydantic and the TR models nor numpy (about
    0.4 s of a start): app.main imports them once the window shows (`import_client`), while the
    demo's exchange starts, with httpx's transport and the TR models of the first quotes (about
    0.2 s of the login and the first quotes otherwise). A module-level import of the client core
    from the shell, the context or a panel brings that time back before the first window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", WINDOW], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    built, after, names = out.stdout.strip().splitlines()[-3:]
    docks, before = built.split(" ", 1)
    assert int(docks) >= 8  # the default workspace's panels were built
    assert before == "[]", f"imported before the window: {before}"
    assert after == "[]", f"not imported by import_client: {after}"
    assert names == "app.ls.facade app.ls.token"
