"""The real program: `python -m app --mode demo --screenshot` starts the embedded exchange, logs in,
draws the window, saves a picture and shuts down cleanly (session closed, token revoked)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.main import parse_args

ROOT = Path(__file__).resolve().parents[2]


def test_parse_args():
    a = parse_args(["--mode", "live", "--workspace", "Futures", "--screenshot", "x.png"])
    assert a.mode == "live" and a.workspace == "Futures" and a.screenshot == Path("x.png")
    assert parse_args([]).mode is None


@pytest.mark.slow
def test_demo_run_screenshot_and_clean_exit(tmp_path):
    pytest.importorskip("app.sim.exchange")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSTERM_CONFIG_DIR=str(tmp_path / "c"),
               LSTERM_LOG_DIR=str(tmp_path / "l"), LSTERM_DATA_DIR=str(tmp_path / "d"))
    shot = tmp_path / "shot.png"
    out = subprocess.run([sys.executable, "-m", "app", "--mode", "demo", "--screenshot", str(shot)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)
    assert out.returncode == 0, out.stderr[-3000:]
    assert shot.stat().st_size > 10_000
    log = (tmp_path / "l" / "lsterm.log").read_text("utf-8")
    assert "session: logged in" in log and "session: session closed" in log
    assert "uncaught exception" not in log and " ERROR " not in log
    assert "DEMO-SECRET" not in log
    assert (tmp_path / "c" / "workspaces" / "Default.json").is_file()
    assert (tmp_path / "c" / "settings.json").is_file()


@pytest.mark.slow
def test_theme_and_language_flags_are_for_this_run_only(tmp_path):
    pytest.importorskip("app.sim.exchange")
    import json

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSTERM_CONFIG_DIR=str(tmp_path / "c"),
               LSTERM_LOG_DIR=str(tmp_path / "l"), LSTERM_DATA_DIR=str(tmp_path / "d"))
    out = subprocess.run([sys.executable, "-m", "app", "--mode", "demo", "--theme", "light",
                          "--lang", "ko", "--screenshot", str(tmp_path / "s.png")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)
    assert out.returncode == 0, out.stderr[-3000:]
    settings = json.loads((tmp_path / "c" / "settings.json").read_text("utf-8"))
    assert settings["theme"] == "dark" and settings["language"] == "auto"


@pytest.mark.slow
def test_sigterm_closes_cleanly(tmp_path):
    """A logout, a system shutdown or `kill` sends SIGTERM: the terminal shuts down as from its
    window (workspace and settings saved, session closed, exit 0) instead of dying where it stood."""
    import signal
    import time

    pytest.importorskip("app.sim.exchange")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSTERM_CONFIG_DIR=str(tmp_path / "c"),
               LSTERM_LOG_DIR=str(tmp_path / "l"), LSTERM_DATA_DIR=str(tmp_path / "d"))
    proc = subprocess.Popen([sys.executable, "-m", "app", "--mode", "demo"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log_path = tmp_path / "l" / "lsterm.log"
    try:
        deadline = time.monotonic() + 60
        while not (log_path.is_file() and "session: logged in" in log_path.read_text("utf-8")):
            assert proc.poll() is None and time.monotonic() < deadline, "the demo did not log in"
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-3000:]
    log = log_path.read_text("utf-8")
    assert "session: session closed" in log and "uncaught exception" not in log
    assert (tmp_path / "c" / "workspaces" / "Default.json").is_file()
    assert (tmp_path / "c" / "settings.json").is_file()
