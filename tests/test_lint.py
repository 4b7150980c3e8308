"""Static mistakes (undefined names, unused imports, syntax errors) fail the test run."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_no_mistakes():
    exe = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(exe), "check", "app", "tests", "bench", "examples", "tools"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
