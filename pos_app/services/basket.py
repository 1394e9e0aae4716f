"""Baskets on the sell screen: lines, quantities, discounts, overrides, park and resume.

A `Basket` is the mutable thing being rung up; every change goes through `BasketService`, which
re-prices it with the shared engine (through `CheckoutService.basket` / `.price`) BEFORE the
change is kept: a refused change (quantity 0, a discount above 100 %, …) raises
`ValidationFailed` with the engine's code and leaves the basket as it was. Every call returns a
`BasketView`: a frozen snapshot for the screen (lines with their promotions named, totals as
the store's money, quick cash amounts).

Role limits for manual discounts and price overrides (a percent of what the line or basket
costs before the manual discount; an override counts as the percent it takes off the list
price). Above the limit of the person signed in, a supervisor's or manager's PIN on the same
screen approves (`approver=` from `AuthService.approve`). The limits are central's
configuration, the `role_limits` stream (one row per role and kind, discount or override),
read from the cache at each check; a till that has never synced that stream uses the built-in
`LIMITS` (the values central is seeded with):

    associate 10 %   supervisor 30 %   manager any

A customer attached to the basket (`attach_customer`, from `CustomerService`) is priced with
their customer group's price lists and promotions at once, and the sale carries their id.

Parked baskets live on this device in `parked.json` in the data directory (written atomically:
a temporary file, fsync, rename), so several can wait and they survive a restart. A basket is
parked with its sale id: resumed and paid, it is the same sale.

Call everything here from a worker: it reads the local store.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any
from uuid import UUID

from pos_app.core.auth import Permission, Role
from pos_app.core.money import Money, format_money
from pos_app.services.auth import Session, StaffMember
from pos_app.services.checkout import CheckoutService, CompletedSale, SaleBasket
from pos_app.services.customers import Customer
from pos_app.services.errors import PermissionNeeded, ValidationFailed
from pos_app.services.language import language_of
from pos_app.services.local_names import local_names
from pos_app.services.payments import CardPayment, PaymentService
from pos_app.services.pickups import PickupSale
from sync.address import one_line
from sync.loyalty import points_reason, redeemed_points
from sync.pricing import PricedBasket, Tender, TenderType, quick_amounts, read_basket

__all__ = [
    "LIMITS",
    "UNDO_SECONDS",
    "Basket",
    "BasketLine",
    "BasketService",
    "BasketView",
    "Delivery",
    "DeliveryView",
    "LineView",
    "ManualDiscount",
    "ParkedBasket",
    "Tender",
    "TenderType",
]

# The largest manual discount / override (percent) each role may give without an approval, until
# the till has synced central's `role_limits` stream.
LIMITS: dict[Role, Decimal | None] = {Role.ASSOCIATE: Decimal(10), Role.SUPERVISOR: Decimal(30), Role.MANAGER: None}
UNDO_SECONDS = 6.0  # a removed line can be put back this long
PARKED_FILE = "parked.json"
LIMIT_KINDS = ("discount", "override")


@dataclass(frozen=True)
class ManualDiscount:
    kind: str  # "percent" | "amount"
    value: str  # percent ("15") or minor units ("500")
    reason: str
    approved_by: int | None = None

    def doc(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value, "reason": self.reason}


@dataclass(frozen=True)
class PriceOverride:
    unit_price: int
    reason: str
    approved_by: int | None = None


@dataclass(frozen=True)
class BasketLine:
    key: str  # stable for the screen (the pricing line id is the position)
    variant_id: int
    quantity: int
    discount: ManualDiscount | None = None
    override: PriceOverride | None = None
    fulfilment: str = "carry_out"  # "ship": delivered to the customer (endless aisle), no stock moved here
    # "pickup": a line of the pay-on-pickup order collected with this sale (Basket.pickup), at
    # the order's price (an override with the order's number as its reason), no stock moved here


@dataclass(frozen=True)
class Delivery:
    """Where the basket's ship lines go and how (docs/endless-aisle.md): a home address
    (sync.address's normalised fields) or a store, and a `delivery_options` row id."""

    kind: str  # "home" | "store"
    option: str  # delivery_options.id
    address: dict[str, Any] | None = None
    store_id: int | None = None
    store_name: str = ""
    language: str = "en"  # the customer's mails: ja | en | de


@dataclass(frozen=True)
class DeliveryView:
    destination: str  # "〒150-0001 東京都渋谷区…" / "Store Berlin Mitte"
    option: str  # the option's name
    days: str  # "2–3 days"
    fee: str  # "¥550" / "free"
    fee_minor: int
    ship_items: int
    kind: str = "home"  # "store": sent to that store for pickup


@dataclass
class Basket:
    sale_id: UUID = field(default_factory=CheckoutService.open_basket)
    lines: list[BasketLine] = field(default_factory=list)
    discount: ManualDiscount | None = None
    coupons: list[str] = field(default_factory=list)
    parked_id: str | None = None  # resumed from this parked entry
    removed: tuple[int, BasketLine, float] | None = None  # (position, line, when) for undo
    customer: Customer | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    delivery: Delivery | None = None  # the ship lines' destination and option (endless aisle)
    order_id: UUID = field(default_factory=uuid.uuid4)  # the order those lines make: made once per basket
    pickup: PickupSale | None = None  # a pay-on-pickup order collected with this sale (add_pickup)


@dataclass(frozen=True)
class LineView:
    key: str
    variant_id: int
    sku: str
    name: str
    colour: str
    size: str
    quantity: int
    unit_price: str
    amount: str  # unit price × quantity
    total: str  # after promotions and discounts
    savings: tuple[str, ...]  # "3 for 2 socks −¥500", "Damaged −10 %: −¥300", "Price override (was ¥4,900)"
    fulfilment: str = "carry_out"  # "ship": the row says "Delivered to the customer"
    note: str = ""  # a pickup line: "Collected: pickup order 000123"


@dataclass(frozen=True)
class BasketView:
    sale_id: UUID
    lines: tuple[LineView, ...]
    currency: str
    locale: str
    items: int  # pieces
    subtotal: str
    savings: tuple[tuple[str, str], ...]  # (what: promotion name or discount reason, "−¥500")
    tax: str
    total: str
    total_minor: int
    cash_total_minor: int
    quick: tuple[tuple[int, str], ...]  # cash quick amounts (minor, text)
    can_undo: bool = False
    undo_text: str = ""
    priced: PricedBasket | None = None
    basket_discount: str = ""
    customer: Customer | None = None
    delivery: DeliveryView | None = None  # the basket has ship lines and a chosen delivery
    ships: bool = False  # some line is delivered to the customer
    pickup: PickupSale | None = None  # the pay-on-pickup order this sale collects

    @property
    def empty(self) -> bool:
        return not self.lines

    def money(self, minor: int) -> str:
        return format_money(Money(minor, self.currency), self.locale)


@dataclass(frozen=True)
class ParkedBasket:
    id: str
    label: str
    parked_at: datetime
    staff_id: int
    items: int
    total: str
    data: dict[str, Any]


@lru_cache(maxsize=8192)
def _reason_words(reason: str) -> str:
    """A discount's reason as the screen says it: "points:2400" is "2,400 points"."""
    n = redeemed_points(reason)
    return f"{n:,} points" if n else reason


@lru_cache(maxsize=8192)
def _money_text(minor: int, currency: str, locale: str) -> str:
    """format_money, remembered: a 100-line view formats some 500 amounts (unit price, amount,
    total and savings per line) and babel takes ~0.1 ms each, most of a scan's budget; the same
    few hundred amounts recur from one re-price to the next."""
    return format_money(Money(minor, currency), locale)


def _pct_text(d: Decimal) -> str:
    return format(d.normalize(), "f")


class BasketService:
    def __init__(
        self,
        checkout: CheckoutService,
        data_dir: Path,
        scan: Callable[[str], Any] | None = None,
        promotions: Callable[[], Sequence[dict[str, Any]]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        customer_used: Callable[[Customer], None] | None = None,
    ) -> None:
        self.checkout = checkout
        self.store = checkout.store
        self.data_dir = Path(data_dir)
        self.scan_fn = scan
        self.promotions = promotions  # given (demo screenshots): these instead of the cached ones
        self.clock = clock
        self.customer_used = customer_used  # the customer goes first in the till's recent list
        self._file_lock = threading.Lock()
        self._info: dict[int, tuple[str, str, str, str]] = {}
        self.payments: PaymentService | None = None  # the card terminal's payments (app.py wires it)

    # --- a basket ------------------------------------------------------------------------------

    def new(self) -> Basket:
        return Basket()

    def view(self, basket: Basket) -> BasketView:
        with basket.lock:
            return self._view(basket, self._price(basket))

    def add_scan(self, basket: Basket, code: str) -> BasketView:
        """A scanned barcode or typed SKU: one more of that item."""
        result = self.scan_fn(code) if self.scan_fn is not None else None
        vid = getattr(result, "variant_id", None)
        if vid is None:
            rows = self.store.query("SELECT id FROM catalog WHERE sku=?", (code.strip().upper(),))
            if not rows:
                problem = getattr(result, "problem", "") or "basket.unknown_code"
                raise ValidationFailed(problem, **(getattr(result, "params", None) or {"code": code.strip()[:40]}))
            vid = int(rows[0][0])
        return self.add(basket, int(vid))

    def add_sku(self, basket: Basket, sku: str) -> BasketView:
        rows = self.store.query("SELECT id FROM catalog WHERE sku=?", (sku.strip().upper(),))
        if not rows:
            raise ValidationFailed("basket.unknown_code", code=sku.strip()[:40])
        return self.add(basket, int(rows[0][0]))

    def add(self, basket: Basket, variant_id: int, quantity: int = 1, fulfilment: str = "carry_out") -> BasketView:
        """One more of an item: the plain line of that item grows, or a new line is added.
        `fulfilment` "ship": a line delivered to the customer (endless aisle, `add_ship`)."""
        with basket.lock:
            lines = list(basket.lines)
            for i, line in enumerate(lines):
                if (
                    line.variant_id == variant_id
                    and line.discount is None
                    and line.override is None
                    and line.fulfilment == fulfilment
                ):
                    lines[i] = replace(line, quantity=line.quantity + quantity)
                    break
            else:
                lines.append(BasketLine(uuid.uuid4().hex[:10], variant_id, quantity, fulfilment=fulfilment))
            return self._commit(basket, lines=lines)

    # --- endless aisle: lines delivered to the customer ---------------------------------------

    def add_ship(self, basket: Basket, variant_id: int, quantity: int = 1) -> BasketView:
        """A line paid here and delivered to the customer (or to a store): no stock moves at this
        till; central sources it after the sale (docs/endless-aisle.md). A product no location
        this till knows has ever stocked is refused: nothing could ship it."""
        if not self._ever_stocked(variant_id):
            sku = self._names([variant_id])[variant_id][0] or str(variant_id)
            raise ValidationFailed(
                "ship.never_stocked",
                sku=sku,
            )
        return self.add(basket, variant_id, quantity, fulfilment="ship")

    def _ever_stocked(self, variant_id: int) -> bool:
        home = self.checkout.identity.store_id
        if self.store.query("SELECT 1 FROM stock WHERE variant_id=? AND location_id != ? LIMIT 1", (variant_id, home)):
            return True
        return bool(self.store.query("SELECT 1 FROM live_stock WHERE variant_id=? AND location_id != ? LIMIT 1",
                                     (variant_id, home)))  # fmt: skip

    def set_delivery(self, basket: Basket, delivery: Delivery | None) -> BasketView:
        """Where the ship lines go and the option (its fee becomes a line of the option's
        service SKU, free over the option's `free_over`). The address was checked by
        OrderService.check_address."""
        with basket.lock:
            if delivery is not None and self._option(delivery.option) is None:
                raise ValidationFailed("ship.no_option")
            return self._commit(basket, delivery=delivery)

    def _option(self, option_id: str) -> dict[str, Any] | None:
        rows = self.store.query(
            "SELECT id, country, currency, sku, name_en, name_ja, name_de, fee, free_over, days_min, days_max "
            "FROM delivery_options WHERE id=? AND active=1",
            (option_id,),
        )
        if not rows:
            return None
        keys = ("id", "country", "currency", "sku", "name_en", "name_ja", "name_de", "fee", "free_over",
                "days_min", "days_max")  # fmt: skip
        return dict(zip(keys, rows[0], strict=True))

    def _fee(self, basket: Basket, option: dict[str, Any]) -> int:
        """The option's fee, or 0 when the shipped goods come to its `free_over` or more (after
        promotions and discounts)."""
        fee = int(option["fee"])
        free_over = option["free_over"]
        if fee <= 0 or free_over is None:
            return max(fee, 0)
        goods = replace(basket, delivery=None)
        priced = self.checkout.price(self._sale_basket(goods))
        shipped = sum(
            pl.total for line, pl in zip(basket.lines, priced.lines, strict=True) if line.fulfilment == "ship"
        )
        return 0 if shipped >= int(free_over) else fee

    def ship_check(self, basket: Basket) -> None:
        """Before any money is taken: a basket with ship lines needs a customer and a delivery."""
        if not any(x.fulfilment == "ship" for x in basket.lines):
            return
        if basket.customer is None:
            raise ValidationFailed("ship.no_customer")
        if basket.delivery is None:
            raise ValidationFailed("ship.no_delivery")

    # --- click-and-collect: a pay-on-pickup order paid through this checkout --------------------

    def add_pickup(self, basket: Basket, sale: PickupSale) -> BasketView:
        """The collected lines of a pay-on-pickup order (PickupService.for_payment) as pickup
        lines: each at the order's unit price (an override whose reason names the order: no
        promotion, and central keeps it when it re-prices), no stock moved here (the order's
        reservation is released by the handover at central). Completing the sale writes the
        pickup.handover with its sale_id (docs/pickups.md "Paying at the till"); clearing the
        basket hands nothing over. The same order again is no change; another one is refused."""
        with basket.lock:
            if basket.pickup is not None:
                if basket.pickup.pickup_id == sale.pickup_id:
                    return self._view(basket, self._price(basket))
                raise ValidationFailed("basket.pickup_busy", number=basket.pickup.number)
            if sale.currency != self._currency():
                raise ValidationFailed("basket.pickup_currency", number=sale.number, currency=sale.currency)
            reason = f"Pickup order {sale.number}"
            lines = list(basket.lines) + [
                BasketLine(uuid.uuid4().hex[:10], vid, qty, override=PriceOverride(unit, reason), fulfilment="pickup")
                for _n, vid, qty, unit in sale.lines
            ]
            return self._commit(basket, lines=lines, pickup=sale)

    @staticmethod
    def _not_pickup(line: BasketLine) -> None:
        if line.fulfilment == "pickup":
            raise ValidationFailed("basket.pickup_line")

    def set_quantity(self, basket: Basket, key: str, quantity: int) -> BasketView:
        with basket.lock:
            lines = [replace(x, quantity=quantity) if x.key == key else x for x in basket.lines]
            self._not_pickup(self._line(basket, key))
            return self._commit(basket, lines=lines)

    def remove(self, basket: Basket, key: str) -> BasketView:
        """The line goes; `undo` puts it back for UNDO_SECONDS. A pickup line takes the whole
        pickup order off the sale (the customer walked away): nothing is handed over, the order
        stays ready, and there is no undo (take the payment from its handover again)."""
        with basket.lock:
            line = self._line(basket, key)
            if line.fulfilment == "pickup":
                view = self._commit(basket, lines=[x for x in basket.lines if x.fulfilment != "pickup"], pickup=None)
                basket.removed = None
                return view
            pos = basket.lines.index(line)
            lines = [x for x in basket.lines if x.key != key]
            view = self._commit(basket, lines=lines)
            basket.removed = (pos, line, self.clock())
            return self._view(basket, view.priced)

    def undo(self, basket: Basket) -> BasketView:
        with basket.lock:
            removed = basket.removed
            if removed is None or self.clock() - removed[2] > UNDO_SECONDS:
                basket.removed = None
                raise ValidationFailed("basket.undo_expired")
            pos, line, _ = removed
            lines = list(basket.lines)
            lines.insert(min(pos, len(lines)), line)
            basket.removed = None
            return self._commit(basket, lines=lines)

    def clear(self, basket: Basket) -> BasketView:
        with basket.lock:
            return self._commit(basket, lines=[], discount=None, delivery=None)

    # --- discounts and overrides ---------------------------------------------------------------

    def discount_line(
        self,
        basket: Basket,
        key: str,
        kind: str,
        value: str,
        reason: str,
        session: Session,
        approver: StaffMember | None = None,
    ) -> BasketView:
        """A percent or amount (minor units) off one line, with a reason."""
        with basket.lock:
            line = self._line(basket, key)
            self._not_pickup(line)
            discount = self._discount(kind, value, reason)
            priced = self._price(basket)
            pl = next(p for p in priced.lines if p.id == self._pid(basket, key))
            base = pl.amount - pl.promotion_saving
            pct = self._percent_of(discount, base)
            who = self._allowed(session, approver, pct)
            discount = replace(discount, approved_by=who)
            lines = [replace(x, discount=discount) if x.key == key else x for x in basket.lines]
            del line
            return self._commit(basket, lines=lines)

    def discount_basket(
        self,
        basket: Basket,
        kind: str,
        value: str,
        reason: str,
        session: Session,
        approver: StaffMember | None = None,
    ) -> BasketView:
        with basket.lock:
            discount = self._discount(kind, value, reason)
            priced = self._price(basket)
            base = sum(p.amount - p.promotion_saving - p.discount_amount for p in priced.lines)
            pct = self._percent_of(discount, base)
            discount = replace(discount, approved_by=self._allowed(session, approver, pct))
            return self._commit(basket, discount=discount)

    def remove_discount(self, basket: Basket, key: str | None = None) -> BasketView:
        with basket.lock:
            if key is None:
                return self._commit(basket, discount=None)
            lines = [replace(x, discount=None, override=None) if x.key == key else x for x in basket.lines]
            return self._commit(basket, lines=lines)

    def override(
        self,
        basket: Basket,
        key: str,
        unit_price: int,
        reason: str,
        session: Session,
        approver: StaffMember | None = None,
    ) -> BasketView:
        """A new unit price for one line (an overridden line takes no promotion)."""
        with basket.lock:
            self._not_pickup(self._line(basket, key))
            if not reason.strip():
                raise ValidationFailed("override.reason")
            priced = self._price(basket)
            pl = next(p for p in priced.lines if p.id == self._pid(basket, key))
            list_price = (
                pl.source.list_price if pl.source.kind == "override" and pl.source.list_price else pl.unit_price
            )
            pct = Decimal(0)
            if list_price > 0 and unit_price < list_price:
                pct = Decimal(list_price - unit_price) * 100 / Decimal(list_price)
            who = self._allowed(session, approver, pct, "override")
            ov = PriceOverride(int(unit_price), reason.strip(), who)
            lines = [replace(x, override=ov) if x.key == key else x for x in basket.lines]
            return self._commit(basket, lines=lines)

    def limit(self, role: Role, kind: str = "discount") -> Decimal | None:
        """The largest discount or override (`kind`) in percent `role` gives without an approver
        (None: any): central's `role_limits` row; a role or kind central has no row for gets 0 %
        (everything needs approval); the built-in LIMITS only while the stream was never synced."""
        return self.limits(kind).get(role, Decimal(0))

    def limits(self, kind: str = "discount") -> dict[Role, Decimal | None]:
        if kind not in LIMIT_KINDS:
            raise ValueError(f"unknown limit kind {kind!r}")
        rows = self.store.query("SELECT role, kind, max_percent FROM role_limits", ())
        if not rows:
            return dict(LIMITS)
        out: dict[Role, Decimal | None] = {}
        for role_name, k, pct in rows:
            role = Role.__members__.get(str(role_name).upper())
            if role is None or k != kind:
                continue
            try:
                out[role] = None if pct is None else Decimal(str(pct))
            except InvalidOperation:
                out[role] = Decimal(0)  # a row the till cannot read: nothing without approval
        return out

    # --- the customer ----------------------------------------------------------------------------

    def attach_customer(self, basket: Basket, customer: Customer) -> BasketView:
        """Price the basket for this customer (their group's prices and promotions) and carry
        them in the sale."""
        with basket.lock:
            view = self._commit(basket, customer=customer)
        if self.customer_used is not None:
            self.customer_used(customer)
        return view

    def detach_customer(self, basket: Basket) -> BasketView:
        with basket.lock:
            points = basket.discount is not None and redeemed_points(basket.discount.reason) > 0
            # points redeemed were the customer's: they go with them
            return self._commit(basket, customer=None, **({"discount": None} if points else {}))

    def redeem_points(self, basket: Basket, points: int, value: int) -> BasketView:
        """The customer's `points` as a discount of `value` (minor units) on the whole basket
        (docs/loyalty.md): not a discretionary discount, so no role limit; it takes the
        basket-discount place (the pricing engine has one), replacing a manual one."""
        with basket.lock:
            if basket.customer is None:
                raise ValidationFailed("points.no_customer")
            if points <= 0 or value <= 0:
                raise ValidationFailed("points.none")
            discount = ManualDiscount("amount", str(value), points_reason(points))
            return self._commit(basket, discount=discount)

    def redeemed(self, basket: Basket) -> int:
        """The points this basket redeems (0: none)."""
        return 0 if basket.discount is None else redeemed_points(basket.discount.reason)

    @staticmethod
    def approval_permission(needed: Role) -> Permission:
        """The permission an approver's PIN is checked for (core.auth has no discount permission
        yet: the one whose lowest role is `needed`)."""
        return Permission(int(needed))

    # --- paying ----------------------------------------------------------------------------------

    def sale_basket(self, basket: Basket) -> SaleBasket:
        with basket.lock:
            return self._sale_basket(basket)

    def complete(
        self, session: Session, basket: Basket, tenders: Sequence[Tender], *, within: Any = None
    ) -> CompletedSale:
        """Through CheckoutService.complete: the same basket completed twice is one sale. With a
        terminal wired (`payments`), the card tenders are the basket's approved card payments
        (each referenced by the terminal's transaction id); ``tenders`` gives the others.
        `within`: more written in the sale's transaction (an exchange's return, docs/returns.md)."""
        with basket.lock:
            if not basket.lines:
                raise ValidationFailed("basket.empty")
            self.ship_check(basket)
            if self.payments is not None:
                tenders = [
                    *self.payments.tenders(basket.sale_id),
                    *(t for t in tenders if t.type is not TenderType.CARD),
                ]
            sale = self.checkout.complete(session, self._sale_basket(basket), tenders, within=within)
            if self.payments is not None:
                self.payments.forget(basket.sale_id)
            if basket.parked_id:
                self._drop_parked(basket.parked_id)
                basket.parked_id = None
            return sale

    def pay_card(self, session: Session, basket: Basket, amount: int | None = None, *, cash: int = 0) -> CardPayment:
        """A card payment on the terminal for ``amount`` (None: all that is still due after the
        card payments already taken and ``cash`` handed over on the tender sheet). Blocks while
        the customer is at the terminal; `PaymentService.abort(sale_id)` cancels from the till."""
        if self.payments is None:
            raise ValidationFailed("payment.no_terminal")
        with basket.lock:
            if not basket.lines:
                raise ValidationFailed("basket.empty")
            self.ship_check(basket)
            sb = self._sale_basket(basket)
            priced = self.checkout.price(sb)
        due = priced.totals.total
        if amount is None:
            amount = due - self.payments.taken(basket.sale_id) - cash
        return self.payments.pay(session, sb, amount, due=due - cash, currency=priced.currency)

    def card_payments(self, basket: Basket) -> list[CardPayment]:
        return [] if self.payments is None else self.payments.of_sale(basket.sale_id)

    def abandon(self, session: Session | None, basket: Basket) -> list[CardPayment]:
        """The basket goes without a sale: the card payments it holds are reversed first (money is
        never left taken without a sale). Raises when a reversal did not go through; the basket
        then stays."""
        if self.payments is None or not self.payments.of_sale(basket.sale_id):
            return []
        if self.checkout.sale(basket.sale_id) is not None:
            self.payments.forget(basket.sale_id)
            return []
        done = self.payments.void(session, basket.sale_id)
        if self.payments.taken(basket.sale_id):
            raise ValidationFailed("payment.reverse_failed")
        return done

    @staticmethod
    def quick(due: int, view: BasketView) -> list[tuple[int, str]]:
        """Quick cash amounts for what is still due after a first cash payment (pure: no disk)."""
        return [(q, view.money(q)) for q in quick_amounts(due, view.currency)]

    # --- parking ---------------------------------------------------------------------------------

    def park(self, basket: Basket, session: Session, label: str = "") -> ParkedBasket:
        """Put the basket aside (parked.json). Refused while it holds card money (docs/terminal.md
        "Parking a basket paid in part by card"): a parked basket is nobody's on screen, so after
        a restart its cards would be reversed, and a parked list is no place for money taken."""
        with basket.lock:
            if not basket.lines:
                raise ValidationFailed("basket.empty")
            if basket.pickup is not None:
                raise ValidationFailed("basket.park_pickup", number=basket.pickup.number)
            priced = self._price(basket)
            view = self._view(basket, priced)
            self._refuse_parking_card(basket, view)
            entry = {
                "id": basket.parked_id or uuid.uuid4().hex[:12],
                "label": label.strip()[:60],
                "parked_at": datetime.now(UTC).isoformat(),
                "staff_id": session.staff.id,
                "items": view.items,
                "total": view.total,
                "basket": _basket_to_json(basket),
            }
            with self._file_lock:
                entries = [e for e in self._read_parked() if e.get("id") != entry["id"]]
                entries.append(entry)
                self._write_parked(entries)
            basket.lines = []
            basket.discount = None
            basket.parked_id = None
            basket.customer = None
            basket.delivery = None
            basket.order_id = uuid.uuid4()
            return _parked(entry)

    def _refuse_parking_card(self, basket: Basket, view: BasketView) -> None:
        if self.payments is None:
            return
        payments = [p for p in self.payments.of_sale(basket.sale_id) if p.kind == "payment"]
        if self.payments.in_flight(basket.sale_id) or any(not p.settled for p in payments):
            raise ValidationFailed("basket.park_card_open")
        taken = self.payments.taken(basket.sale_id)
        if taken > 0:
            raise ValidationFailed(
                "basket.park_card",
                amount=view.money(taken),
                taken=taken,
            )

    def parked(self) -> list[ParkedBasket]:
        with self._file_lock:
            return [_parked(e) for e in self._read_parked()]

    def resume(self, parked_id: str) -> Basket:
        """The parked basket back on the screen (and off the parked list), with its sale id."""
        with self._file_lock:
            entry = next((e for e in self._read_parked() if e.get("id") == parked_id), None)
        if entry is None:
            raise ValidationFailed("basket.parked_gone")
        basket = _basket_from_json(entry["basket"])
        with self._file_lock:
            self._write_parked([e for e in self._read_parked() if e.get("id") != parked_id])
        return basket

    def _drop_parked(self, parked_id: str) -> None:
        with self._file_lock:
            self._write_parked([e for e in self._read_parked() if e.get("id") != parked_id])

    def _path(self) -> Path:
        return self.data_dir / PARKED_FILE

    def _read_parked(self) -> list[dict[str, Any]]:
        try:
            data = json.loads(self._path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError):
            return []
        return [e for e in data.get("parked", []) if isinstance(e, dict)] if isinstance(data, dict) else []

    def _write_parked(self, entries: list[dict[str, Any]]) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".parked-", suffix=".json", dir=self.data_dir)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"version": 1, "parked": entries}, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self._path())
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # --- inside ------------------------------------------------------------------------------

    def _line(self, basket: Basket, key: str) -> BasketLine:
        for line in basket.lines:
            if line.key == key:
                return line
        raise ValidationFailed("basket.no_line")

    @staticmethod
    def _pid(basket: Basket, key: str) -> str:
        return str(next(i for i, x in enumerate(basket.lines, start=1) if x.key == key))

    @staticmethod
    def _discount(kind: str, value: str, reason: str) -> ManualDiscount:
        if kind not in ("percent", "amount"):
            raise ValidationFailed("discount.kind")
        try:
            d = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValidationFailed("discount.value") from None
        if not d.is_finite():
            raise ValidationFailed("discount.value")
        if not reason.strip():
            raise ValidationFailed("discount.reason")
        return ManualDiscount(kind, _pct_text(d) if kind == "percent" else str(d), reason.strip())

    @staticmethod
    def _percent_of(discount: ManualDiscount, base: int) -> Decimal:
        value = Decimal(discount.value)
        if discount.kind == "percent":
            return value
        if base <= 0:
            return Decimal(0) if value <= 0 else Decimal(100)
        return value * 100 / Decimal(base)

    def _allowed(
        self, session: Session, approver: StaffMember | None, pct: Decimal, kind: str = "discount"
    ) -> int | None:
        """None when the person signed in may; the approver's id when they approved; else
        PermissionNeeded with the role that may (a negative or >100 % value is left to the engine)."""
        if pct <= 0 or pct > 100:
            return None
        limits = self.limits(kind)
        mine = limits.get(session.staff.role, Decimal(0))
        if mine is None or pct <= mine:
            return None
        needed = next(
            (r for r in sorted(Role) if r in limits and ((lim := limits[r]) is None or pct <= lim)),
            None,
        )
        if needed is None:
            raise ValidationFailed(f"{kind}.over_every_limit", percent=_pct_text(pct.quantize(Decimal("0.1"))))
        if approver is not None and approver.role >= needed:
            return approver.id
        raise PermissionNeeded(
            f"{kind}.approval",
            needed,
            percent=_pct_text(pct.quantize(Decimal("0.1"))),
            limit=_pct_text(mine),
        )

    def _commit(
        self,
        basket: Basket,
        *,
        lines: list[BasketLine] | None = None,
        discount: Any = ...,
        customer: Any = ...,
        delivery: Any = ...,
        pickup: Any = ...,
    ) -> BasketView:
        """Price the changed basket; only a basket the engine accepts is kept."""
        trial = Basket(
            basket.sale_id,
            list(basket.lines if lines is None else lines),
            basket.discount if discount is ... else discount,
            list(basket.coupons),
            basket.parked_id,
            customer=basket.customer if customer is ... else customer,
            delivery=basket.delivery if delivery is ... else delivery,
            order_id=basket.order_id,
            pickup=basket.pickup if pickup is ... else pickup,
        )
        if not any(x.fulfilment == "ship" for x in trial.lines):
            trial.delivery = None  # the last ship line went: no delivery, no fee
        if not any(x.fulfilment == "pickup" for x in trial.lines):
            trial.pickup = None  # the basket cleared: the pickup order stays ready, nothing handed over
        priced = self._price(trial)
        basket.lines, basket.discount, basket.customer = trial.lines, trial.discount, trial.customer
        basket.delivery = trial.delivery
        basket.pickup = trial.pickup
        basket.removed = None
        return self._view(basket, priced)

    def _sale_basket(self, basket: Basket) -> SaleBasket:
        # None: CheckoutService reads the cached promotions (the promotions stream) itself
        promotions = list(self.promotions()) if self.promotions is not None else None
        customer = basket.customer
        items = [(x.variant_id, x.quantity) for x in basket.lines]
        option = self._option(basket.delivery.option) if basket.delivery is not None else None
        fee = self._fee(basket, option) if option is not None else 0
        fee_vid: int | None = None
        if option is not None and fee > 0:
            found = self.store.query("SELECT id FROM catalog WHERE sku=?", (str(option["sku"]),))
            if not found:
                raise ValidationFailed("ship.no_fee_item", sku=str(option["sku"]))
            fee_vid = int(found[0][0])
            items.append((fee_vid, 1))
        sb = self.checkout.basket(
            basket.sale_id,
            items,
            customer_id=None if customer is None else customer.id,
            customer_group=(customer.group or None) if customer is not None else None,
            coupons=basket.coupons,
            promotions=promotions,
        )
        doc = dict(sb.pricing)
        doc_lines = [dict(x) for x in doc["lines"]]
        fulfilment = {str(n): x.fulfilment for n, x in enumerate(basket.lines, start=1) if x.fulfilment != "carry_out"}
        no_stock: frozenset[str] = frozenset()
        fee_line: str | None = None
        if fee_vid is not None and option is not None:
            fee_line = str(len(basket.lines) + 1)
            no_stock = frozenset({fee_line})
            doc_lines[-1]["unit_price"] = fee  # in no price list: central keeps the line's price
            doc_lines[-1]["name"] = str(option["name_en"])
        for d, line in zip(doc_lines, basket.lines, strict=False):
            if line.discount is not None:
                d["discount"] = line.discount.doc()
            if line.override is not None:
                d["override"] = {"unit_price": line.override.unit_price, "reason": line.override.reason}
        doc["lines"] = doc_lines
        if basket.discount is not None:
            doc["basket_discount"] = basket.discount.doc()
        order = self._order_doc(basket, option, fee, fee_line) if "ship" in fulfilment.values() else None
        handover = {**basket.pickup.handover(), "number": basket.pickup.number} if basket.pickup is not None else None
        return replace(sb, pricing=doc, fulfilment=fulfilment, no_stock=no_stock, order=order, handover=handover)

    def _order_doc(
        self, basket: Basket, option: dict[str, Any] | None, fee: int, fee_line: str | None
    ) -> dict[str, Any] | None:
        """What order.create needs beyond the sale (JSON-ready; CheckoutService adds the sale's
        ids, times and ship lines). None until a customer and a delivery are chosen."""
        d, c = basket.delivery, basket.customer
        if d is None or c is None or option is None:
            return None
        if d.kind == "store":
            destination: dict[str, Any] = {"kind": "store", "store_id": d.store_id}
            where = d.store_name
        else:
            destination = {"kind": "home", "address": dict(d.address or {})}
            where = one_line(d.address or {})
        return {
            "order_id": str(basket.order_id),
            "customer_id": c.id,
            "language": d.language,
            "contact": {"name": c.name, "email": c.email, "phone": c.phone},
            "destination": destination,
            "delivery": {"option": d.option, "fee": fee, "fee_line_id": fee_line},
            "summary": {"customer": c.name, "destination": where, "option": str(option["name_en"])},
        }

    def _price(self, basket: Basket) -> PricedBasket | None:
        if not basket.lines:
            return None
        return self.checkout.price(self._sale_basket(basket))

    def _locale(self) -> str:
        rows = self.store.query("SELECT locale, currency FROM locations WHERE id=?", (self.checkout.identity.store_id,))
        return str(rows[0][0]) if rows else "en_US"

    def _currency(self) -> str:
        return str(self.checkout.rules()["currency"])

    def _names(self, vids: list[int]) -> dict[int, tuple[str, str, str, str]]:
        """(sku, name, colour, size) of each variant, the name and colour in the store's
        language where the names stream has them (pos_app/services/local_names.py)."""
        want = [v for v in vids if v not in self._info]
        if want:
            marks = ",".join("?" * len(want))
            local = local_names(self.store, want, language_of(self._locale()))
            for vid, sku, name, colour, size in self.store.query(
                f"SELECT id, sku, name, colour, size FROM catalog WHERE id IN ({marks})", tuple(want)
            ):
                name, colour = local.get(int(vid), (name, colour))
                self._info[int(vid)] = (str(sku), str(name), str(colour), str(size))
        return {v: self._info.get(v, ("", "", "", "")) for v in vids}

    def _view(self, basket: Basket, priced: PricedBasket | None) -> BasketView:
        locale, currency = self._locale(), self._currency()

        def money(minor: int) -> str:
            return _money_text(minor, currency, locale)

        undo = basket.removed is not None and self.clock() - basket.removed[2] <= UNDO_SECONDS
        undo_text = ""
        if undo and basket.removed is not None:
            sku, name, colour, size = self._names([basket.removed[1].variant_id])[basket.removed[1].variant_id]
            undo_text = f"{name} · {colour} · {size}"
        if priced is None:
            return BasketView(
                basket.sale_id,
                (),
                currency,
                locale,
                0,
                money(0),
                (),
                money(0),
                money(0),
                0,
                0,
                (),
                undo,
                undo_text,
                customer=basket.customer,
            )
        info = self._names([x.variant_id for x in basket.lines])
        views = []
        for line, pl in zip(basket.lines, priced.lines[: len(basket.lines)], strict=True):
            sku, name, colour, size = info[line.variant_id]
            notes = [f"{p.name or p.promotion}: −{money(p.saving)}" for p in pl.promotions if p.saving]
            for d in pl.discounts:
                if d.scope == "line" and d.amount:
                    what = f"−{d.value} %" if d.kind == "percent" else ""
                    notes.append(f"{d.reason}{' ' + what if what else ''}: −{money(d.amount)}")
            note = ""
            if line.fulfilment == "pickup" and basket.pickup is not None:
                note = f"Collected: pickup order {basket.pickup.number}"  # at the order's price, said once
            elif pl.source.kind == "override" and pl.source.list_price is not None:
                notes.append(f"{pl.source.reason}: price {money(pl.unit_price)} (was {money(pl.source.list_price)})")
            views.append(
                LineView(
                    line.key,
                    line.variant_id,
                    sku,
                    name,
                    colour,
                    size,
                    line.quantity,
                    money(pl.unit_price),
                    money(pl.amount),
                    money(pl.total),
                    tuple(notes),
                    line.fulfilment,
                    note,
                )
            )
        savings: list[tuple[str, str]] = [
            (u.name or u.id, f"−{money(u.saving)}") for u in priced.promotions if u.saving
        ]
        manual: dict[str, int] = {}
        for pl in priced.lines:
            for d in pl.discounts:
                manual[d.reason] = manual.get(d.reason, 0) + d.amount
        savings += [(_reason_words(reason), f"−{money(amount)}") for reason, amount in manual.items() if amount]
        rules = (
            read_basket(self._sale_basket(basket).pricing)[0].rules
            if priced.totals.cash_total != priced.totals.total
            else None
        )
        quick = quick_amounts(priced.totals.total, currency, rules.cash_rounding if rules else None)
        bd = basket.discount
        return BasketView(
            basket.sale_id,
            tuple(views),
            currency,
            locale,
            sum(x.quantity for x in basket.lines),
            money(priced.totals.amount),
            tuple(savings),
            money(priced.totals.tax),
            money(priced.totals.total),
            priced.totals.total,
            priced.totals.cash_total,
            tuple((q, money(q)) for q in quick),
            undo,
            undo_text,
            priced,
            ""
            if bd is None
            else (
                f"{_reason_words(bd.reason)} −{bd.value} %"
                if bd.kind == "percent"
                else f"{_reason_words(bd.reason)} −{money(int(Decimal(bd.value)))}"
            ),
            basket.customer,
            self._delivery_view(basket, priced, money),
            any(x.fulfilment == "ship" for x in basket.lines),
            basket.pickup,
        )

    def _delivery_view(self, basket: Basket, priced: PricedBasket, money: Callable[[int], str]) -> DeliveryView | None:
        d = basket.delivery
        if d is None:
            return None
        option = self._option(d.option)
        if option is None:
            return None
        name = str(option.get(f"name_{d.language}") or option["name_en"])
        fee = priced.lines[-1].total if len(priced.lines) > len(basket.lines) else 0
        lo, hi = int(option["days_min"]), int(option["days_max"])
        days = f"{lo} day{'s' if lo != 1 else ''}" if lo == hi else f"{lo}–{hi} days"
        where = d.store_name if d.kind == "store" else one_line(d.address or {})
        items = sum(x.quantity for x in basket.lines if x.fulfilment == "ship")
        return DeliveryView(where, name, days, money(fee) if fee else "free", fee, items, d.kind)


