"""OVH 해외선물호가: the realtime order book of the first future of the master."""

import asyncio

from _connect import connect, parse_args


async def main() -> None:
    args = parse_args(__doc__)
    async with connect(args) as ls:
        fo = ls.overseas_futureoption()
        master = await fo.market().o3101(body={"o3101InBlock": {"gubun": "1"}}).req_async()
        symbol = master.block[0].Symbol
        client = fo.real()
        await client.connect()
        ovh = client.OVH()
        seen = 0

        def on_message(resp):
            nonlocal seen
            seen += 1
            if seen <= 3:
                b = resp.body
                print(f"{b.symbol} {b.hotime}: bid {b.bidho1} x {b.bidrem1} | ask {b.offerho1} x {b.offerrem1}")

        ovh.on_ovh_message(on_message)
        await ovh.add_ovh_symbols(symbols=[symbol])
        await asyncio.sleep(args.seconds)
        print(f"{seen} book updates of {symbol} in {args.seconds:g} s")
        await client.close()


asyncio.run(main())
