"""CIDBT00100 해외선물_신규주문: a resting buy limit order for a future, then its cancel (CIDBT01000)."""

import asyncio
import datetime as dt
from decimal import Decimal

from _connect import connect, parse_args

from app.ls import CIDBT00100, CIDBT01000, o3105


async def main() -> None:
    args = parse_args(__doc__)
    if args.live:
        raise SystemExit("this example places orders: run it on the embedded exchange or --paper")
    async with connect(args) as ls:
        fo = ls.overseas_futureoption()
        master = await fo.market().o3101(body={"o3101InBlock": {"gubun": "1"}}).req_async()
        contract = next(r for r in master.block if r.Symbol.startswith(("ES", "NQ", "MES")))
        quote = await fo.market().o3105(o3105.O3105InBlock(symbol=contract.Symbol)).req_async()
        tick = (contract.UntPrc or Decimal("0.25")).normalize()
        price = (quote.block.TrdP * Decimal("0.97") / tick).quantize(Decimal(1)) * tick
        today = dt.date.today().strftime("%Y%m%d")
        new = await fo.order().CIDBT00100(CIDBT00100.CIDBT00100InBlock1(
            OrdDt=today, IsuCodeVal=contract.Symbol, FutsOrdTpCode="1", BnsTpCode="2",
            AbrdFutsOrdPtnCode="2", OvrsDrvtOrdPrc=price, CndiOrdPrc=0, OrdQty=1)).req_async()
        order_no = new.block2.OvrsFutsOrdNo
        print(f"buy 1 {contract.Symbol} @ {price}: order {order_no} [{new.rsp_cd} {new.rsp_msg}]")
        cancel = await fo.order().CIDBT01000(CIDBT01000.CIDBT01000InBlock1(
            OrdDt=today, IsuCodeVal=contract.Symbol, OvrsFutsOrgOrdNo=order_no, FutsOrdTpCode="3")).req_async()
        print(f"cancelled: {cancel.block2.OvrsFutsOrdNo} [{cancel.rsp_cd} {cancel.rsp_msg}]")


asyncio.run(main())
