"""First run: enrol this device against central with a one-time code (typed or scanned)."""

from __future__ import annotations

import platform
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from pos_app.local.store import Identity, LocalStore
from pos_app.services import secrets
from pos_app.services.errors import ServiceError
from pos_app.services.outbox import OutboxService
from sync.client import CentralClient, Rejected, Unreachable
from sync.protocol import EnrollResponse
from sync.words import said_of

ENROLL_SCHEME = "aisle"


class EnrollmentError(ServiceError):
    """Enrolment refused: a code of services/errors.MESSAGES and its params, like any ServiceError
    (a sentence of central's own is passed as the message, code `enrol.failed`)."""


@dataclass(frozen=True)
class EnrollTarget:
    central_url: str
    code: str


def parse_enroll_payload(text: str) -> EnrollTarget:
    """`aisle://enroll?central=URL&code=CODE`, as printed in the enrolment QR code."""
    parsed = urlparse(text.strip())
    if parsed.scheme != ENROLL_SCHEME or parsed.netloc != "enroll":
        raise EnrollmentError("enrol.not_aisle")
    q = parse_qs(parsed.query)
    central = (q.get("central") or [""])[0]
    code = (q.get("code") or [""])[0]
    if not central or not code:
        raise EnrollmentError("enrol.incomplete")
    return EnrollTarget(normalise_url(central), code)


def normalise_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url:
        raise EnrollmentError("enrol.no_url")
    if "://" not in url:
        url = "https://" + url
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise EnrollmentError("enrol.bad_url", url=url)
    return url


def enroll(store: LocalStore, central_url: str, code: str, device_name: str | None = None) -> str:
    """Returns the store name. The token goes to the keyring; identity to device.db."""
    secrets.check_backend()  # refuse before using up the one-time code
    url = normalise_url(central_url)
    if not code.strip():
        raise EnrollmentError("enrol.no_code")
    with CentralClient(url) as client:
        try:
            resp = client.enroll(code.strip(), device_name or platform.node() or "tablet")
        except Unreachable as e:
            if "://" not in central_url:
                plain = "http://" + central_url.strip().rstrip("/")
                raise EnrollmentError("enrol.unreachable_http", url=url, plain=plain, detail=said_of(e)) from None
            raise EnrollmentError("enrol.unreachable", url=url, detail=said_of(e)) from None
        except Rejected as e:
            raise EnrollmentError("enrol.failed", e.detail) from None
    secrets.save_token(str(store.data_dir), resp.token)
    secrets.save_pin_key(str(store.data_dir), resp.pin_key)  # beside the token, never in a file
    record_enrollment(store, resp, url)
    return resp.store_name


def record_enrollment(store: LocalStore, resp: EnrollResponse, central_url: str) -> None:
    """Write the device's identity (not its token) and journal the enrolment."""
    store.set_meta(
        {
            "device_id": resp.device_id,
            "store_id": str(resp.store_id),
            "store_code": resp.store_code,
            "store_name": resp.store_name,
            "central_url": central_url,
        }
    )
    with store.tx("device") as con:
        store.journal_append(con, "device.enrolled", {"device_id": resp.device_id, "store": resp.store_code})


@dataclass(frozen=True)
class ReenrolmentPlan:
    """What enrolling an already enrolled data directory again does to each waiting operation."""

    old: Identity
    lines: list[str] = field(default_factory=list)
    op_ids: list[str] = field(default_factory=list)

    def text(self) -> str:
        head = (
            f"This data directory is enrolled as device {self.old.device_id} of {self.old.store_code}. "
            "Enrolling it again replaces its identity and token; its cache and outbox are kept."
        )
        if not self.lines:
            return head + "\nNo operations are waiting to be sent."
        return "\n".join(
            [
                head,
                f"{len(self.lines)} operation(s) in the outbox:",
                *(f"  {line}" for line in self.lines),
                "Central accepts each once: one it already applied from the old identity is not applied twice.",
            ]
        )


_FATE = {
    "pending": (
        "will be sent under the new identity; if the code is for another store than {store}, central "
        "refuses it (403) and it is set aside as rejected"
    ),
    "stuck": "is set aside after failing at central; it stays set aside (a supervisor can send it again)",
    "dead": "was rejected by central; it stays rejected (a supervisor can send it again)",
}


def reenrolment_plan(store: LocalStore) -> ReenrolmentPlan | None:
    """None for a data directory that is not enrolled yet."""
    old = store.identity()
    if old is None:
        return None
    items = OutboxService(store).items()
    lines = [
        f"#{i.seq} {i.description}: {_FATE.get(i.state, 'stays ' + i.state).format(store=old.store_code)}"
        for i in items
    ]
    return ReenrolmentPlan(old, lines, [i.op_id for i in items])


@dataclass(frozen=True)
class Enrolled:
    store_name: str
    plan: ReenrolmentPlan | None  # not None: an existing data directory was enrolled again


def enroll_data_dir(
    data_dir: Path,
    central_url: str,
    code: str,
    device_name: str | None = None,
    confirm: Callable[[ReenrolmentPlan], bool] | None = None,
) -> Enrolled:
    """Enrol `data_dir`, new or already enrolled (after a revoke or a reseed). An enrolled one
    keeps its outbox and sends it under the new identity; `confirm` sees the plan first and must
    say yes (no `confirm`: refuse), before the one-time code is used."""
    secrets.check_backend()
    store = LocalStore(data_dir)
    try:
        plan = reenrolment_plan(store)
        if plan is not None and (confirm is None or not confirm(plan)):
            raise EnrollmentError("enrol.not_confirmed" if confirm else "enrol.confirm_needed")
        name = enroll(store, central_url, code, device_name)
        if plan is not None:
            new = store.identity()
            assert new is not None
            if new.store_id != plan.old.store_id:  # another store: its cache is not ours
                store.reset_all_streams()
            with store.tx("device") as con:
                store.journal_append(
                    con,
                    "device.reenrolled",
                    {
                        "old_device_id": plan.old.device_id,
                        "old_store": plan.old.store_code,
                        "device_id": new.device_id,
                        "store": new.store_code,
                        "kept_ops": plan.op_ids,
                    },
                )
        return Enrolled(name, plan)
    finally:
        store.close()
