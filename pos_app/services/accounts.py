"""Stored value at the till (docs/loyalty.md): a customer's points, tier and store credit, points
redeemed as a discount, store credit and gift cards as tenders, gift cards sold and topped up.

- `balances(customer_id)`: central's figures when it answers (GET /v1/accounts/customers/{id}),
  else the cached `balances` stream row; the points this till's unsent sales earn are `pending`.
  The `balances` stream keeps the cache current: central pokes every till when one changes.
- `spend(...)`: online, central debits at once (so two tills cannot both spend one card: the
  loser gets central's sentence); offline, up to the cached balance less this till's other
  offline spends of it, and up to the store's per-day cap (the `spend_limits` stream) — the
  screen names that risk. Central reconciles when the sale arrives; what is short is an
  overspend head office sees, never a silent negative.
- `load_card(...)` / `void_load(...)`: the `giftcard.load` / `giftcard.void` ops (the first load
  activates the card).

Call everything here from a worker: it reads the disk and asks central.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pos_app.local.store import Identity, LocalStore, now_iso
from pos_app.services.auth import Session
from pos_app.services.customers import Customer
from pos_app.services.errors import ValidationFailed
from sync.client import CentralClient, CentralError, Rejected
from sync.loyalty import (
    POINTS,
    CardNumberError,
    EarnRule,
    Tier,
    earn,
    normalise_card,
    points_value,
    redeem_value,
    redeemed_points,
    tender_reference,
)
from sync.member_code import MemberCodeError, verify_member_code
from sync.protocol import CustomerAccounts, GiftCardLoadPayload, GiftCardView, GiftCardVoidPayload, SpendResult
from sync.words import said_of

LIVE_TIMEOUT = 2.0


@dataclass(frozen=True)
class Balances:
    customer_id: int
    points: int  # what central holds (live or cached)
    pending: int  # earned on this till's sales central has not had yet
    tier: str
    tier_name: str
    benefits: str
    credit: int  # store credit in the store's currency
    currency: str
    redeem_value: int  # minor units 100 points buy here (0: points cannot be spent here)
    live: bool  # central answered just now (False: this till's cached figures)

    @property
    def points_worth(self) -> int:
        return points_value(self.points, self.redeem_value)


@dataclass(frozen=True)
class GiftCard:
    number: str
    currency: str
    balance: int
    status: str
    live: bool


@dataclass(frozen=True)
class Spend:
    spend_id: str
    kind: str  # credit | gift
    owner: str
    amount: int
    currency: str
    offline: bool
    left: int  # what the account holds after it (offline: as far as this till knows)

    @property
    def reference(self) -> str:
        return tender_reference(self.spend_id, self.owner if self.kind == "gift" else None)


class AccountsService:
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
        # The open shift's drawer (ShiftService.move), wired by Device: a card load's cash is a
        # paid in, its void a paid out, so the Z report's expected cash holds them.
        self.drawer: Callable[[Session, str, int, str, str], object] | None = None
        self.started = now_iso()  # spends older than this process belong to baskets that died with it

    # --- the store -------------------------------------------------------------------------------

    def _store_row(self) -> tuple[str, str]:
        rows = self.store.query("SELECT currency, timezone FROM locations WHERE id=?", (self.identity.store_id,))
        if not rows:
            raise ValidationFailed("sale.no_store")
        return str(rows[0][0]), str(rows[0][1])

    def currency(self) -> str:
        return self._store_row()[0]

    def today(self) -> str:
        _cur, tz = self._store_row()
        return datetime.now(UTC).astimezone(ZoneInfo(tz)).date().isoformat()

    def rules(self) -> list[EarnRule]:
        return [
            EarnRule(int(i), str(c), None if s is None else int(s), str(cat), int(per), int(p), int(rv))
            for i, c, s, cat, per, p, rv in self.store.query(
                "SELECT id, currency, store_id, category, per_amount, points, redeem_value FROM earn_rules ORDER BY id"
            )
        ]

    def tiers(self) -> list[Tier]:
        return [
            Tier(str(c), str(n), int(m), str(x), str(b))
            for c, n, m, x, b in self.store.query("SELECT code, name, min_points, multiplier, benefits FROM tiers")
        ]

    def cap(self) -> int:
        """The store's offline cap per till per day (0: no stored value spent offline)."""
        rows = self.store.query("SELECT per_day FROM spend_limits WHERE store_id=?", (self.identity.store_id,))
        return int(rows[0][0]) if rows else 0

    def offline_spent_today(self) -> int:
        rows = self.store.query(
            "SELECT coalesce(sum(amount), 0) FROM stored_value_spends WHERE state IN ('offline', 'used_offline') AND day=?",
            (self.today(),),
            which="device",
        )
        return int(rows[0][0])

    def cap_left(self) -> int:
        return max(0, self.cap() - self.offline_spent_today())

    # --- reading ---------------------------------------------------------------------------------

    def _client(self) -> CentralClient:
        if self.client_factory is None:
            raise CentralError("no central")
        return self.client_factory()

    def pending_points(self, customer_id: int) -> int:
        rows = self.store.query(
            "SELECT coalesce(sum(p.earned - p.redeemed), 0) FROM sale_points p JOIN sales s ON s.sale_id = p.sale_id "
            "WHERE p.customer_id=? AND s.status='pending'",
            (customer_id,),
            which="device",
        )
        return int(rows[0][0])

    def cached(self, customer_id: int) -> Balances:
        currency = self.currency()
        rows = {
            (str(k), str(c)): (int(b), str(t))
            for k, c, b, t in self.store.query(
                "SELECT kind, currency, balance, tier FROM balances WHERE customer_id=?", (customer_id,)
            )
        }
        points, tier_code = rows.get(("points", POINTS), (0, ""))
        tier = next((t for t in self.tiers() if t.code == tier_code), None)
        # What this till's unsent sales redeemed is not in central's figure yet: leave it out.
        unsent = self.store.query(
            "SELECT coalesce(sum(p.redeemed), 0) FROM sale_points p JOIN sales s ON s.sale_id = p.sale_id "
            "WHERE p.customer_id=? AND s.status='pending'",
            (customer_id,),
            which="device",
        )
        credit = rows.get(("credit", currency), (0, ""))[0] - self._offline_spent(str(customer_id), "credit")
        return Balances(
            customer_id,
            points - int(unsent[0][0]),
            self.pending_points(customer_id) + int(unsent[0][0]),
            tier.code if tier else "",
            tier.name if tier else "",
            tier.benefits if tier else "",
            credit,
            currency,
            redeem_value(self.rules(), currency=currency, store_id=self.identity.store_id),
            False,
        )

    def balances(self, customer_id: int) -> Balances:
        """Central's figures now, or this till's cached ones when central does not answer."""
        try:
            with self._client() as client:
                got = client._json(
                    CustomerAccounts, "GET", f"/v1/accounts/customers/{customer_id}", timeout=LIVE_TIMEOUT
                )
        except CentralError:
            return self.cached(customer_id)
        currency = self.currency()
        credit = next((c.balance for c in got.credit if c.currency == currency), 0)
        return Balances(
            customer_id,
            got.points,
            self.pending_points(customer_id),
            got.tier,
            got.tier_name,
            got.benefits,
            credit,
            currency,
            got.redeem_value,
            True,
        )

    def gift_card(self, text: str) -> GiftCard:
        """The card's balance: central's, or (offline) as this till last saw it."""
        try:
            number = normalise_card(text)
        except CardNumberError as e:
            raise ValidationFailed(e.code, str(e)) from None
        try:
            with self._client() as client:
                got = client._json(GiftCardView, "GET", f"/v1/accounts/giftcards/{number}", timeout=LIVE_TIMEOUT)
        except Rejected as e:
            raise ValidationFailed("gift.refused", e.detail) from None
        except CentralError:
            rows = self.store.query(
                "SELECT currency, balance, status FROM gift_cards_seen WHERE card_no=?", (number,), which="device"
            )
            if not rows:
                raise ValidationFailed("gift.offline_unknown") from None
            cur, bal, status = rows[0]
            return GiftCard(number, str(cur), int(bal) - self._offline_spent(number, "gift"), str(status), False)
        self._seen(number, got.currency, got.balance, got.status)
        return GiftCard(number, got.currency, got.balance, got.status, True)

    def _seen(self, number: str, currency: str, balance: int, status: str) -> None:
        with self.store.tx("device") as con:
            con.execute(
                "INSERT INTO gift_cards_seen(card_no, currency, balance, status, seen_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(card_no) DO UPDATE SET currency=excluded.currency, balance=excluded.balance, "
                "status=excluded.status, seen_at=excluded.seen_at",
                (number, currency, balance, status, now_iso()),
            )

    def _offline_spent(self, owner: str, kind: str) -> int:
        rows = self.store.query(
            "SELECT coalesce(sum(sv.amount), 0) FROM stored_value_spends sv LEFT JOIN sales s ON s.sale_id = sv.sale_id "
            "WHERE sv.owner=? AND sv.kind=? AND (sv.state='offline' OR (sv.state='used_offline' AND s.status='pending'))",
            (owner, kind),
            which="device",
        )
        return int(rows[0][0])

    def member(self, code: str) -> Customer:
        """The customer of a scanned member QR, checked offline with central's keys (the
        `central_keys` stream); the till remembers them as a recent customer."""
        from sync.receipts.code import public_key_from_text

        keys = {
            str(k): public_key_from_text(str(pk))
            for k, pk in self.store.query("SELECT kid, public_key FROM central_keys")
        }
        try:
            claim = verify_member_code(code, keys)
        except MemberCodeError as e:
            raise ValidationFailed(e.code, str(e)) from None
        return Customer(claim.customer_id, claim.name, group=claim.group)

    # --- points ----------------------------------------------------------------------------------

    def redeem_offer(self, balances: Balances, due: int) -> tuple[int, int]:
        """(points, value): the most of the customer's points this basket can take, whole points
        of value (a basket cannot go below zero). (0, 0) when nothing can be redeemed."""
        if balances.redeem_value <= 0 or balances.points <= 0 or due <= 0:
            return 0, 0
        value = min(points_value(balances.points, balances.redeem_value), due)
        if not balances.live:  # offline: the store's per-day cap of stored value bounds it too
            value = min(value, self.cap_left())
            if value <= 0:
                return 0, 0
        points = -(-value * 100 // balances.redeem_value)  # the fewest points worth `value`
        points = min(points, balances.points)
        return points, points_value(points, balances.redeem_value)

    def estimate(self, customer_id: int | None, lines: list[tuple[str, int, str, int]]) -> int:
        """The points these (line_id, quantity, category, total) lines earn for the customer."""
        if customer_id is None:
            return 0
        tier_code = self.store.query(
            "SELECT tier FROM balances WHERE customer_id=? AND kind='points' AND currency=?", (customer_id, POINTS)
        )
        tier = next((t for t in self.tiers() if tier_code and t.code == tier_code[0][0]), None)
        got = earn(lines, self.rules(), currency=self.currency(), store_id=self.identity.store_id,
                   multiplier=tier.multiplier if tier else "1")  # fmt: skip
        return sum(p for _q, p in got.values())

    def record_sale(self, con: sqlite3.Connection, payload: dict[str, object]) -> int:
        """In the sale's own transaction (CheckoutService.complete): the points it earns and
        redeems, and its stored-value tenders marked used. Returns the points earned."""
        sale_id = str(payload["sale_id"])
        con.execute("UPDATE stored_value_spends SET state = CASE state WHEN 'offline' THEN 'used_offline' ELSE 'used' END "
                    "WHERE sale_id=? AND state IN ('online', 'offline')", (sale_id,))  # fmt: skip
        customer = payload.get("customer_id")
        if not isinstance(customer, int):
            return 0
        lines_raw = payload["lines"]
        assert isinstance(lines_raw, list)
        vids = [int(x["variant_id"]) for x in lines_raw]
        marks = ",".join("?" * len(vids))
        category = {
            int(v): str(c) for v, c in self.store.query(f"SELECT id, category FROM catalog WHERE id IN ({marks})", vids)
        }
        lines = [(str(x["line_id"]), int(x["quantity"]), category.get(int(x["variant_id"]), ""), int(x["total"]))
                 for x in lines_raw]  # fmt: skip
        earned = self.estimate(customer, lines)
        discounts = payload.get("discounts") or []
        assert isinstance(discounts, list)
        redeemed = sum(redeemed_points(d.get("reason")) for d in discounts if d.get("kind") == "manual")
        con.execute(
            "INSERT OR REPLACE INTO sale_points(sale_id, customer_id, earned, redeemed) VALUES (?, ?, ?, ?)",
            (sale_id, customer, earned, redeemed),
        )
        return earned

    def sale_points(self, sale_id: str) -> tuple[int, int] | None:
        """(earned, redeemed) of a sale of this till, or None (no customer)."""
        rows = self.store.query("SELECT earned, redeemed FROM sale_points WHERE sale_id=?", (sale_id,), which="device")
        return None if not rows else (int(rows[0][0]), int(rows[0][1]))

    # --- spending --------------------------------------------------------------------------------

    def spend(
        self, sale_id: str, kind: str, amount: int, *, customer_id: int | None = None, card_no: str | None = None
    ) -> Spend:
        """Take `amount` of store credit (`customer_id`) or a gift card (`card_no`) for this
        basket: online at central now, else offline within the cached balance and today's cap."""
        currency = self.currency()
        if amount <= 0:
            raise ValidationFailed("stored_value.amount")
        if kind == "gift":
            try:
                owner = normalise_card(card_no or "")
            except CardNumberError as e:
                raise ValidationFailed(e.code, str(e)) from None
        elif customer_id is None:
            raise ValidationFailed("stored_value.customer")
        else:
            owner = str(customer_id)
        spend_id = str(uuid.uuid4())
        body = {"spend_id": spend_id, "sale_id": sale_id, "kind": kind, "amount": amount, "currency": currency,
                "customer_id": customer_id if kind == "credit" else None, "card_no": owner if kind == "gift" else None}  # fmt: skip
        try:
            with self._client() as client:
                got = client._json(SpendResult, "POST", "/v1/accounts/spend", json=body, timeout=LIVE_TIMEOUT * 2)
        except Rejected as e:
            raise ValidationFailed("stored_value.refused", e.detail) from None
        except CentralError:
            return self._spend_offline(spend_id, sale_id, kind, owner, amount, currency)
        self._record(spend_id, sale_id, kind, owner, amount, currency, "online", got.balance)
        if kind == "gift":
            self._seen(owner, currency, got.balance, "active")
        return Spend(spend_id, kind, owner, amount, currency, False, got.balance)

    def _spend_offline(self, spend_id: str, sale_id: str, kind: str, owner: str, amount: int, currency: str) -> Spend:
        if kind == "gift":
            card = self.gift_card(owner)  # offline: as last seen, less this till's offline spends
            if card.status != "active":
                raise ValidationFailed("gift.inactive")
            if card.currency != currency:
                raise ValidationFailed("gift.currency", card_currency=card.currency, currency=currency)
            held = card.balance
        else:
            held = self.cached(int(owner)).credit
        if amount > held:
            raise ValidationFailed(
                "stored_value.offline_balance",
                held=held,
            )
        left = self.cap_left()
        if amount > left:
            raise ValidationFailed(
                "stored_value.offline_cap",
                left=left,
            )
        self._record(spend_id, sale_id, kind, owner, amount, currency, "offline", held - amount)
        return Spend(spend_id, kind, owner, amount, currency, True, held - amount)

    def _record(self, spend_id: str, sale_id: str, kind: str, owner: str, amount: int, currency: str, state: str,
                left: int) -> None:  # fmt: skip
        with self.store.tx("device") as con:
            con.execute(
                "INSERT INTO stored_value_spends(spend_id, sale_id, kind, owner, currency, amount, state, day, left_after, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (spend_id, sale_id, kind, owner, currency, amount, state, self.today(), left, now_iso()),
            )

    def cancel(self, spend: Spend, sale_id: str) -> None:
        """Give a spend back (its tender was removed or the basket cleared before the sale)."""
        if not spend.offline:
            body = {"spend_id": spend.spend_id, "sale_id": sale_id, "kind": spend.kind, "amount": spend.amount,
                    "currency": spend.currency, "customer_id": int(spend.owner) if spend.kind == "credit" else None,
                    "card_no": spend.owner if spend.kind == "gift" else None}  # fmt: skip
            try:
                with self._client() as client:
                    client._json(SpendResult, "POST", "/v1/accounts/spend/cancel", json=body, timeout=LIVE_TIMEOUT * 2)
            except CentralError as e:
                raise ValidationFailed(
                    "stored_value.cancel_gift" if spend.kind == "gift" else "stored_value.cancel_credit",
                    detail=said_of(e),
                ) from None
        with self.store.tx("device") as con:
            con.execute("UPDATE stored_value_spends SET state='cancelled' WHERE spend_id=?", (spend.spend_id,))

    def recover(self) -> int:
        """Spends of baskets that died with an earlier run of the app (a crash between taking
        the tender and the sale): baskets are not kept across a restart, so no sale will ever
        use them — those central debited go back on their account, the offline ones are
        dropped. Returns how many were given back; one central cannot take now stays for the
        next start."""
        rows = self.store.query(
            "SELECT sv.spend_id, sv.sale_id, sv.kind, sv.owner, sv.amount, sv.currency, sv.state, sv.left_after "
            "FROM stored_value_spends sv WHERE sv.state IN ('online', 'offline') AND sv.created_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.sale_id = sv.sale_id)",
            (self.started,),
            which="device",
        )
        given = 0
        for spend_id, sale_id, kind, owner, amount, currency, state, left in rows:
            spend = Spend(
                str(spend_id), str(kind), str(owner), int(amount), str(currency), state == "offline", int(left or 0)
            )
            try:
                self.cancel(spend, str(sale_id))
            except ValidationFailed:
                continue
            given += 1
        return given

    def spends(self, sale_id: str) -> list[Spend]:
        rows = self.store.query(
            "SELECT spend_id, kind, owner, amount, currency, state, left_after FROM stored_value_spends "
            "WHERE sale_id=? AND state IN ('online', 'offline') ORDER BY created_at",
            (sale_id,),
            which="device",
        )
        return [
            Spend(str(a), str(k), str(o), int(m), str(c), s == "offline", int(x or 0)) for a, k, o, m, c, s, x in rows
        ]

    # --- gift cards sold and topped up -------------------------------------------------------------

    def load_card(self, session: Session, card_no: str, amount: int, tender: str = "cash") -> str:
        """Sell (the first load activates it) or top up a gift card, paid by `tender`; returns
        the load id (what a void names)."""
        try:
            number = normalise_card(card_no)
        except CardNumberError as e:
            raise ValidationFailed(e.code, str(e)) from None
        if amount <= 0:
            raise ValidationFailed("gift.amount")
        load_id = str(uuid.uuid4())
        payload = GiftCardLoadPayload(
            load_id=uuid.UUID(load_id), card_no=number, store_id=self.identity.store_id, staff_id=session.staff.id,
            amount=amount, currency=self.currency(), tender="card" if tender == "card" else "cash",
            loaded_at=datetime.now(UTC),
        ).model_dump(mode="json")  # fmt: skip
        with self.store.tx("device") as con:
            op_id, _ = self.store.enqueue(con, "giftcard.load", payload)
            con.execute(
                "INSERT INTO gift_card_loads(load_id, card_no, amount, currency, tender, op_id, state, at) "
                "VALUES (?, ?, ?, ?, ?, ?, 'loaded', ?)",
                (load_id, number, amount, payload["currency"], payload["tender"], op_id, now_iso()),
            )
            self.store.journal_append(con, "giftcard.load", {"op_id": op_id, "load_id": load_id, "amount": amount,
                                                              "staff_id": session.staff.id})  # fmt: skip
        self.kick()
        return load_id

    def cash_to_drawer(self, session: Session, kind: str, amount: int, note: str) -> bool:
        """A gift-card load's cash as a paid in (`kind` "paid_in") or its void's as a paid out,
        on the open shift; False when no shift is open here (the sheet says so)."""
        if self.drawer is None:
            return False
        reason = "customer_payment" if kind == "paid_in" else "other"
        try:
            self.drawer(session, kind, amount, reason, note)
        except ValidationFailed:
            return False
        return True

    def void_load(self, session: Session, load_id: str) -> None:
        """A top-up paid and then voided: its amount comes off the card (central refuses, with
        one sentence in the outbox's rejected list, when the card was spent since)."""
        rows = self.store.query(
            "SELECT card_no, amount, currency, state FROM gift_card_loads WHERE load_id=?", (load_id,), which="device"
        )
        if not rows:
            raise ValidationFailed("gift.no_load")
        number, amount, currency, state = rows[0]
        if state == "voided":
            raise ValidationFailed("gift.voided")
        payload = GiftCardVoidPayload(
            load_id=uuid.UUID(load_id), card_no=str(number), store_id=self.identity.store_id,
            staff_id=session.staff.id, amount=int(amount), currency=str(currency), voided_at=datetime.now(UTC),
        ).model_dump(mode="json")  # fmt: skip
        with self.store.tx("device") as con:
            op_id, _ = self.store.enqueue(con, "giftcard.void", payload)
            con.execute("UPDATE gift_card_loads SET state='voided', void_op_id=? WHERE load_id=?", (op_id, load_id))
            self.store.journal_append(con, "giftcard.void", {"op_id": op_id, "load_id": load_id,
                                                              "staff_id": session.staff.id})  # fmt: skip
        self.kick()


__all__ = ["AccountsService", "Balances", "GiftCard", "Spend"]


def card_number(text: str) -> str:
    """A typed or scanned gift-card number as stored, or ValidationFailed with its sentence."""
    try:
        return normalise_card(text)
    except CardNumberError as e:
        raise ValidationFailed(e.code, str(e)) from None


def printed_number(number: str) -> str:
    """``GC 4821 3907 653``."""
    from sync.loyalty import printed_card

    return printed_card(number)
