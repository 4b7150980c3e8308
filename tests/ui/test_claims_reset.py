"""The demo reset claim tests (tests/ui/claims_reset_cases.py), run in a child pytest process.

They run the embedded exchange on a thread beside Qt, in process, as the terminal does. After
other Qt tests in the same process that has crashed natively (a segfault in the exchange's
thread), which would take the whole suite down with it; in a child process it is one failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_reset_puts_balances_and_positions_back_cli_and_menu():
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/ui/claims_reset_cases.py"], cwd=ROOT, capture_output=True, text=True,
                         timeout=600, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert out.returncode == 0, (out.stdout + out.stderr)[-4000:]
    assert "2 passed" in out.stdout, out.stdout[-2000:]