def _basket_to_json(basket: Basket) -> dict[str, Any]:
    def disc(d: ManualDiscount | None) -> dict[str, Any] | None:
        return (
            None if d is None else {"kind": d.kind, "value": d.value, "reason": d.reason, "approved_by": d.approved_by}
        )

    return {
        "sale_id": str(basket.sale_id),
        "lines": [
            {
                "key": x.key,
                "variant_id": x.variant_id,
                "quantity": x.quantity,
                "discount": disc(x.discount),
                "fulfilment": x.fulfilment,
                "override": None
                if x.override is None
                else {
                    "unit_price": x.override.unit_price,
                    "reason": x.override.reason,
                    "approved_by": x.override.approved_by,
                },
            }
            for x in basket.lines
        ],
        "discount": disc(basket.discount),
        "coupons": list(basket.coupons),
        "customer": None if basket.customer is None else asdict(basket.customer),
        "delivery": None if basket.delivery is None else asdict(basket.delivery),
        "order_id": str(basket.order_id),
    }


def _basket_from_json(data: dict[str, Any]) -> Basket:
    def disc(d: dict[str, Any] | None) -> ManualDiscount | None:
        return (
            None if not d else ManualDiscount(str(d["kind"]), str(d["value"]), str(d["reason"]), d.get("approved_by"))
        )

    lines = [
        BasketLine(
            str(x["key"]),
            int(x["variant_id"]),
            int(x["quantity"]),
            disc(x.get("discount")),
            None
            if not x.get("override")
            else PriceOverride(
                int(x["override"]["unit_price"]), str(x["override"]["reason"]), x["override"].get("approved_by")
            ),
            str(x.get("fulfilment") or "carry_out"),
        )
        for x in data.get("lines", [])
    ]
    d = data.get("delivery")
    delivery = (
        Delivery(
            str(d["kind"]),
            str(d["option"]),
            d.get("address"),
            d.get("store_id"),
            str(d.get("store_name", "")),
            str(d.get("language", "en")),
        )
        if isinstance(d, dict)
        else None
    )
    c = data.get("customer")
    customer = (
        Customer(
            int(c["id"]),
            str(c["name"]),
            str(c.get("kana", "")),
            str(c.get("email", "")),
            str(c.get("phone", "")),
            str(c.get("group", "")),
            bool(c.get("pending", False)),
        )
        if isinstance(c, dict)
        else None
    )
    return Basket(
        UUID(data["sale_id"]),
        lines,
        disc(data.get("discount")),
        [str(c) for c in data.get("coupons", [])],
        customer=customer,
        delivery=delivery,
        order_id=UUID(data["order_id"]) if data.get("order_id") else uuid.uuid4(),
    )


def _parked(entry: dict[str, Any]) -> ParkedBasket:
    return ParkedBasket(
        str(entry["id"]),
        str(entry.get("label", "")),
        datetime.fromisoformat(str(entry["parked_at"])),
        int(entry.get("staff_id", 0)),
        int(entry.get("items", 0)),
        str(entry.get("total", "")),
        dict(entry.get("basket", {})),
    )
