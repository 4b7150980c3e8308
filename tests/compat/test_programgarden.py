"""A third-party LS client works against the embedded exchange by changing only its base URLs.

programgarden-finance 3.0.0 (the library the LS community guide documents) runs in its own
virtual environment, `.venv-compat`, which `./run setup` makes: its pins (websockets 15,
redis 6) differ from ours. The probe logs in, queries sync and async, pages a chart, reads
the futures master, places an order and receives GSC and AS0 pushes.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from app.sim.exchange import start_exchange

ROOT = Path(__file__).resolve().parents[2]
COMPAT = ROOT / ".venv-compat" / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
PROBE = Path(__file__).with_name("programgarden_probe.py")



@pytest.fixture(autouse=True)
def compat_venv():
    """A missing third-party venv fails rather than skips: a skip would hide a regression in CI."""
    if not COMPAT.exists():
        pytest.fail("no .venv-compat: `./run setup` installs programgarden-finance into it "
                    "(it said why if that failed)")


@pytest.mark.asyncio
async def test_programgarden_client_against_the_embedded_exchange(tmp_path):
    # a day's token: one ending at 06:59:59 KST mid-run is not what this test is about
    ex = await start_exchange(seed=3, db_path=tmp_path / "compat.sqlite", port=0, steps_per_second=10.0,
                              token_lifetime=86400.0)
    try:
        proc = await asyncio.create_subprocess_exec(
            str(COMPAT), str(PROBE), ex.rest_url, ex.ws_url,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, cwd=str(tmp_path))
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), 120)
        finally:
            if proc.returncode is None:  # timed out: do not leave the client running
                proc.kill()
                await proc.wait()
    finally:
        await ex.stop()
    lines = out.decode("utf-8", "replace").strip().splitlines()
    assert lines, "the probe printed nothing"
    results = json.loads(lines[-1])
    assert "error" not in results, results.get("error")
    assert proc.returncode == 0, results
    assert results["g3204_pages"] > 0 and results["o3101_rows"] > 0
    assert results["gsc_pushes"] > 0 and results["as0_pushes"] > 0
