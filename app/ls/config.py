"""Where the client talks to: live, paper (모의투자) or a custom host such as the embedded exchange."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from app.ls.errors import ConfigError

LIVE_REST = "https://openapi.ls-sec.co.kr:8080"
LIVE_WS = "wss://openapi.ls-sec.co.kr:9443/websocket"
PAPER_REST = "https://openapi.ls-sec.co.kr:8080"  # the docs give one REST host for both
PAPER_WS = "wss://openapi.ls-sec.co.kr:29443/websocket"


@dataclass(frozen=True)
class Endpoints:
    """REST base URL and WebSocket URL, set independently."""

    rest: str
    ws: str
    name: str = "custom"

    @classmethod
    def live(cls) -> Endpoints:
        return cls(LIVE_REST, LIVE_WS, "live")

    @classmethod
    def paper(cls) -> Endpoints:
        return cls(PAPER_REST, PAPER_WS, "paper")

    @classmethod
    def local(cls, port: int, host: str = "127.0.0.1", ws_port: int | None = None) -> Endpoints:
        """The embedded exchange or a test server on this machine."""
        return cls(f"http://{host}:{port}", f"ws://{host}:{ws_port or port}/websocket", "local")


@dataclass(frozen=True)
class Credentials:
    """An app key and its secret. repr() never shows the secret."""

    appkey: str
    appsecretkey: str

    def __repr__(self) -> str:
        return f"Credentials(appkey={mask(self.appkey)}, appsecretkey=***)"

    def validate(self) -> None:
        if not self.appkey or not self.appsecretkey:
            raise ConfigError("app key and app secret are both required")


def mask(secret: str | None) -> str:
    """Show just enough of a key to tell two apart: 'PSab…yz12'."""
    if not secret:
        return "''"
    if len(secret) <= 8:
        return "***"
    return f"{secret[:4]}…{secret[-4:]}"


@dataclass(frozen=True)
class EnvKeys:
    stock: Credentials | None
    futures: Credentials | None


def load_env_keys(path: str | os.PathLike | None = None) -> EnvKeys:
    """Keys from the environment or a .env file, with the seed's names.

    APPKEY / APPSECRET for overseas stocks, APPKEY_FUTURE / APPSECRET_FUTURE for futures and
    options (falling back to the stock keys, as one key often serves both).
    """
    from dotenv import dotenv_values

    values: dict[str, str | None] = {}
    env_path = Path(path) if path else Path.cwd() / ".env"
    if env_path.is_file():
        values.update(dotenv_values(env_path))
    for name in ("APPKEY", "APPSECRET", "APPKEY_FUTURE", "APPSECRET_FUTURE"):
        if os.environ.get(name):
            values[name] = os.environ[name]

    def pair(key: str, secret: str) -> Credentials | None:
        k, s = values.get(key), values.get(secret)
        return Credentials(k, s) if k and s else None

    stock = pair("APPKEY", "APPSECRET")
    futures = pair("APPKEY_FUTURE", "APPSECRET_FUTURE") or stock
    return EnvKeys(stock, futures)
