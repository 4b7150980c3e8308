"""Shared by the examples: log in to the embedded exchange (default) or to LS with .env keys.

    python examples/run_g3101.py            # embedded exchange on 127.0.0.1, no keys needed
    python examples/run_g3101.py --paper    # LS paper trading (모의투자), keys from .env
    python examples/run_g3101.py --live     # LS live, keys from .env
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.ls import LS, Endpoints  # noqa: E402

DEMO_KEY = "DEMO-APPKEY-0000000000000000000000000"
DEMO_SECRET = "DEMO-SECRET-000000000000000000000000"


def parse_args(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--paper", action="store_true", help="LS paper trading with .env keys")
    where.add_argument("--live", action="store_true", help="LS live with .env keys (real money!)")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long realtime examples listen")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not args.verbose:
        logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise here
    return args


@contextlib.asynccontextmanager
async def connect(args: argparse.Namespace):
    """Yield a logged-in ``LS``; the embedded exchange is started and stopped around it."""
    exchange = None
    if args.paper or args.live:
        ls = LS(Endpoints.paper() if args.paper else Endpoints.live())
        ok = await ls.async_login(paper_trading=args.paper)  # APPKEY/APPSECRET from .env
    else:
        from app.sim.exchange import start_exchange

        db = Path(tempfile.mkdtemp(prefix="lsterm-example-")) / "demo.sqlite"
        exchange = await start_exchange(seed=7, db_path=db, port=0)
        ls = LS(Endpoints(exchange.rest_url, exchange.ws_url, "demo"))
        ok = await ls.async_login(DEMO_KEY, DEMO_SECRET)
    try:
        if not ok:
            raise SystemExit(f"login failed: {ls.last_error}")
        yield ls
    finally:
        await ls.aclose()
        if exchange is not None:
            await exchange.stop()
