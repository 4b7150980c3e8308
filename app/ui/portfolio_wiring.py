"""Starts the portfolio service of a session next to its market-data hub, and closes it when the hub goes."""

from __future__ import annotations

import logging
from typing import Any

from app.trading.portfolio import PortfolioService
from app.ui.tasks import spawn

log = logging.getLogger(__name__)


async def start_portfolio(context: Any, session: Any, master: Any, hub: Any) -> PortfolioService | None:
    """Create `context.portfolio` for `session` (the day's fill ledger lives in the data dir)."""
    from app.ui.paths import data_dir

    if context.session is not session or context.market is not hub:
        return None  # another login won meanwhile
    mode = getattr(getattr(session, "mode", None), "value", "") or "session"
    service = PortfolioService(session.client, hub, master, orders=getattr(context, "orders", None),
                               ledger_dir=data_dir() / "portfolio", ledger_tag=mode)
    old = context.set_portfolio(service)
    if old is not None:
        await old.close()

    def on_market(new_hub: Any) -> None:
        if new_hub is not hub and context.portfolio is service:
            spawn(_close(context, service), "portfolio close")

    context.market_changed.connect(on_market)
    service._removers.append(lambda: _disconnect(context.market_changed, on_market))
    try:
        await service.start()
    except Exception as exc:  # queries failing are kept in service.errors; this is anything else
        log.warning("portfolio not started: %s", exc)
    return service


async def _close(context: Any, service: PortfolioService) -> None:
    if context.portfolio is service:
        context.set_portfolio(None)
    await service.close()


def _disconnect(signal: Any, slot: Any) -> None:
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        pass
