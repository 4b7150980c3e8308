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
