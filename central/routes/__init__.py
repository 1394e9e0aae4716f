"""Central's HTTP API, one router per area; `central.app.create_app` assembles them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from sync.protocol import Problem

# The error answers every authenticated operation documents: {"detail": "a sentence"}.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem},
    401: {"model": Problem},
    403: {"model": Problem},
    404: {"model": Problem},
    409: {"model": Problem},
    422: {"model": Problem},
}


def routers() -> list[APIRouter]:
    from central.mail import routes as mail
    from central.routes import (
        accounts,
        channel,
        customers,
        events,
        health,
        images,
        journal,
        ops,
        order_page,
        orders,
        pickups,
        receipt_page,
        reports,
        return_page,
        returns,
        shifts,
        stock,
        sync,
    )

    return [
        health.router,
        sync.router,
        events.router,
        stock.router,
        ops.router,
        channel.router,
        images.router,
        orders.router,
        journal.router,
        customers.router,
        mail.router,
        receipt_page.router,
        shifts.router,
        reports.router,
        pickups.router,
        order_page.router,
        accounts.router,
        returns.router,
        return_page.router,
    ]
