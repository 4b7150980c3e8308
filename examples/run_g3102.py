"""g3102 시간대별조회: recent trades of TSLA, every page (continuation paging)."""

import asyncio

from _connect import connect, parse_args

from app.ls import g3102


async def main() -> None:
    args = parse_args(__doc__)
    async with connect(args) as ls:
        request = ls.overseas_stock().market().g3102(
            g3102.G3102InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA", readcnt=30))
        pages = await request.occurs_req_async(
            lambda resp, status: print(f"page: {len(resp.block1)} trades" if resp else f"{status.value}"),
            max_pages=3)
        last = pages[0].block1[:5]
        for t in last:
            print(f"  {t.locdate} {t.loctime} {t.price} x {t.exevol}")


asyncio.run(main())
