"""Issue an access token on its own (POST /oauth2/token), as in the seed's first example."""

import asyncio

from _connect import DEMO_KEY, DEMO_SECRET, parse_args

from app.ls import Endpoints, load_env_keys
from app.ls.oauth import GenerateToken, TokenInBlock


async def main() -> None:
    args = parse_args(__doc__)
    exchange = None
    if args.paper or args.live:
        keys = load_env_keys().stock
        if keys is None:
            raise SystemExit("set APPKEY and APPSECRET in .env")
        endpoints, key, secret = Endpoints.paper() if args.paper else Endpoints.live(), keys.appkey, keys.appsecretkey
    else:
        from app.sim.exchange import start_exchange

        exchange = await start_exchange(seed=7, port=0)
        endpoints, key, secret = Endpoints(exchange.rest_url, exchange.ws_url, "demo"), DEMO_KEY, DEMO_SECRET
    try:
        result = await GenerateToken(endpoints).token(TokenInBlock(appkey=key, appsecretkey=secret)).req_async()
        token = result.block.access_token
        print(f"access token issued: {token[:12]}… ({len(token)} chars), valid {result.block.expires_in} s")
    finally:
        if exchange is not None:
            await exchange.stop()


asyncio.run(main())
