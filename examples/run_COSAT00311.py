"""COSAT00301 then COSAT00311: place a resting buy limit order for TSLA, move its price, cancel it.

The seed calls COSAT00311 "신규" (new); the spec says it modifies an order's price, and the spec
is right — a new order is COSAT00301 (OrdPtnCode 02 buy / 01 sell / 08 cancel).
"""

import asyncio
from decimal import Decimal

from _connect import connect, parse_args

from app.ls import COSAT00301, COSAT00311, g3101


async def main() -> None:
    args = parse_args(__doc__)
    if args.live:
        raise SystemExit("this example places orders: run it on the embedded exchange or --paper")
    async with connect(args) as ls:
        stock = ls.overseas_stock()
        quote = await stock.market().g3101(
            g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")).req_async()
        price = (quote.block.price * Decimal("0.95")).quantize(Decimal("0.01"))  # well below: it rests
        new = await stock.order().COSAT00301(COSAT00301.COSAT00301InBlock1(
            OrdPtnCode="02", OrdMktCode="82", IsuNo="TSLA", OrdQty=1, OvrsOrdPrc=price,
            OrdprcPtnCode="00")).req_async()
        order_no = new.block2.OrdNo
        print(f"buy 1 TSLA @ {price}: order {order_no} [{new.rsp_cd} {new.rsp_msg}]")
        moved = await stock.order().COSAT00311(COSAT00311.COSAT00311InBlock1(
            OrdPtnCode="07", OrgOrdNo=order_no, OrdMktCode="82", IsuNo="TSLA", OrdQty=1,
            OvrsOrdPrc=price - Decimal("1"), OrdprcPtnCode="00")).req_async()
        print(f"modified to {price - 1}: new order {moved.block2.OrdNo} [{moved.rsp_cd} {moved.rsp_msg}]")
        cancel = await stock.order().COSAT00301(COSAT00301.COSAT00301InBlock1(
            OrdPtnCode="08", OrgOrdNo=moved.block2.OrdNo, OrdMktCode="82", IsuNo="TSLA", OrdQty=1,
            OvrsOrdPrc=0, OrdprcPtnCode="00")).req_async()
        print(f"cancelled [{cancel.rsp_cd} {cancel.rsp_msg}]")


asyncio.run(main())
