"""g3101 현재가조회: the current price of TSLA."""

import asyncio

from _connect import connect, parse_args

from app.ls import g3101


async def main() -> None:
    args = parse_args(__doc__)
    async with connect(args) as ls:
        resp = await ls.overseas_stock().market().현재가조회(
            g3101.G3101InBlock(delaygb="R", keysymbol="82TSLA", exchcd="82", symbol="TSLA")).req_async()
        b = resp.block
        print(f"{b.symbol} {b.korname}: last {b.price} ({b.rate:+}%), open {b.open} high {b.high} "
              f"low {b.low}, volume {b.volume}  [{resp.rsp_cd} {resp.rsp_msg}]")


asyncio.run(main())
