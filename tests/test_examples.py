"""Every script in examples/ runs to completion against the embedded exchange, as README says.

Each runs as a user would run it (``python examples/<name>.py``), in its own process with the
user's config, data and cache directories pointed at a temporary folder. They all start at
once (each mostly waits for its exchange), and each one's result is its own test.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.py") if not p.name.startswith("_"))
# what each kind of script prints when it has done its job
DONE = {
    "run_token.py": "access token issued:",
    "run_g3101.py": "[00000",
    "run_g3102.py": "complete",
    "run_o3101.py": "[00000",
    "run_CIDBT00100.py": "cancelled:",
    "run_COSAT00311.py": "cancelled [",
    "real_GSC.py": "trades in",
    "real_GSH.py": "book updates in",
    "real_OVC.py": "trades of",
    "real_OVH.py": "book updates of",
}


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    home = tmp_path_factory.mktemp("examples-home")
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               LSTERM_CONFIG_DIR=str(home / "config" / "lsterm"), LSTERM_LOG_DIR=str(home / "log"),
               PYTHONDONTWRITEBYTECODE="1")
    for name in ("APPKEY", "APPSECRET", "APPKEY_FUTURE", "APPSECRET_FUTURE"):
        env.pop(name, None)
    procs = {name: subprocess.Popen([sys.executable, str(ROOT / "examples" / name), "--seconds", "1"],
                                    cwd=home, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    text=True)
             for name in EXAMPLES}
    out = {}
    for name, proc in procs.items():
        try:
            text, _ = proc.communicate(timeout=240)
        except subprocess.TimeoutExpired:
            proc.kill()
            text = proc.communicate()[0] + "\n(killed: still running after 240 s)"
        out[name] = (proc.returncode, text)
    return out


def test_every_example_is_checked():
    assert sorted(DONE) == EXAMPLES, "a new example needs the line it prints when done in DONE"


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_runs_to_completion(results, name):
    code, text = results[name]
    assert code == 0, text[-3000:]
    assert DONE[name] in text, text[-3000:]
    assert "Traceback" not in text, text[-3000:]
