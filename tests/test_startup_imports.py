"""The app's start imports only what it uses: httpx without its command-line client."""

from __future__ import annotations

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
