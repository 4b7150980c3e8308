"""The seed-shaped entry point: ``LS().login(...)`` then ``overseas_stock()`` / ``overseas_futureoption()``."""

from __future__ import annotations

import logging
import threading
from typing import Any

from app.ls.client import TRCaller
from app.ls.config import Credentials, Endpoints, load_env_keys, mask
from app.ls.errors import ConfigError, LSError
from app.ls.facade_base import ProductAPI, SyncRunner
from app.ls.facade_groups import (
    FuturesAccount,
    FuturesChart,
    FuturesMarket,
    FuturesOrder,
    StockAccount,
    StockChart,
    StockMarket,
    StockOrder,
)
from app.ls.ratelimit import MemoryRateLimiter, RateLimiter
from app.ls.token import TokenManager
from app.ls.transport import RestTransport

log = logging.getLogger("app.ls")


class _Product(ProductAPI):
    product = ""
    _groups: dict[str, type] = {}

    def __init__(self, ls: LS, tokens: TokenManager):
        self._ls = ls
        self.tokens = tokens
        self.caller = TRCaller(ls.transport, tokens, ls.rate_limiter)
        self.runner = ls._runner
        self._real = None

    def market(self):
        return self._groups["market"](self)

    def chart(self):
        return self._groups["chart"](self)

    def accno(self):
        return self._groups["account"](self)

    def order(self):
        return self._groups["order"](self)

    def real(self):
        """The realtime feeds of this product on one WebSocket (created once)."""
        if self._real is None:
            from app.ls.realtime import RealtimeSession

            session = RealtimeSession(self._ls.endpoints.ws, token_provider=self.tokens.get,
                                      token_refresher=lambda stale: self.tokens.refresh(stale=stale),
                                      name=self.product)
            self._real = self._make_real(session)
        return self._real

    def _make_real(self, session):  # pragma: no cover - overridden
        raise NotImplementedError

    # the seed's Korean names
    시세 = market
    차트 = chart
    계좌 = accno
    주문 = order
    실시간 = real


class OverseasStock(_Product):
    """해외주식: overseas stocks (US)."""

    product = "stock"
    _groups = {"market": StockMarket, "chart": StockChart, "account": StockAccount, "order": StockOrder}

    def _make_real(self, session):
        from app.ls.facade_real import StockReal

        return StockReal(session)


class OverseasFutureoption(_Product):
    """해외선물옵션: overseas futures and options."""

    product = "futureoption"
    _groups = {"market": FuturesMarket, "chart": FuturesChart, "account": FuturesAccount, "order": FuturesOrder}

    def _make_real(self, session):
        from app.ls.facade_real import FuturesReal

        return FuturesReal(session)


