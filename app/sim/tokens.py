"""Access tokens of the embedded exchange: JWT-shaped (HS512) strings with an expiry.

LS's tokens end at 06:59:59 KST the next morning, whenever they were issued (the JWTs in its doc
examples: iat 07:47:45, exp 06:59:59 the next day, expires_in 83534), so a token lives at most a
day and usually less. An explicit lifetime (``--token-lifetime``, for trying a client's refresh)
replaces that rule.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.sim.clock import KST, Clock


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class TokenInfo:
    token: str
    app_key: str
    issued: float
    expires: float
    revoked: bool = False

    def __repr__(self) -> str:  # the token is a credential, the app key half of one
        return (f"TokenInfo(token=***, app_key={self.app_key[:4]}…, issued={self.issued:.0f}, "
                f"expires={self.expires:.0f}, revoked={self.revoked})")


PRUNE_AFTER = 86400.0  # an expired token still answers "expired" (IGW00123) for a day


def korean_morning_end(now: float) -> int:
    """The first 06:59:59 KST after ``now``, when LS's tokens end."""
    end = datetime.fromtimestamp(now, KST).replace(hour=6, minute=59, second=59, microsecond=0)
    if end.timestamp() <= now:
        end += timedelta(days=1)
    return int(end.timestamp())


class TokenStore:
    def __init__(self, clock: Clock, lifetime: float | None = None):
        self.clock = clock
        self.lifetime = lifetime  # None: LS's rule (until 06:59:59 KST)
        self._secret = secrets.token_bytes(32)
        self._tokens: dict[str, TokenInfo] = {}
        self._issued = 0

    def issue(self, app_key: str) -> TokenInfo:
        now = self.clock.time()
        expires = korean_morning_end(now) if self.lifetime is None else now + self.lifetime
        header = {"typ": "JWT", "alg": "HS512"}
        claims = {"sub": "token", "iss": "unogw", "grant_type": "Client", "jti": app_key,
                  "aud": secrets.token_hex(16), "iat": int(now), "nbf": int(now),
                  "exp": int(expires)}
        signing = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
        sig = hmac.new(self._secret, signing.encode(), hashlib.sha512).digest()
        token = f"{signing}.{_b64(sig)}"
        info = TokenInfo(token, app_key, now, expires)
        self._tokens[token] = info
        self._issued += 1
        if self._issued % 256 == 0:
            self._prune(now)
        return info

    def _prune(self, now: float) -> None:
        """Forget tokens revoked or expired a day ago: a long-running exchange must not grow."""
        stale = [t for t, i in self._tokens.items() if i.expires < now - PRUNE_AFTER or
                 (i.revoked and i.issued < now - PRUNE_AFTER)]
        for token in stale:
            del self._tokens[token]

    def lookup(self, token: str) -> tuple[TokenInfo | None, str]:
        """``(info, "")`` when valid, else ``(info or None, reason)``: "invalid" | "expired"."""
        info = self._tokens.get(token)
        if info is None or info.revoked:
            return None, "invalid"
        if self.clock.time() >= info.expires:
            return info, "expired"
        return info, ""

    def revoke(self, token: str) -> bool:
        info = self._tokens.get(token)
        if info is None:
            return False
        info.revoked = True
        return True

    def expire_all(self) -> None:
        """Make every issued token expired now (fault injection)."""
        now = self.clock.time()
        for info in self._tokens.values():
            info.expires = min(info.expires, now)

    def tokens_of(self, app_key: str) -> list[str]:
        return [t for t, i in self._tokens.items() if i.app_key == app_key]
