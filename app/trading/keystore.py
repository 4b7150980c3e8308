"""App keys remembered in the OS keyring (never in a plain file), one entry per mode and market."""

from __future__ import annotations

import json
import logging

from app.trading.session import Keys, Mode

log = logging.getLogger(__name__)
SERVICE = "lsterm"
_told = False


def _unavailable(exc: Exception) -> None:
    global _told
    if not _told:  # once per run is enough
        _told = True
        log.info("OS keyring unavailable (%s): keys will not be remembered", type(exc).__name__)


def _entry(mode: Mode, market: str) -> str:
    return f"{mode.value}:{market}"


def load_keys(mode: Mode, market: str) -> Keys | None:
    """The remembered key pair for this mode and market ("stock" or "futures"), if any."""
    try:
        import keyring

        raw = keyring.get_password(SERVICE, _entry(mode, market))
    except Exception as exc:  # no backend, locked keychain...: just not remembered
        _unavailable(exc)
        return None
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Keys(data["appkey"], data["appsecretkey"])
    except (ValueError, KeyError, TypeError):
        return None


def save_keys(mode: Mode, market: str, keys: Keys) -> bool:
    try:
        import keyring

        keyring.set_password(SERVICE, _entry(mode, market),
                             json.dumps({"appkey": keys.appkey, "appsecretkey": keys.appsecretkey}))
        return True
    except Exception as exc:
        log.warning("could not store keys in the OS keyring: %s", type(exc).__name__)
        return False


def forget_keys(mode: Mode, market: str) -> None:
    try:
        import keyring

        keyring.delete_password(SERVICE, _entry(mode, market))
    except Exception:
        pass


def env_keys() -> tuple[Keys | None, Keys | None]:
    """Keys from the environment or ./.env (APPKEY/APPSECRET, APPKEY_FUTURE/APPSECRET_FUTURE)."""
    try:
        from app.ls.config import load_env_keys

        env = load_env_keys()
    except Exception as exc:
        log.info("no .env keys: %s", type(exc).__name__)
        return None, None

    def conv(c) -> Keys | None:
        return Keys(c.appkey, c.appsecretkey) if c else None

    return conv(env.stock), conv(env.futures)


def find_keys(mode: Mode) -> tuple[Keys | None, Keys | None]:
    """Remembered keys for the mode, else the .env keys; (None, None) in demo mode."""
    if mode is Mode.DEMO:
        return None, None
    stock, futures = load_keys(mode, "stock"), load_keys(mode, "futures")
    if stock is None and futures is None:
        stock, futures = env_keys()
    return stock, futures
