"""Token issue on its own, as in the seed: ``GenerateToken().token(TokenInBlock(...)).req_async()``."""

from __future__ import annotations

from dataclasses import dataclass

from app.ls.config import Credentials, Endpoints
from app.ls.facade_base import SyncRunner
from app.ls.token import TokenInBlock, TokenManager, TokenOutBlock
from app.ls.transport import RestTransport

__all__ = ["GenerateToken", "TokenInBlock", "TokenOutBlock", "TokenManager", "TokenResponse"]


@dataclass
class TokenResponse:
    block: TokenOutBlock

    def __repr__(self) -> str:
        return f"TokenResponse(expires_in={self.block.expires_in})"


class _TokenRequest:
    def __init__(self, endpoints: Endpoints, body: TokenInBlock):
        self._endpoints = endpoints
        self._body = body

    async def req_async(self) -> TokenResponse:
        transport = RestTransport(self._endpoints.rest)
        try:
            manager = TokenManager(transport, Credentials(self._body.appkey, self._body.appsecretkey))
            await manager.get()
            token = manager.token
            assert token is not None
            return TokenResponse(TokenOutBlock(access_token=token.access_token, expires_in=token.lifetime))
        finally:
            await transport.aclose()

    def req(self) -> TokenResponse:
        runner = SyncRunner("lsterm-token")
        try:
            return runner.run(self.req_async())
        finally:
            runner.close()


class GenerateToken:
    def __init__(self, endpoints: Endpoints | None = None):
        self._endpoints = endpoints or Endpoints.live()

    def token(self, body: TokenInBlock) -> _TokenRequest:
        return _TokenRequest(self._endpoints, body)
