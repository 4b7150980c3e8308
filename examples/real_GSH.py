"""GSH 해외주식호가: the realtime 10-level order book of TSLA for a few seconds."""

import asyncio

from _connect import connect, parse_args


async def main() -> None:
    args = parse_args(__doc__)
    async with connect(args) as ls:
        client = ls.overseas_stock().real()
        await client.connect()
        gsh = client.GSH()
        seen = 0

        def on_message(resp):
            nonlocal seen
            seen += 1
            if seen <= 3:
                b = resp.body
                print(f"{b.symbol} {b.loctime}: bid {b.bidho1} x {b.bidrem1} | ask {b.offerho1} x {b.offerrem1}")

        gsh.on_gsh_message(on_message)
        await gsh.add_gsh_symbols(symbols=["82TSLA"])
        await asyncio.sleep(args.seconds)
        print(f"{seen} book updates in {args.seconds:g} s")
        await client.close()


asyncio.run(main())
