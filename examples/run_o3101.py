"""o3101 해외선물마스터조회: the overseas futures master list."""

import asyncio

from _connect import connect, parse_args

from app.ls import o3101


async def main() -> None:
    args = parse_args(__doc__)
    async with connect(args) as ls:
        resp = await ls.overseas_futureoption().market().해외선물마스터조회(
            body=o3101.O3101InBlock(gubun="1")).req_async()
        rows = resp.block
        print(f"{len(rows)} futures [{resp.rsp_cd} {resp.rsp_msg}]")
        for row in rows[:15]:
            print(f"  {row.Symbol:10} {row.SymbolNm[:34]:34} {row.CrncyCd} tick {row.UntPrc} = {row.MnChgAmt}")


asyncio.run(main())
