"""OVC 해외선물체결: realtime trades of the first two futures of the master for a few seconds."""

import asyncio

from _connect import connect, parse_args


async def main() -> None:
    args = parse_args(__doc__)
    async with connect(args) as ls:
        fo = ls.overseas_futureoption()
        master = await fo.market().o3101(body={"o3101InBlock": {"gubun": "1"}}).req_async()
        symbols = [row.Symbol for row in master.block[:2]]
        client = fo.real()
        await client.connect()
        ovc = client.OVC()
        count = 0

        def on_message(resp):
            nonlocal count
            count += 1
            if count <= 10:
                b = resp.body
                print(f"{b.symbol} {b.trdtm} {b.curpr} x {b.trdq}")

        ovc.on_ovc_message(on_message)
        await ovc.add_ovc_symbols(symbols=symbols)
        await asyncio.sleep(args.seconds)
        print(f"{count} trades of {', '.join(symbols)} in {args.seconds:g} s")
        await client.close()


asyncio.run(main())
