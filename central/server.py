"""Serving central under uvicorn so that it stops promptly.

uvicorn's graceful shutdown stops accepting, closes idle connections and then waits for every
open response to finish before the lifespan ends. A tablet's event stream never finishes on its
own, so `central serve` waited forever on SIGTERM. `CentralServer` tells the poke hub to close
at the start of the shutdown: every event stream ends, the connections close, and uvicorn goes
on. `timeout_graceful_shutdown` bounds whatever else is still running.
"""

from __future__ import annotations

import socket

import uvicorn
from fastapi import FastAPI

from central.hub import Hub

GRACEFUL_SECONDS = 3


class CentralServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        app = config.app
        self.hub: Hub | None = getattr(getattr(app, "state", None), "hub", None)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self.hub is not None:
            self.hub.close()
        await super().shutdown(sockets)


def make_server(app: FastAPI, host: str, port: int, *, log_level: str = "info") -> CentralServer:
    config = uvicorn.Config(
        app, host=host, port=port, log_level=log_level, lifespan="on", timeout_graceful_shutdown=GRACEFUL_SECONDS
    )
    return CentralServer(config)
