"""Futures/options orderable quantity (CIDBQ01400, LS's margin check per instrument and side),
kept off the send path: the ticket asks for it when it loads an instrument or switches side, it
is asked again after every futures order event (margin moved), and the validation compares the
order with the last answer. Only when no answer is known yet does a send wait for one (briefly:
the exchange checks the margin anyway).

CIDBQ01400 allows one call a second, so the figures asked again after events are asked one at a
time (the ticket's latest first; events while a round runs make one more round): a figure the
ticket needs now waits behind one such call at most, not behind every watched figure of every
event (a hurried trader's sends waited past FETCH_WAIT_S that way).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger(__name__)

FETCH_WAIT_S = 1.5  # a send with no known figure waits at most this long for one
WATCHED = 4  # the instruments/sides asked again after each futures event (the latest the ticket showed)


class FuturesOrderable:
    def __init__(self, client: Any):
        self.client = client
        self.known: dict[tuple[str, str], int] = {}  # (code, side) → contracts LS would take now
        self.watched: dict[tuple[str, str], Any] = {}  # (code, side) → instrument, refreshed on events
        self._tasks: dict[tuple[str, str], asyncio.Task] = {}
        self._rounds: asyncio.Task | None = None  # the figures asked again after events, one at a time
        self._again = False  # an event came while a round ran: one more round

    def qty(self, symbol: str, side: str) -> int | None:
        return self.known.get((symbol, side))

    def prefetch(self, inst: Any, side: str) -> None:
        """Ask in the background (the ticket loaded this instrument or side)."""
        if inst is None or inst.market == "stock" or side not in ("buy", "sell"):
            return
        key = (inst.code, side)
        self._watch(key, inst)
        if key not in self.known:
            self._refresh(key, inst)

    def _watch(self, key: tuple[str, str], inst: Any) -> None:
        """Keep the latest few: CIDBQ01400 is limited to one call a second."""
        self.watched.pop(key, None)
        self.watched[key] = inst
        while len(self.watched) > WATCHED:
            stale = next(iter(self.watched))
            del self.watched[stale]
            self.known.pop(stale, None)  # no longer kept fresh: asked again when needed

    def changed(self) -> None:
        """A futures order, fill or cancel moved the margin: every watched figure is asked again
        (the last answer stands until the new one comes), one call at a time."""
        if not self.watched:
            return
        if self._rounds is not None and not self._rounds.done():
            self._again = True
            return
        self._rounds = asyncio.ensure_future(self._ask_again())

    async def _ask_again(self) -> None:
        while True:
            self._again = False
            for key, inst in reversed(list(self.watched.items())):  # the ticket's latest first
                if key in self.watched:  # (not dropped meanwhile; fetch logs its own failures)
                    await asyncio.shield(self._refresh(key, inst))
            if not self._again:
                return

    def _refresh(self, key: tuple[str, str], inst: Any) -> asyncio.Task:
        task = self._tasks.get(key)
        if task is None or task.done():
            task = self._tasks[key] = asyncio.ensure_future(self.fetch(inst, key[1]))
        return task

    async def wait_for(self, inst: Any, side: str) -> int | None:
        """The figure, asking now if none is known (at most FETCH_WAIT_S)."""
        key = (inst.code, side)
        if key in self.known:
            return self.known[key]
        self._watch(key, inst)
        try:
            return await asyncio.wait_for(asyncio.shield(self._refresh(key, inst)), FETCH_WAIT_S)
        except TimeoutError:
            log.info("orderable quantity of %s not known in time: the exchange checks the margin", inst.code)
            return None

    async def fetch(self, inst: Any, side: str) -> int | None:
        from app.ls.models import CIDBQ01400

        try:
            resp = await self.client.overseas_futureoption().accno().CIDBQ01400(CIDBQ01400.CIDBQ01400InBlock1(
                QryTpCode="3", IsuCodeVal=inst.code, BnsTpCode="2" if side == "buy" else "1",
                OvrsDrvtOrdPrc=0, AbrdFutsOrdPtnCode="1")).req_async()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.warning("orderable quantity of %s not loaded: %s", inst.code, exc)
            return None
        out = resp.CIDBQ01400OutBlock2
        if out is None or out.OrdAbleQty is None:
            return None
        self.known[(inst.code, side)] = int(out.OrdAbleQty)
        return int(out.OrdAbleQty)

    def close(self) -> None:
        if self._rounds is not None:
            self._rounds.cancel()
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
