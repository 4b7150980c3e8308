"""The installed app: size of the frozen bundle and its start to a window with live quotes.

    .venv/bin/python bench/frozen.py [--app dist/lsterm] [--build] [--runs 5] [--no-source]

- bundle_mib: the unpacked one-folder bundle (what an installer puts on disk; target ≤ 250 MB).
- frozen_start_s: median, process start → the window's watchlist showing prices from the
  embedded exchange (`lsterm --self-test --bench` reports when; target ≤ 3 s). The same is measured
  from source for comparison (the frozen app should start as fast as the source one).
--build builds the bundle first (packaging/build.py into dist/). Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_BUNDLE_MIB, TARGET_START_S = 250, 3.0


def load() -> str:
    try:
        return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load unknown"


def bundle_mib(app: Path) -> float:
    return sum(f.stat().st_size for f in app.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def executable(app: Path) -> Path:
    if app.suffix == ".app":
        return app / "Contents" / "MacOS" / "lsterm"
    return app / ("lsterm.exe" if sys.platform == "win32" else "lsterm")


def one_start(cmd: list[str]) -> dict[str, float]:
    """One self-test run with --bench: seconds from spawning the process to the window shown,
    to prices in its watchlist, and to the first live price change there."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSTERM_")}
    t0 = time.time()
    out = subprocess.run(cmd + ["--self-test", "--bench"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"{cmd[0]} --self-test failed (exit {out.returncode}):\n{out.stdout}\n{out.stderr[-3000:]}")
    data = json.loads(lines[-1])
    return {"window": data["window_shown_at"] - t0, "quotes": data["quotes_at"] - t0, "live": data["live_at"] - t0}


def starts(cmd: list[str], runs: int, label: str) -> float:
    one_start(cmd)  # warm the disk cache (and, from source, the .pyc files)
    got = [one_start(cmd) for _ in range(runs)]
    for key, what in (("window", "window shown"), ("quotes", "prices in the watchlist"),
                      ("live", "first live price change")):
        values = [g[key] for g in got]
        print(f"{label:>7} {what:>24}: median {statistics.median(values):.2f} s "
              f"(min {min(values):.2f}, max {max(values):.2f}, n={runs})", flush=True)
    return statistics.median(g["quotes"] for g in got)


def main() -> None:
    ap = argparse.ArgumentParser()
    default_app = ROOT / "dist" / ("lsterm.app" if sys.platform == "darwin" else "lsterm")
    ap.add_argument("--app", type=Path, default=default_app, help=f"the frozen bundle (default {default_app})")
    ap.add_argument("--build", action="store_true", help="build it first (packaging/build.py)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-source", action="store_true", help="skip the from-source comparison")
    args = ap.parse_args()
    if args.runs < 1:
        raise SystemExit("--runs must be at least 1")
    build_s = None
    if args.build:
        t0 = time.monotonic()
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--out", str(args.app.parent)],
                       check=True)
        build_s = time.monotonic() - t0
    exe = executable(args.app)
    if not exe.is_file():
        raise SystemExit(f"no frozen app at {exe}: build it (python packaging/build.py, or --build)")
    size = bundle_mib(args.app)
    print(f"bundle: {args.app} {size:.0f} MiB unpacked (target ≤ {TARGET_BUNDLE_MIB})", flush=True)
    print(f"[{load()}]", flush=True)
    frozen = starts([str(exe)], args.runs, "frozen")
    source = None if args.no_source else starts([sys.executable, "-m", "app"], args.runs, "source")
    print(f"[{load()}]", flush=True)
    verdict = "PASS" if size <= TARGET_BUNDLE_MIB and frozen <= TARGET_START_S else "FAIL"
    print(f"target: bundle ≤ {TARGET_BUNDLE_MIB} MiB, frozen start to prices in the window ≤ {TARGET_START_S:.1f} s "
          f"median; reached {size:.0f} MiB, {frozen:.2f} s"
          + (f" (source {source:.2f} s)" if source is not None else "") + f" -> {verdict}", flush=True)
    print(json.dumps({"bundle_mib": round(size, 1), "frozen_start_s": round(frozen, 3),
                      "source_start_s": round(source, 3) if source is not None else None,
                      "build_s": round(build_s, 1) if build_s is not None else None, "runs": args.runs,
                      "target_bundle_mib": TARGET_BUNDLE_MIB, "target_frozen_start_s": TARGET_START_S,
                      "load": load()}))


if __name__ == "__main__":
    main()
