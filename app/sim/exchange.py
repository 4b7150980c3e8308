"""The embedded exchange: clock, market, broker, tokens, faults and the loopback server together.

    ex = await start_exchange(seed=1, db_path=None, port=0)
    ex.rest_url, ex.ws_url          # "http://127.0.0.1:PORT", "ws://127.0.0.1:PORT/websocket"
    ex.market                       # app.sim.market.Market (see its docstring for the API)
    ex.faults                       # app.sim.faults.Faults
    ex.push_account(app_key, "stock" | "futureoption", "AS0", body)
    await ex.stop()
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from aiohttp import web

from app.sim import handlers  # noqa: F401  (registers the market and chart TR handlers)
from app.sim.clock import Clock
from app.sim.faults import Faults
from app.sim.http_errors import EnvelopeAppRunner, drop_server_header
from app.sim.market import Market
from app.sim.server import RestApi, envelope_middleware
from app.sim.throttle import CallLimiter
from app.sim.tokens import TokenStore
from app.sim.ws import Hub

log = logging.getLogger(__name__)
WARM_AFTER = 2.0  # seconds after start before the TR models are loaded (start-up stays quick)
STOP_WAIT = 1.0  # seconds stop gives a request still in a handler (see start)

try:  # the broker half lands separately; the market half runs without it
    from app.sim import broker as _broker_mod
except ImportError:  # pragma: no cover - depends on the other half being present
    _broker_mod = None
except Exception:  # pragma: no cover - a half-written broker must not take the market down
    logging.getLogger(__name__).exception("app.sim.broker failed to import; running without it")
    _broker_mod = None


class Exchange:
    def __init__(self, seed: int = 1, db_path: str | Path | None = None, token_lifetime: float | None = None,
                 rate_limits: bool = True, steps_per_second: float = 2.0, run_market: bool = True,
                 clock: Clock | None = None, always_open: bool = True, keep_damaged_db: bool = False):
        self.seed = seed
        self.clock = clock or Clock()
        self.market = Market(seed=seed, clock=self.clock, steps_per_second=steps_per_second,
                             always_open=always_open)
        self.tokens = TokenStore(self.clock, token_lifetime)
        self.limiter = CallLimiter(enabled=rate_limits)
        self.faults = Faults()
        self.faults._exchange = self
        self.hub = Hub(self)
        self.market.add_quote_listener(self.hub.on_quote)
        self.run_market = run_market
        self.db_path = db_path
        self.broker: Any = None
        broker_cls = getattr(_broker_mod, "Broker", None) if _broker_mod is not None else None
        if broker_cls is not None:
            # keep_damaged_db (the demo): a database that cannot be used is kept aside, the broker
            # starts afresh and says so in broker.db_notice (app/sim/broker/recovery.py)
            self.broker = broker_cls(self, db_path, keep_damaged=keep_damaged_db)
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self.host = "127.0.0.1"
        self.port = 0

    # ---- lifecycle ----

    def make_app(self) -> web.Application:
        app = web.Application(middlewares=[envelope_middleware], client_max_size=1 << 20)
        app.on_response_prepare.append(drop_server_header)
        app.router.add_get("/websocket", self.hub.handle)
        RestApi(self).routes(app)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        if host not in ("127.0.0.1", "localhost"):
            raise ValueError("the embedded exchange listens on loopback only")
        # stop waits this long for a handler (a request half sent, its body never coming, held it
        # the default 60 s): the exchange's own handlers answer in milliseconds
        self._runner = EnvelopeAppRunner(self.make_app(), access_log=None, handle_signals=False,
                                         shutdown_timeout=STOP_WAIT)
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, "127.0.0.1", port, reuse_address=True)
        await self._site.start()
        server = self._site._server
        self.port = server.sockets[0].getsockname()[1] if server is not None else port
        if self.run_market:
            await self.market.start()
        self._warmer = asyncio.get_running_loop().call_later(WARM_AFTER, self._warm_models)
        start = getattr(self.broker, "start", None)
        if start is not None:
            res = start()
            if hasattr(res, "__await__"):
                await res
        return self.port

    def _warm_models(self) -> None:
        """Load the TR models one per loop turn, soon after start: loading one on its first call
        holds the event loop for 20-500 ms, and every call queued behind it would reach the rate
        counter late, then look early next to the one after it."""
        self._warm_task = asyncio.ensure_future(self._warm_models_slowly())

    async def _warm_models_slowly(self) -> None:
        from app.ls.models.catalog import REST
        from app.sim.wire import model_module

        for tr_cd in REST:
            model_module(tr_cd)
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        warmer, task = getattr(self, "_warmer", None), getattr(self, "_warm_task", None)
        if warmer is not None:
            warmer.cancel()
        if task is not None and not task.done():
            task.cancel()
            try:  # awaited: a cancelled task left pending keeps the whole exchange alive
                await task
            except asyncio.CancelledError:
                pass
        self._warmer = self._warm_task = None
        await self.market.stop()
        # Stop serving first (cleanup lets in-flight handlers finish), then the broker: a query
        # still running when the broker's database closed failed with "handler failed".
        await asyncio.gather(*(conn.close() for conn in list(self.hub.conns)))
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        stop = getattr(self.broker, "stop", None)
        if stop is not None:
            res = stop()
            if hasattr(res, "__await__"):
                await res
        _forget_cached_handlers()

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/websocket"

    # ---- hooks used by the server ----

    def accepts_key(self, app_key: str, secret: str) -> bool:
        """Demo: any non-empty key and secret (the broker may refine this)."""
        check = getattr(self.broker, "accepts_key", None)
        return bool(app_key and secret) if check is None else bool(check(app_key, secret))

    def on_first_token(self, app_key: str) -> None:
        ensure = getattr(self.broker, "ensure_account", None)
        if ensure is not None:
            ensure(app_key)

    def push_account(self, app_key: str, product: str, tr_cd: str, body: dict) -> int:
        """Send ``{"header":{"tr_cd"}, "body"}`` to every socket of ``app_key`` registered for
        ``product`` ("stock" | "futureoption"); returns how many sockets got it."""
        return self.hub.push_account(app_key, product, tr_cd, body)


async def start_exchange(seed: int = 1, db_path: str | Path | None = None, port: int = 0,
                         token_lifetime: float | None = None, **kwargs: Any) -> Exchange:
    ex = Exchange(seed=seed, db_path=db_path, token_lifetime=token_lifetime, **kwargs)
    await ex.start(port=port)
    return ex


def _forget_cached_handlers() -> None:
    """aiohttp keeps every (handler, apps) pair it built middlewares for in a module-level
    lru_cache of 1,024 entries; our handlers are bound methods, so each stopped exchange (its
    market history included, ~65 MB) stayed alive until evicted. Tests start hundreds."""
    try:
        from aiohttp import web_app

        web_app._cached_build_middleware.cache_clear()
    except AttributeError:  # another aiohttp version: nothing cached there
        pass
