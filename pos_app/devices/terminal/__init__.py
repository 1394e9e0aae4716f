"""Card payment terminals: the `PaymentTerminal` contract (base), the nexo Terminal API client
logic (nexo), the network driver (network.NexoTerminal), the in-process simulated terminal
(simulated.SimulatedTerminal), the simulator itself (simulator, sim_server) and the local
message protection (protection). docs/terminal.md describes the API and the recovery rule."""

from pos_app.devices.terminal.base import (
    AmountMismatch,
    Approved,
    Cancelled,
    CertificateMismatch,
    CurrencyTotals,
    Declined,
    DuplicateServiceId,
    InProgress,
    InvalidRequest,
    MalformedResponse,
    PaymentOutcome,
    PaymentTerminal,
    ProtectionFailure,
    ReconciliationTotals,
    Refunded,
    RefundOutcome,
    ServiceIdMismatch,
    StatusOutcome,
    TerminalBusy,
    TerminalError,
    TerminalRefused,
    TerminalTransaction,
    TerminalUnreachable,
    Unknown,
    WrongTerminal,
    new_service_id,
)
from pos_app.devices.terminal.network import NexoTerminal
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.simulated import SimulatedTerminal
from pos_app.devices.terminal.simulator import Fault, TerminalSimulator

__all__ = [
    "AmountMismatch",
    "Approved",
    "Cancelled",
    "CertificateMismatch",
    "CurrencyTotals",
    "Declined",
    "DuplicateServiceId",
    "Fault",
    "InProgress",
    "InvalidRequest",
    "MalformedResponse",
    "NexoKey",
    "NexoTerminal",
    "PaymentOutcome",
    "PaymentTerminal",
    "ProtectionFailure",
    "ReconciliationTotals",
    "RefundOutcome",
    "Refunded",
    "ServiceIdMismatch",
    "SimulatedTerminal",
    "StatusOutcome",
    "TerminalBusy",
    "TerminalError",
    "TerminalRefused",
    "TerminalSimulator",
    "TerminalTransaction",
    "TerminalUnreachable",
    "Unknown",
    "WrongTerminal",
    "new_service_id",
]
