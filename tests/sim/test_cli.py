"""``lsterm-sim`` starts on loopback, prints its URLs, serves, and stops cleanly on Ctrl+C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_cli_serves_and_stops_on_sigint(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.sim", "--port", "0", "--seed", "4", "--db", str(tmp_path / "cli.db"),
         "--token-lifetime", "600", "--rest-delay", "0.01"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        rest = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and rest is None:
            line = proc.stdout.readline()
            if "REST" in line:
                rest = line.split()[-1]
        assert rest and rest.startswith("http://127.0.0.1:")
        assert "/websocket" in proc.stdout.readline()
        form = b"grant_type=client_credentials&appkey=k&appsecretkey=s&scope=oob"
        with urllib.request.urlopen(urllib.request.Request(rest + "/oauth2/token", data=form)) as r:
            body = json.loads(r.read())
        assert body["expires_in"] == 600
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
        assert proc.returncode == 0
        assert "stopped" in out and "Traceback" not in out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_cli_resets_demo_accounts_on_request(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.sim", "--port", "0", "--db", str(tmp_path / "reset.db"), "--reset-accounts"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        first = proc.stdout.readline()
        assert "reset to their starting balance" in first
        while "Ctrl+C" not in proc.stdout.readline():
            pass
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=20)
        assert proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_cli_help_lists_the_exchange_reject_and_rate_limit_flags():
    out = subprocess.run([sys.executable, "-m", "app.sim", "--help"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60).stdout
    for flag in ("--halt", "--reject-rate", "--route-delay", "--strict-rate-limits"):
        assert flag in out, flag


def test_cli_refuses_to_halt_an_unknown_symbol(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "app.sim", "--port", "0", "--db", str(tmp_path / "h.db"),
                           "--halt", "NOSUCH"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "NOSUCH" in proc.stderr and "Traceback" not in proc.stderr