class LS:
    """An LS OpenAPI connection: endpoints, one token per app key, shared rate limits.

    >>> ls = LS()                       # live endpoints; LS(Endpoints.local(port)) for a local host
    >>> ls.login(appkey, appsecretkey)  # or: await ls.async_login(...)
    >>> ls.overseas_stock().market().g3101(g3101.G3101InBlock(...)).req()
    """

    _instance: LS | None = None
    _instance_lock = threading.Lock()

    def __init__(self, endpoints: Endpoints | None = None, *, rate_limiter: RateLimiter | None = None,
                 timeout: float = 10.0, refresh_margin: float = 300.0):
        self.endpoints = endpoints or Endpoints.live()
        self.transport = RestTransport(self.endpoints.rest, timeout=timeout)
        self.rate_limiter: RateLimiter = rate_limiter or MemoryRateLimiter()
        self._refresh_margin = refresh_margin
        self._runner = SyncRunner()
        self._stock: OverseasStock | None = None
        self._futures: OverseasFutureoption | None = None
        self.last_error: str | None = None

    @classmethod
    def get_instance(cls, *args: Any, **kwargs: Any) -> LS:
        """One shared instance per process (created on first call)."""
        with cls._instance_lock:
            if cls._instance is None:
                cls._instance = cls(*args, **kwargs)
            return cls._instance

    # -- login -----------------------------------------------------------------------------
    def login(self, appkey: str | None = None, appsecretkey: str | None = None, paper_trading: bool = False,
              *, futures_appkey: str | None = None, futures_appsecretkey: str | None = None) -> bool:
        return self._runner.run(self.async_login(appkey, appsecretkey, paper_trading,
                                                 futures_appkey=futures_appkey,
                                                 futures_appsecretkey=futures_appsecretkey))

    async def async_login(self, appkey: str | None = None, appsecretkey: str | None = None,
                          paper_trading: bool = False, *, futures_appkey: str | None = None,
                          futures_appsecretkey: str | None = None) -> bool:
        """Issue the token(s). Returns False (and sets ``last_error``) instead of raising.

        Keys default to APPKEY/APPSECRET (and APPKEY_FUTURE/APPSECRET_FUTURE) from the
        environment or .env. Futures use the stock key unless their own is given.
        """
        self.last_error = None
        try:
            stock, futures = self._resolve_keys(appkey, appsecretkey, futures_appkey, futures_appsecretkey)
            if paper_trading and self.endpoints.name == "live":
                self.endpoints = Endpoints.paper()
            stock_tokens = TokenManager(self.transport, stock, refresh_margin=self._refresh_margin)
            await stock_tokens.get()
            if futures == stock:
                futures_tokens = stock_tokens
            else:
                futures_tokens = TokenManager(self.transport, futures, refresh_margin=self._refresh_margin)
                await futures_tokens.get()
        except LSError as exc:
            self.last_error = str(exc)
            log.warning("login failed: %s", exc)
            return False
        self._stock = OverseasStock(self, stock_tokens)
        self._futures = OverseasFutureoption(self, futures_tokens)
        log.info("logged in to %s (%s) with app key %s", self.endpoints.rest, self.endpoints.name, mask(stock.appkey))
        return True

    def _resolve_keys(self, appkey, appsecretkey, fkey, fsecret) -> tuple[Credentials, Credentials]:
        env = None
        if not (appkey and appsecretkey):
            env = load_env_keys()
            if env.stock is None:
                raise ConfigError("no app key: pass appkey/appsecretkey or set APPKEY and APPSECRET (.env)")
            stock = env.stock
        else:
            stock = Credentials(appkey, appsecretkey)
        if fkey and fsecret:
            futures = Credentials(fkey, fsecret)
        elif env is not None and env.futures is not None:
            futures = env.futures
        else:
            futures = stock
        stock.validate()
        futures.validate()
        return stock, futures

    @property
    def is_logged_in(self) -> bool:
        return self._stock is not None

    # -- products --------------------------------------------------------------------------
    def overseas_stock(self) -> OverseasStock:
        if self._stock is None:
            raise ConfigError("not logged in: call login() or async_login() first")
        return self._stock

    def overseas_futureoption(self) -> OverseasFutureoption:
        if self._futures is None:
            raise ConfigError("not logged in: call login() or async_login() first")
        return self._futures

    해외주식 = overseas_stock
    해외선물옵션 = overseas_futureoption

    # -- shutdown --------------------------------------------------------------------------
    async def aclose(self, revoke: bool = True) -> None:
        """Close realtime feeds, revoke the tokens (logout) and close HTTP connections."""
        products = [p for p in (self._stock, self._futures) if p is not None]
        for product in products:
            if product._real is not None:
                try:
                    await product._real.close()
                except Exception as exc:
                    log.warning("closing %s realtime feed: %s", product.product, exc)
        seen = set()
        for product in products:
            if id(product.tokens) not in seen:
                seen.add(id(product.tokens))
                if revoke:
                    await product.tokens.revoke()
                product.tokens.close()  # requests kept by the caller must not log in again
        self._stock = self._futures = None
        await self.transport.aclose()

    def close(self, revoke: bool = True) -> None:
        self._runner.run(self.aclose(revoke))
        self._runner.close()
