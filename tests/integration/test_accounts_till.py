"""Stored value at the till against a real central on loopback (docs/loyalty.md), offline by
stopping it: points, tier and credit of the attached customer, points redeemed as a discount,
store credit and a gift card as tenders split with cash, points pending until the sale is at
central, the offline balance and per-day cap, the overspend head office sees, two tills on one
card, a top-up voided, and a balance changed by the web shop reaching the till by itself."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from central import accounts
from central.db import Database
from central.models import Account
from central.seed import DEMO_CUSTOMER_NS
from pos_app.services.app import Device
from pos_app.services.checkout import Tender, TenderType
from pos_app.services.customers import Customer
from pos_app.services.errors import ValidationFailed
from sync.protocol import customer_id_for
from sync.receipts.text import render_text
from tests.central.helpers import channel_token
from tests.support.servers import free_port, run_central
from tests.support.tablet import associate

HANAKO = customer_id_for(uuid.uuid5(DEMO_CUSTOMER_NS, "hanako.yamada@example.jp"))  # 2,400 points, ¥3,000 credit
Tills = tuple[list[Device], Callable[[], AbstractContextManager[str]]]


@pytest.fixture
def tills(
    central_db: Database, enroll_code: Callable[..., str], memory_keyring: object, tmp_path: Path
) -> Iterator[Tills]:
    """Two enrolled, bootstrapped TKY01 tills, and `online()`: central on their port for the
    `with` block (outside it they are offline)."""
    from pos_app.local.store import LocalStore
    from pos_app.services.enrollment import enroll

    port = free_port()

    def online() -> AbstractContextManager[str]:
        return run_central(central_db, port=port)

    devices = []
    with online() as url:
        for i in range(2):
            data = tmp_path / f"tablet-{i}"
            store = LocalStore(data)
            enroll(store, url, enroll_code("TKY01"), f"till {i}")
            store.close()
            dev = Device(data, keepalive_seconds=1.0, poll_seconds=2.0)
            status = dev.engine.sync_once()
            assert status.online and dev.bootstrapped(), status.message
            devices.append(dev)
    try:
        yield devices, online
    finally:
        for d in devices:
            d.close()


def hanako(dev: Device) -> Customer:
    return Customer(HANAKO, "Hanako Yamada", email="hanako.yamada@example.jp", group="members")


def item(dev: Device, at_least: int) -> int:
    row = dev.store.query(
        "SELECT p.variant_id FROM prices p JOIN stock s ON s.variant_id = p.variant_id AND s.location_id = ? "
        "WHERE p.currency='JPY' AND p.store_id IS NULL AND p.customer_group='' AND p.amount >= ? AND s.on_hand > 0 "
        "ORDER BY p.variant_id LIMIT 1",
        (dev.identity.store_id, at_least),
    )
    return int(row[0][0])


def gift_card(db: Database, status: str = "active") -> tuple[str, int]:
    with db.session() as s:
        a = s.scalars(
            select(Account)
            .where(Account.kind == "gift", Account.currency == "JPY", Account.status == status)
            .order_by(Account.id)
        ).first()
        assert a is not None
        return a.owner, int(a.balance)


def central_balance(db: Database, kind: str, **kw: object) -> int:
    with db.session() as s:
        return accounts.balance(s, kind=kind, **kw)  # type: ignore[arg-type]


def test_points_redeemed_and_credit_split_with_cash_earn_pending_points(tills: Tills, central_db: Database) -> None:
    (dev, _), online = tills
    session = associate(dev)
    basket = dev.basket.new()
    dev.basket.add(basket, item(dev, 5000))
    with online():
        view = dev.basket.attach_customer(basket, hanako(dev))
        bal = dev.accounts.balances(HANAKO)
        assert (bal.points, bal.tier_name, bal.credit, bal.live) == (2400, "Silver", 3000, True)
        points, value = dev.accounts.redeem_offer(bal, view.total_minor)
        assert (points, value) == (2400, 2400)  # 100 points buy ¥100 in Tokyo
        view = dev.basket.redeem_points(basket, points, value)
        assert ("2,400 points", "−￥2,400") in view.savings
        credit = dev.accounts.spend(str(basket.sale_id), "credit", 1000, customer_id=HANAKO)
        assert not credit.offline and credit.left == 2000
        assert central_balance(central_db, "credit", currency="JPY", customer_id=HANAKO) == 2000  # debited at once
    due = view.total_minor - 1000
    sale = dev.basket.complete(
        session, basket, [Tender(TenderType.STORE_CREDIT, 1000, credit.reference), Tender(TenderType.CASH, due)]
    )
    earned, redeemed = dev.accounts.sale_points(str(sale.sale_id)) or (0, 0)
    assert redeemed == 2400 and earned > 0
    printed = render_text(dev.sale_receipts.receipt_of(sale, "Aiko"))
    assert (
        "ご利用ポイント: 2,400" in printed and "獲得ポイント" in printed and f"{earned:,}" in printed
    )  # Tokyo: Japanese
    assert "points:2400" not in printed and credit.spend_id not in printed  # words, not codes
    cached = dev.accounts.cached(HANAKO)  # offline now: the sale is not at central yet
    assert (cached.points, cached.pending, cached.live) == (0, earned, False)
    with online():
        dev.engine.sync_once()
        assert central_balance(central_db, "points", currency="PTS", customer_id=HANAKO) == earned
        assert central_balance(central_db, "credit", currency="JPY", customer_id=HANAKO) == 2000  # once, not twice
        after = dev.accounts.cached(HANAKO)
    assert (after.points, after.pending, after.credit) == (earned, 0, 2000)


def test_offline_spending_is_held_to_the_cached_balance_and_the_days_cap_and_reconciled(
    tills: Tills, central_db: Database
) -> None:
    (dev, _), online = tills
    session = associate(dev)
    basket = dev.basket.new()
    dev.basket.add(basket, item(dev, 5000))
    view = dev.basket.attach_customer(basket, hanako(dev))
    with pytest.raises(ValidationFailed) as e:
        dev.accounts.spend(str(basket.sale_id), "credit", 3001, customer_id=HANAKO)
    assert e.value.code == "stored_value.offline_balance" and "knows of less" in str(e.value)
    spend = dev.accounts.spend(str(basket.sale_id), "credit", 3000, customer_id=HANAKO)
    assert spend.offline and spend.left == 0
    assert dev.accounts.cached(HANAKO).credit == 0  # this till's offline spend is counted
    dev.basket.complete(
        session,
        basket,
        [Tender(TenderType.STORE_CREDIT, 3000, spend.reference), Tender(TenderType.CASH, view.total_minor)],
    )
    # the cap: ¥20,000 per till per day; ¥3,000 of it used
    assert dev.accounts.cap_left() == 17_000
    card, balance = gift_card(central_db)
    with online():
        dev.accounts.gift_card(card)  # seen once online: spendable offline up to that
    other = dev.basket.new()
    dev.basket.add(other, item(dev, 1000))
    with pytest.raises(ValidationFailed) as e:
        dev.accounts.spend(str(other.sale_id), "gift", balance + 1, card_no=card)
    assert e.value.code == "stored_value.offline_balance"
    # meanwhile the web shop spends the customer's credit: the till's offline spend is short
    shop = channel_token(central_db)
    with online() as url:
        r = httpx.post(f"{url}/v1/channel/accounts/entries", headers=shop,
                       json={"reference": "web-9", "kind": "credit", "customer_id": HANAKO, "amount": -2500,
                             "currency": "JPY", "reason": "spend"})  # fmt: skip
        assert r.status_code == 200
        dev.engine.sync_once()
        over = httpx.get(f"{url}/v1/channel/accounts/overspends", headers=shop).json()
    assert [(o["kind"], o["owner"], o["shortfall"], o["balance"]) for o in over] == [
        ("credit", str(HANAKO), 2500, -2500)
    ]


def test_the_days_cap_refuses_offline_what_it_does_not_cover(tills: Tills, central_db: Database) -> None:
    (dev, _), online = tills
    card, _balance = gift_card(central_db)  # ¥5,000
    with online():
        dev.accounts.gift_card(card)
    with dev.store.tx("device") as con:  # earlier today this till spent ¥18,000 offline
        con.execute(
            "INSERT INTO stored_value_spends(spend_id, sale_id, kind, owner, currency, amount, state, day, created_at) "
            "VALUES ('earlier', 'x', 'gift', 'GC', 'JPY', 18000, 'used_offline', ?, '')",
            (dev.accounts.today(),),
        )
    with pytest.raises(ValidationFailed) as e:
        dev.accounts.spend(str(uuid.uuid4()), "gift", 2500, card_no=card)
    assert e.value.code == "stored_value.offline_cap" and "limit for today" in str(e.value)
    assert dev.accounts.spend(str(uuid.uuid4()), "gift", 2000, card_no=card).offline


def test_two_tills_spending_one_card_at_once_one_wins_the_other_is_told(tills: Tills, central_db: Database) -> None:
    devices, online = tills
    card, balance = gift_card(central_db)
    gate = threading.Barrier(2)
    won: list[object] = []
    told: list[str] = []

    def spend(dev: Device) -> None:
        gate.wait()
        try:
            won.append(dev.accounts.spend(str(uuid.uuid4()), "gift", balance, card_no=card))
        except ValidationFailed as e:
            told.append(str(e))

    with online():
        threads = [threading.Thread(target=spend, args=(d,)) for d in devices]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(won) == 1 and told == [f"Not enough on this account: 0 JPY left, {balance:,} JPY asked."]
    assert central_balance(central_db, "gift", currency="JPY", card_no=card) == 0


def test_a_card_sold_then_a_topup_voided_and_bad_numbers(tills: Tills, central_db: Database) -> None:
    (dev, _), online = tills
    session = associate(dev)
    card, _ = gift_card(central_db, status="inactive")
    with pytest.raises(ValidationFailed) as e:
        dev.accounts.gift_card(card[:-1] + str((int(card[-1]) + 3) % 10))
    assert e.value.code == "gift.check_digit"
    shift = dev.shifts.open(session, {"1000": 10})
    with online():
        with pytest.raises(ValidationFailed) as e:
            dev.accounts.spend(str(uuid.uuid4()), "gift", 100, card_no=card)
        assert "not active" in str(e.value)
        dev.accounts.load_card(session, card, 5000)
        assert dev.accounts.cash_to_drawer(session, "paid_in", 5000, "Gift card load")  # the drawer holds it
        assert [(m.kind, m.amount, m.reason) for m in dev.shifts.movements(shift.shift_id)][-1] == (
            "paid_in", 5000, "customer_payment")  # fmt: skip
        topup = dev.accounts.load_card(session, card, 3000)
        dev.engine.sync_once()
        assert dev.accounts.gift_card(card).balance == 8000
        dev.accounts.void_load(session, topup)
        dev.engine.sync_once()
        assert dev.accounts.gift_card(card).balance == 5000
    with pytest.raises(ValidationFailed):
        dev.accounts.void_load(session, topup)


def test_a_balance_changed_by_the_web_shop_reaches_the_till_by_itself(tills: Tills, central_db: Database) -> None:
    (dev, _), online = tills
    shop = channel_token(central_db)
    with online() as url:
        dev.start_sync(live=True)
        time.sleep(0.5)
        r = httpx.post(f"{url}/v1/channel/accounts/entries", headers=shop,
                       json={"reference": "web-1", "kind": "points", "customer_id": HANAKO, "amount": 150,
                             "currency": "PTS", "reason": "earn"})  # fmt: skip
        assert r.status_code == 200
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and dev.accounts.cached(HANAKO).points != 2550:
            time.sleep(0.02)
        assert dev.accounts.cached(HANAKO).points == 2550
        dev.engine.stop()


def test_a_member_qr_attaches_the_customer_offline_and_a_forged_one_is_told(tills: Tills, central_db: Database) -> None:
    (dev, _), online = tills
    shop = channel_token(central_db)
    with online() as url:
        code = httpx.get(f"{url}/v1/channel/accounts/customers/{HANAKO}/member-code", headers=shop).json()["code"]
        dev.engine.sync_once()  # the key central signed with (central_keys stream)
    who = dev.accounts.member(code)  # offline: checked with the cached key
    assert (who.id, who.name, who.group) == (HANAKO, "Hanako Yamada", "members")
    head, sig = code.rsplit(".", 1)
    with pytest.raises(ValidationFailed) as e:
        dev.accounts.member(head + "." + sig[:-3] + ("AAA" if sig[-3:] != "AAA" else "BBB"))
    assert e.value.code == "member_code.forged" and "not genuine" in str(e.value)
    with pytest.raises(ValidationFailed) as e:
        dev.accounts.member("aisle:m1:nonsense")
    assert e.value.code == "member_code.format"


def test_a_spend_of_a_basket_lost_in_a_crash_goes_back_at_the_next_start(tills: Tills, central_db: Database) -> None:
    from pos_app.services.accounts import AccountsService

    (dev, _), online = tills
    card, balance = gift_card(central_db)
    with online():
        sale_id = str(uuid.uuid4())
        dev.accounts.spend(sale_id, "gift", 1000, card_no=card)  # then the app dies
        assert central_balance(central_db, "gift", currency="JPY", card_no=card) == balance - 1000
        mine = dev.accounts.recover()  # this run's own baskets are alive: nothing touched
        assert mine == 0
        time.sleep(0.01)
        restarted = AccountsService(dev.store, dev.identity, dev.new_client)
        assert restarted.recover() == 1
        assert central_balance(central_db, "gift", currency="JPY", card_no=card) == balance
        assert restarted.spends(sale_id) == [] and restarted.recover() == 0
