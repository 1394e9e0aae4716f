"""First run: enrol this device against central with a one-time code (typed or scanned)."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from pos_app.local.store import LocalStore
from pos_app.services import secrets
from pos_app.services.errors import ServiceError
from sync.client import CentralClient, Rejected, Unreachable
from sync.protocol import EnrollResponse

ENROLL_SCHEME = "aisle"


class EnrollmentError(ServiceError):
    def __init__(self, message: str, code: str = "enrol.failed") -> None:
        super().__init__(code, message)


@dataclass(frozen=True)
class EnrollTarget:
    central_url: str
    code: str


def parse_enroll_payload(text: str) -> EnrollTarget:
    """`aisle://enroll?central=URL&code=CODE`, as printed in the enrolment QR code."""
    parsed = urlparse(text.strip())
    if parsed.scheme != ENROLL_SCHEME or parsed.netloc != "enroll":
        raise EnrollmentError("That is not an Aisle enrolment code. Scan the QR code from head office.")
    q = parse_qs(parsed.query)
    central = (q.get("central") or [""])[0]
    code = (q.get("code") or [""])[0]
    if not central or not code:
        raise EnrollmentError("The enrolment QR code is incomplete. Ask head office for a new one.")
    return EnrollTarget(normalise_url(central), code)


def normalise_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url:
        raise EnrollmentError("Type the address of central, for example https://central.example.com")
    if "://" not in url:
        url = "https://" + url
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise EnrollmentError(f"“{url}” is not a web address central can be reached at.")
    return url


def enroll(store: LocalStore, central_url: str, code: str, device_name: str | None = None) -> str:
    """Returns the store name. The token goes to the keyring; identity to device.db."""
    secrets.check_backend()  # refuse before using up the one-time code
    url = normalise_url(central_url)
    if not code.strip():
        raise EnrollmentError("Type the enrolment code from head office.")
    with CentralClient(url) as client:
        try:
            resp = client.enroll(code.strip(), device_name or platform.node() or "tablet")
        except Unreachable as e:
            hint = ""
            if "://" not in central_url:
                plain = "http://" + central_url.strip().rstrip("/")
                hint = f" If central runs without HTTPS on your network, type {plain}"
            raise EnrollmentError(
                f"Cannot reach central at {url}. Check the address and the network, then try again.{hint} ({e})"
            ) from None
        except Rejected as e:
            raise EnrollmentError(e.detail) from None
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
