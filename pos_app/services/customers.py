"""Customers at the till (docs/customers.md): search, create, and the recent ones.

- `search(q)`: online, central's search (phone digits, e-mail, name or reading), and what it
  found is kept as recent; offline (or central in trouble), the customers this till served
  recently, with a notice saying so.
- `create(...)`: a name and an e-mail or phone (normalised: e-mail lower case, phone E.164 with
  the store country's code), written with its `customer.create` op in one device.db
  transaction, online or offline. The customer's id is known at once (derived from the UUID
  made here), so it can be attached and sold to before central has heard of it; the outbox is
  in order, so central always gets the customer before the sale. Online, an e-mail central
  already has is refused with the customer who has it (`customer.duplicate_email`, the UI
  offers to attach them); offline, central links the new customer to that one when it arrives.

Call everything here from a worker: it reads the disk and asks central.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from pos_app.local import customers as local
from pos_app.local.store import Identity, LocalStore, now_iso
from pos_app.services.auth import Session
from pos_app.services.errors import Said, ValidationFailed
from sync.client import CentralClient, CentralError, Rejected
from sync.protocol import (
    CustomerCreatePayload,
    CustomerList,
    CustomerOut,
    customer_id_for,
    normalise_email,
    normalise_phone,
)

SEARCH_LIMIT = 20


@dataclass(frozen=True)
class Customer:
    id: int  # what a sale carries (central's id for a customer linked to another)
    name: str
    kana: str = ""
    email: str = ""
    phone: str = ""
    group: str = ""  # the customer group of price lists and promotions ("" = none)
    pending: bool = False  # made on this till, not at central yet

    @property
    def contact(self) -> str:
        return " · ".join(x for x in (self.phone, self.email) if x)


@dataclass(frozen=True)
class CustomerSearch:
    customers: tuple[Customer, ...]
    live: bool  # central answered (False: from this till's recent customers)
    notice: str = ""
    more: bool = False


def _from_row(r: local.CustomerRow) -> Customer:
    return Customer(r.central_id, r.name, r.kana, r.email, r.phone, r.customer_group, r.status == "pending")


def _from_wire(c: CustomerOut) -> Customer:
    return Customer(c.id, c.name, c.kana, c.email, c.phone, c.group)


class DuplicateEmail(ValidationFailed):
    """Central already has a customer with this e-mail: `existing` is who (attach them instead)."""

    def __init__(self, existing: Customer) -> None:
        super().__init__("customer.duplicate_email", name=existing.name, email=existing.email)
        self.existing = existing


class CustomerService:
    def __init__(
        self,
        store: LocalStore,
        identity: Identity,
        client_factory: Callable[[], CentralClient] | None = None,
        kick: Callable[[], None] = lambda: None,
    ) -> None:
        self.store = store
        self.identity = identity
        self.client_factory = client_factory
        self.kick = kick

    def _country(self) -> str:
        rows = self.store.query("SELECT country FROM locations WHERE id=?", (self.identity.store_id,))
        return str(rows[0][0]) if rows else ""

    # --- finding ---------------------------------------------------------------------------------

    def search(self, q: str) -> CustomerSearch:
        text = q.strip()
        if not text:
            raise ValidationFailed("customer.search_empty")
        try:
            found = self._ask(text)
        except Rejected as e:
            raise ValidationFailed("customer.search_refused", detail=e.detail) from None
        except CentralError:
            return CustomerSearch(tuple(self._local(text)), False, self._offline_notice())
        at = now_iso()
        with self.store.tx("device") as con:
            local.remember(con, [self._row(c, at) for c in found.customers])
        return CustomerSearch(tuple(_from_wire(c) for c in found.customers), True, more=found.more)

    def _offline_notice(self) -> str:
        return Said("customer.offline_search")

    def _ask(self, text: str) -> CustomerList:
        if self.client_factory is None:
            raise CentralError("no central")
        with self.client_factory() as client:
            # sync.client has no customer call of its own yet: its generic strict-model request
            return client._json(CustomerList, "GET", "/v1/customers", params={"q": text}, timeout=4.0)

    def _local(self, text: str) -> list[Customer]:
        digits = re.sub(r"[^0-9]", "", text)
        with self.store.raw("device") as con:
            if "@" in text:
                rows = local.search(con, email=text.lower(), limit=SEARCH_LIMIT)
            elif len(digits) >= 4 and re.fullmatch(r"\+?[0-9 ()./-]+", text):
                national = digits[1:] if digits.startswith("0") and not text.startswith("+") else digits
                rows = local.search(con, phone_digits=national, limit=SEARCH_LIMIT)
            else:
                rows = local.search(con, name=text, limit=SEARCH_LIMIT)
        return [_from_row(r) for r in rows]

    def recent(self, limit: int = SEARCH_LIMIT) -> list[Customer]:
        with self.store.raw("device") as con:
            return [_from_row(r) for r in local.recent(con, limit)]

    def get(self, customer_id: int) -> Customer | None:
        with self.store.raw("device") as con:
            row = local.get(con, customer_id)
        return None if row is None else _from_row(row)

    def used(self, customer: Customer) -> None:
        """Attached to a basket: first in the recent list (kept when central sent it)."""
        at = now_iso()
        with self.store.tx("device") as con:
            if local.get(con, customer.id) is None:
                local.remember(con, [self._row(customer, at)])
            local.touch(con, customer.id, at)

    @staticmethod
    def _row(c: Customer | CustomerOut, at: str) -> local.CustomerRow:
        group = c.group
        return local.CustomerRow(c.id, c.id, None, c.name, c.kana, c.email, c.phone, group, "synced", None, at)

    # --- creating --------------------------------------------------------------------------------

    def create(self, session: Session, name: str, *, email: str = "", phone: str = "", kana: str = "") -> Customer:
        name, kana = name.strip(), kana.strip()
        if not name:
            raise ValidationFailed("customer.name")
        if len(name) > 200 or len(kana) > 200:
            raise ValidationFailed("customer.name_long")
        try:
            email = normalise_email(email)
        except ValueError:
            raise ValidationFailed("customer.email", email=email.strip()[:60]) from None
        try:
            phone = normalise_phone(phone, self._country())
        except ValueError as e:
            raise ValidationFailed("customer.phone", phone=phone.strip()[:40], why=str(e)) from None
        if not email and not phone:
            raise ValidationFailed("customer.contact")
        if email:
            self._refuse_known_email(email)
        client_id = uuid.uuid4()
        created = datetime.now(UTC)
        payload = CustomerCreatePayload(
            client_id=client_id,
            name=name,
            kana=kana,
            email=email,
            phone=phone,
            store_id=self.identity.store_id,
            staff_id=session.staff.id,
            created_at=created,
        ).model_dump(mode="json")
        cid = customer_id_for(client_id)
        with self.store.tx("device") as con:
            op_id, _seq = self.store.enqueue(con, "customer.create", payload)
            local.add_created(
                con,
                local.CustomerRow(cid, cid, str(client_id), name, kana, email, phone, "", "pending", op_id, now_iso()),
            )
            # The journal names who and which customer, never the personal details.
            self.store.journal_append(
                con, "customer.create", {"op_id": op_id, "customer_id": cid, "staff_id": session.staff.id}
            )
        self.kick()
        return Customer(cid, name, kana, email, phone, "", True)

    def _refuse_known_email(self, email: str) -> None:
        """Online: a customer central has with this e-mail is offered instead. Offline (or
        central in trouble) nothing can be asked: central links the two when the op arrives."""
        try:
            found = self._ask(email)
        except CentralError:
            return
        for c in found.customers:
            if c.email == email:
                raise DuplicateEmail(_from_wire(c))


__all__ = ["Customer", "CustomerSearch", "CustomerService", "DuplicateEmail"]
