"""Trade the demo through the real window with a stream of random keys and clicks, as a hurried
trader would, and report whether the terminal survived: orders sent from the ticket (F9/F8, a
quantity, a price key, Enter, now and then a second Enter or a confirmation), modifies and cancels
in the orders panel (Alt+Up/Down, Ctrl+Del), symbol changes from the watchlist, clicks and wheel
on the chart (and its timeframe and style keys) and the order book.

It found what the test suite did not: the terminal crashed after about 50 orders (stale PySide
wrappers of the orders table's cells, see app/ui/panels/orders_panel_model.py).

    .venv/bin/python tools/monkey.py [--seconds 300] [--seed 1] [--theme dark] [--lang en] [--display 97] [--futures]

Needs Xvfb, openbox and xdotool (Debian: xvfb openbox xdotool). Runs the demo (127.0.0.1 only)
with throwaway config, data, cache and log folders. Exit status 0 when the app is alive at the end
and its log holds no traceback; the last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEYS = ("Escape", "Tab", "Up", "Down", "Home", "End", "plus", "minus")


def start(cmd: list[str], env: dict, out=subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--theme", default="dark", choices=("dark", "light"))
    ap.add_argument("--lang", default="en", choices=("en", "ko"))
    ap.add_argument("--display", default="97")
    ap.add_argument("--futures", action="store_true", help="trade the watchlist's Futures list (CME, HKEX, SGX)")
    args = ap.parse_args()
    missing = [t for t in ("Xvfb", "openbox", "xdotool") if shutil.which(t) is None]
    if missing:
        raise SystemExit(f"monkey: missing {', '.join(missing)} (Debian: apt install xvfb openbox xdotool)")
    work = Path(tempfile.mkdtemp(prefix="lsterm-monkey-"))
    env = dict(os.environ, DISPLAY=f":{args.display}")
    for var, sub in (("LSTERM_CONFIG_DIR", "cfg"), ("LSTERM_DATA_DIR", "data"), ("LSTERM_CACHE_DIR", "cache"),
                     ("LSTERM_LOG_DIR", "log")):
        env[var] = str(work / sub)
    env.pop("QT_QPA_PLATFORM", None)
    procs = [start(["Xvfb", f":{args.display}", "-screen", "0", "1600x1000x24"], env)]
    time.sleep(1)
    procs.append(start(["openbox"], env))
    time.sleep(1)
    out = (work / "app.out").open("w")
    app = start([sys.executable, "-X", "faulthandler", "-m", "app", "--mode", "demo", "--theme", args.theme,
                 "--lang", args.lang], dict(env, PYTHONPATH=str(ROOT)), out)
    try:
        time.sleep(15)  # window, exchange, first prices
        actions = drive(env, args.seconds, random.Random(args.seed), args.futures)
        alive = app.poll() is None
    finally:
        if app.poll() is None:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
        for p in reversed(procs):
            p.terminate()
        out.close()
    log = "\n".join(p.read_text("utf-8", "replace") for p in (work / "log").glob("*.log"))
    tracebacks = log.count("Traceback") + (work / "app.out").read_text("utf-8", "replace").count("Fatal Python")
    sent = sum(1 for line in log.splitlines() if "app.trading.activity" in line and "sent" in line)
    print(f"{actions} actions, {sent} orders sent, app {'alive' if alive else 'DEAD (exit ' + str(app.returncode) + ')'}, "
          f"{tracebacks} tracebacks; log and output in {work}")
    print(json.dumps({"actions": actions, "orders_sent": sent, "alive": alive, "tracebacks": tracebacks,
                      "folder": str(work)}))
    return 0 if alive and not tracebacks else 1


def drive(env: dict, seconds: float, rng: random.Random, futures: bool = False) -> int:
    def x(*a: str) -> None:
        subprocess.run(["xdotool", *a], env=env, timeout=5, capture_output=True)

    def key(k: str) -> None:
        x("key", "--clearmodifiers", k)

    # default workspace at 1600x1000 (app/ui/default_layout.py): watchlist rows on the left, the
    # chart in the middle, the orders table under it, the order book on the right
    if futures:  # the watchlist's list box, then its last list (US stocks, ETFs, Futures) by key: the
        # window must have the keyboard (nothing gave it focus yet); twice, to be sure (idempotent)
        x("search", "--name", "lsterm", "windowactivate")
        for _ in range(2):
            x("mousemove", "140", "143")
            x("click", "1")
            time.sleep(1)
            key("End")
            key("Return")
            time.sleep(1)
        x("mousemove", "150", "193")  # the list's first row: the keyboard leaves the list box (a random
        x("click", "1")  # Up or Home there would choose US stocks again)
        time.sleep(2)
    end, n = time.time() + seconds, 0
    while time.time() < end:
        r = rng.random()
        if r < 0.12:  # a watchlist row: the linked panels change symbol
            x("mousemove", str(rng.randint(90, 300)), str(rng.choice(range(193, 470, 22))))
            x("click", "1")
        elif r < 0.55:  # an order from the ticket
            key("F4")
            key(rng.choice(["F9", "F8"]))
            if rng.random() < 0.5:
                key("alt+t")  # another price type
            key("ctrl+a")
            x("type", str(rng.randint(1, 3)))
            key("Tab")
            key(rng.choice(["alt+b", "alt+o", "alt+l"]))
            key("Return")
            if rng.random() < 0.3:
                key("Return")  # a double press
            time.sleep(0.2)
            if rng.random() < 0.3:
                key("Return")  # a confirmation, if one is open
        elif r < 0.7:  # the orders table: the first row, modified or cancelled
            x("mousemove", "600", "760")
            x("click", "1")
            key(rng.choice(["alt+Up", "alt+Down", "ctrl+Delete", "ctrl+Delete"]))
        elif r < 0.78:  # the chart: clicks and wheel, now and then another timeframe or style
            x("mousemove", str(rng.randint(520, 1180)), str(rng.randint(160, 600)))
            x("click", rng.choice(["1", "4", "5"]))
            if rng.random() < 0.25:
                key(rng.choice(["bracketleft", "bracketleft", "bracketright", "s"]))
        elif r < 0.85:  # the order book
            x("mousemove", str(rng.randint(1200, 1590)), str(rng.randint(180, 560)))
            x("click", "1")
        else:
            key(rng.choice(KEYS))
        n += 1
        time.sleep(rng.uniform(0.05, 0.3))
    return n


if __name__ == "__main__":
    sys.exit(main())
