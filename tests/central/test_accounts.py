"""The stored-value ledger core (central.accounts): every change an entry, idempotent by its op,
balances equal to the sum of their entries, refusals with one sentence, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson
import pytest
from sqlalchemy import select

from central import accounts
from central.accounts import AccountError
from central.db import Database
from central.models import Account, ChangeLog, LedgerEntry, Overspend, Tier
from sync.loyalty import damm, new_card_number, normalise_card

CUSTOMER = 4242


def _post(db: Database, **kw: object) -> LedgerEntry:
    with db.transaction() as s:
        e = accounts.post(s, **kw)  # type: ignore[arg-type]
        s.expunge(e)
        return e


def _balance(db: Database, **kw: object) -> int:
    with db.session() as s:
        return accounts.balance(s, **kw)  # type: ignore[arg-type]


def _sums_agree(db: Database) -> None:
    with db.session() as s:
        for acct in s.scalars(select(Account)):
            assert acct.balance == accounts.entry_sum(s, acct), acct.owner


def test_credit_is_created_on_first_use_and_a_replay_is_the_same_entry(backend: Database) -> None:
    kw = {"kind": "credit", "currency": "JPY", "customer_id": CUSTOMER, "reason": "refund"}
    first = _post(backend, amount=5000, op_id="op-1", ref="return:r1", **kw)
    again = _post(backend, amount=5000, op_id="op-1", ref="return:r1", **kw)
    assert again.id == first.id
    assert _balance(backend, kind="credit", currency="JPY", customer_id=CUSTOMER) == 5000
    with pytest.raises(AccountError) as e:
        _post(backend, amount=4000, op_id="op-1", ref="return:r1", **kw)
    assert e.value.status == 409
    _post(backend, amount=-1500, op_id="op-2", ref="sale:s1", **{**kw, "reason": "spend"})
    assert _balance(backend, kind="credit", currency="JPY", customer_id=CUSTOMER) == 3500
    assert _balance(backend, kind="credit", currency="EUR", customer_id=CUSTOMER) == 0  # per currency
    _sums_agree(backend)
    with backend.session() as s:  # every change reached the balances stream, newest last
        rows = s.scalars(select(ChangeLog.row).where(ChangeLog.stream == "balances").order_by(ChangeLog.seq)).all()
    assert [orjson.loads(r or "[]")[3] for r in rows] == [5000, 3500]


def test_spending_beyond_the_balance_is_refused_with_the_figures(backend: Database) -> None:
    kw = {"kind": "credit", "currency": "JPY", "customer_id": CUSTOMER}
    _post(backend, amount=1000, op_id="a", ref="x:1", reason="refund", **kw)
    with pytest.raises(AccountError) as e:
        _post(backend, amount=-1200, op_id="b", ref="sale:1", reason="spend", **kw)
    assert (e.value.status, e.value.code) == (422, "insufficient")
    assert "1,000 JPY" in e.value.detail and "1,200 JPY" in e.value.detail
    assert _balance(backend, **kw) == 1000  # nothing written


def test_an_allowed_overspend_goes_negative_and_is_recorded_for_head_office(backend: Database) -> None:
    kw = {"kind": "credit", "currency": "JPY", "customer_id": CUSTOMER}
    _post(backend, amount=1000, op_id="a", ref="x:1", reason="refund", **kw)
    _post(backend, amount=-1500, op_id="b", ref="sale:1", reason="spend", allow_negative=True, store_id=1, **kw)
    _post(backend, amount=-200, op_id="c", ref="sale:2", reason="spend", allow_negative=True, **kw)
    assert _balance(backend, **kw) == -700
    with backend.session() as s:
        assert sorted(s.scalars(select(Overspend.shortfall)).all()) == [200, 500]
    _sums_agree(backend)


def test_gift_cards_unknown_inactive_bad_digit_and_currency(backend: Database) -> None:
    number = new_card_number()
    assert damm(number[2:]) == 0 and len(number) == 13
    with backend.transaction() as s:
        accounts.issue_card(s, currency="JPY", number=number)
    kw = {"kind": "gift", "currency": "JPY", "card_no": number}
    with pytest.raises(AccountError) as e:
        _post(backend, amount=-100, op_id="a", ref="sale:1", reason="spend", **kw)
    assert e.value.code == "inactive_card"
    _post(backend, amount=3000, op_id="t", ref="topup:s1", reason="activation", **kw)
    assert _balance(backend, **kw) == 3000
    # printed with spaces, lower case: the same card
    spaced = f"gc {number[2:6]} {number[6:10]} {number[10:]}"
    assert _balance(backend, kind="gift", currency="JPY", card_no=spaced) == 3000
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    with pytest.raises(AccountError) as e:
        _balance(backend, kind="gift", currency="JPY", card_no=wrong)
    assert e.value.code == "check_digit"
    other = new_card_number()
    with pytest.raises(AccountError) as e:
        _post(backend, amount=-1, op_id="a", ref="sale:1", reason="spend", **{**kw, "card_no": other})
    assert (e.value.status, e.value.code) == (404, "unknown_card")
    with pytest.raises(AccountError) as e:
        _post(backend, amount=-1, op_id="a", ref="sale:1", reason="spend", **{**kw, "currency": "EUR"})
    assert e.value.code == "currency"
    _sums_agree(backend)


def test_card_numbers_catch_typos_and_are_never_payment_card_numbers() -> None:
    n = new_card_number()
    assert normalise_card(n) == n
    for i in range(2, 12):  # every neighbour swap that changes the text is caught
        swapped = n[:i] + n[i + 1] + n[i] + n[i + 2 :]
        if swapped != n:
            with pytest.raises(ValueError):
                normalise_card(swapped)
    with pytest.raises(ValueError, match="not a gift card number"):
        normalise_card("4111111111111111")


def test_points_expire_oldest_first_and_a_redeem_of_expired_points_says_so(backend: Database) -> None:
    old = datetime.now(UTC) - timedelta(days=400)
    kw = {"kind": "points", "currency": "PTS", "customer_id": CUSTOMER}
    _post(
        backend,
        amount=500,
        op_id="o1",
        ref="sale:old",
        reason="earn",
        at=old,
        expires_at=old + timedelta(days=365),
        **kw,
    )
    _post(backend, amount=-100, op_id="o2", ref="sale:spent", reason="redeem", at=old + timedelta(days=1), **kw)
    recent = datetime.now(UTC) - timedelta(days=10)
    _post(
        backend,
        amount=300,
        op_id="o3",
        ref="sale:new",
        reason="earn",
        at=recent,
        expires_at=recent + timedelta(days=365),
        **kw,
    )
    assert _balance(backend, **kw) == 300  # 400 old points unspent, expired
    with pytest.raises(AccountError) as e:
        _post(backend, amount=-600, op_id="o4", ref="sale:x", reason="redeem", **kw)
    assert e.value.code == "points_expired" and "400" in e.value.detail
    # the refusal rolled back the write-off too; a smaller redeem writes it off and spends
    _post(backend, amount=-250, op_id="o5", ref="sale:y", reason="redeem", **kw)
    with backend.session() as s:
        reasons = s.scalars(
            select(LedgerEntry.reason)
            .join(Account, Account.id == LedgerEntry.account_id)
            .where(Account.owner == str(CUSTOMER))
            .order_by(LedgerEntry.id)
        ).all()
    assert reasons == ["earn", "redeem", "earn", "expiry", "redeem"]
    assert _balance(backend, **kw) == 50
    _sums_agree(backend)


def test_reverse_points_takes_back_each_lines_points_over_several_returns(backend: Database) -> None:
    with backend.transaction() as s:
        s.add(Tier(code="vip", name="VIP", min_points=100, multiplier="1.5", benefits="Free alterations"))
    lines = orjson.dumps({"L1": [3, 100], "L2": [1, 7]}).decode()
    kw = {"kind": "points", "currency": "PTS", "customer_id": CUSTOMER}
    _post(backend, amount=107, op_id="s", ref="sale:S1", reason="earn", lines=lines, **kw)
    with backend.session() as s:
        assert s.scalars(select(Account.tier).where(Account.owner == str(CUSTOMER))).one() == "vip"
    rev = {"sale_id": "S1", "store_id": 1}
    with backend.transaction() as s:
        assert accounts.reverse_points(s, lines=[("L1", 1)], op_id="r1", ref="return:R1", **rev) == 33
    with backend.transaction() as s:  # the same return again: the same answer, nothing more
        assert accounts.reverse_points(s, lines=[("L1", 1)], op_id="r1", ref="return:R1", **rev) == 33
    with backend.transaction() as s:
        assert (
            accounts.reverse_points(s, lines=[("L1", 2), ("L2", 1), ("L9", 1)], op_id="r2", ref="return:R2", **rev)
            == 74
        )
    with backend.transaction() as s:  # nothing left to take back
        assert accounts.reverse_points(s, lines=[("L1", 1)], op_id="r3", ref="return:R3", **rev) == 0
        assert accounts.reverse_points(s, sale_id="unknown", lines=[("L1", 1)], op_id="r4", ref="return:R4") == 0
    assert _balance(backend, **kw) == 0
    with backend.session() as s:
        assert (
            s.scalars(select(Account.tier).where(Account.owner == str(CUSTOMER))).one() == ""
        )  # earned nothing in the year any more
    _sums_agree(backend)
