"""Command line of the embedded exchange: ``lsterm-sim --port 8080 --seed 1`` (Ctrl+C stops it)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lsterm-sim", description="LS OpenAPI-compatible exchange on 127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="port for REST and WebSocket (0 = any free port)")
    p.add_argument("--seed", type=int, default=1, help="seed of the simulated market")
    p.add_argument("--db", default=None, help="SQLite file for demo accounts (default: user data dir)")
    p.add_argument("--token-lifetime", type=float, default=None,
                   help="access token lifetime, seconds (default: as LS, until 06:59:59 KST)")
    p.add_argument("--steps-per-second", type=float, default=2.0, help="price steps per instrument per second")
    p.add_argument("--sessions", action="store_true", help="follow real trading hours (default: always open)")
    p.add_argument("--no-rate-limits", action="store_true", help="do not enforce per-TR call limits")
    p.add_argument("--strict-rate-limits", action="store_true",
                   help="count call arrivals with no allowance for network jitter "
                        "(default: a call up to half its spacing, at most 0.5 s, early is forgiven)")
    p.add_argument("--reset-accounts", action="store_true",
                   help="put every demo account in the database back to its starting balance")
    f = p.add_argument_group("fault injection")
    f.add_argument("--rest-delay", type=float, default=0.0, help="seconds added to every REST answer")
    f.add_argument("--rest-fail-rate", type=float, default=0.0, help="share of REST calls failed (0..1)")
    f.add_argument("--malformed-rate", type=float, default=0.0, help="share of pushes sent malformed (0..1)")
    f.add_argument("--ws-drop-after", type=int, default=0, help="close each WebSocket after N pushes")
    f.add_argument("--ws-drop-every", type=float, default=0.0, help="drop every WebSocket each N seconds")
    f.add_argument("--reject-rate", type=float, default=0.0,
                   help="share of accepted orders the exchange then rejects (AS4 / TC2 HO03), 0..1")
    f.add_argument("--halt", action="append", default=[], metavar="SYMBOL",
                   help="halt trading in SYMBOL: no trades, orders rejected by the exchange (repeatable)")
    f.add_argument("--route-delay", type=float, default=0.05,
                   help="seconds between an order's answer and the exchange's reject push")
    f.add_argument("--throttle", type=float, default=1.0, help="scale the per-TR call limits (0.5 halves them)")
    f.add_argument("--verbose", "-v", action="store_true")
    return p.parse_args(argv)


async def run(args: argparse.Namespace) -> None:
    from app.sim.exchange import Exchange

    db = args.db
    if db is None:
        from pathlib import Path

        from platformdirs import user_data_dir

        folder = Path(user_data_dir("lsterm", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        db = str(folder / "sim.db")
    ex = Exchange(seed=args.seed, db_path=db, token_lifetime=args.token_lifetime,
                  rate_limits=not args.no_rate_limits, steps_per_second=args.steps_per_second,
                  always_open=not args.sessions)
    faults = ex.faults
    faults.rest_delay, faults.rest_fail_rate = args.rest_delay, args.rest_fail_rate
    faults.malformed_rate, faults.ws_drop_after = args.malformed_rate, args.ws_drop_after
    faults.throttle = args.throttle
    faults.reject_rate, faults.route_delay = args.reject_rate, args.route_delay
    for symbol in args.halt:
        try:
            faults.halt(symbol)
        except KeyError:
            print(f"lsterm-sim: --halt {symbol}: no such symbol", file=sys.stderr, flush=True)
            raise SystemExit(2) from None
    if args.strict_rate_limits:
        faults.rate_limit_mode = "strict"
    await ex.start(port=args.port)
    if args.reset_accounts and ex.broker is not None:
        ex.broker.reset_all()
        print("  demo accounts reset to their starting balances", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):  # before "Ctrl+C stops" is said: a stop sent on it is heard
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    print(f"lsterm-sim  seed={args.seed}", flush=True)
    print(f"  REST       {ex.rest_url}", flush=True)
    print(f"  WebSocket  {ex.ws_url}", flush=True)
    print(f"  accounts   {db}", flush=True)
    print("  any app key and secret are accepted; Ctrl+C stops", flush=True)
    try:
        while not stop.is_set():
            timeout = args.ws_drop_every or None
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout)
            if args.ws_drop_every and not stop.is_set():
                faults.drop_websockets()
    finally:
        await ex.stop()
        print("lsterm-sim stopped", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from app.sim.broker.store import StoreError

    try:
        asyncio.run(run(args))
    except KeyboardInterrupt:  # Windows: no signal handlers in the loop
        pass
    except StoreError as exc:
        print(f"lsterm-sim: {exc}", file=sys.stderr, flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
