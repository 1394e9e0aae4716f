"""The in-process simulated terminal: the real client logic (`NexoClient`) talking to a
`TerminalSimulator` without a socket, for fast tests. Every message still goes through JSON
bytes and, with a key, through the message protection, and the simulator's scripted faults
behave as on the network (a held or dropped answer, or one slower than the timeout, comes back
as Unknown at once instead of after a wait)."""

from __future__ import annotations

import json
import time
from typing import Any

from pos_app.devices.terminal.nexo import Lost, NexoClient, decode_answer
from pos_app.devices.terminal.simulator import TerminalSimulator
from pos_app.devices.terminal_words import Said


class SimulatedTerminal(NexoClient):
    authenticated_transport = True  # nothing sits between the till and an in-process simulator

    def __init__(
        self,
        simulator: TerminalSimulator | None = None,
        *,
        sale_id: str = "AISLE-TILL",
        payment_timeout: float = 150.0,
        request_timeout: float = 15.0,
        use_key: bool = True,
    ) -> None:
        self.simulator = simulator or TerminalSimulator()
        super().__init__(
            poiid=self.simulator.poiid,
            sale_id=sale_id,
            key=self.simulator.key if use_key else None,
            payment_timeout=payment_timeout,
            request_timeout=request_timeout,
        )
        self.supports_store_and_forward = self.simulator.store_and_forward

    def _send(self, wire: dict[str, Any], timeout: float) -> Any:
        reply = self.simulator.handle_bytes(json.dumps(wire).encode())
        if reply.hold or reply.delay > timeout:
            raise Lost("timeout", Said("terminal.lost_timeout"))
        if reply.drop:
            raise Lost("dropped", Said("terminal.lost_closed"))
        if reply.delay:
            time.sleep(reply.delay)
        if reply.raw is not None:
            return decode_answer(reply.raw)
        return None if reply.body is None else json.loads(json.dumps(reply.body))
