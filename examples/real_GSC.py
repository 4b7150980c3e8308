"""GSC 해외주식체결: realtime trades of SOXL and TSLA for a few seconds."""

import asyncio

from _connect import connect, parse_args


async def main() -> None:
    args = parse_args(__doc__)
    async with connect(args) as ls:
        client = ls.overseas_stock().real()
        await client.connect()
        gsc = client.GSC()
        count = 0

        def on_message(resp):
            nonlocal count
            count += 1
            if count <= 10:
                b = resp.body
                print(f"{b.symbol} {b.trdtm} {b.price} x {b.trdq} (total {b.totq})")

        gsc.on_gsc_message(on_message)
        await gsc.add_gsc_symbols(symbols=["81SOXL", "82TSLA"])
        await asyncio.sleep(args.seconds)
        print(f"{count} trades in {args.seconds:g} s")
        await client.close()


asyncio.run(main())
