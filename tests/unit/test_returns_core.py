"""The pure parts of returns: the signed return code, the policy, the refund split, the draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.core.returns import ExpectedLine, ReturnDraft, ReturnRuleError, Share, refund_plan
from sync.receipts.code import _b64, _unb64
from sync.return_code import (
    CodeLine,
    CodeTender,
    ReturnClaim,
    ReturnCodeError,
    allocate,
    policy_of,
    read_return_code,
    sign_return_code,
    units_amount,
    verify_return_code,
)

KEY = Ed25519PrivateKey.generate()
CLAIM = ReturnClaim(
    authorization="0b7f5c1e-4a55-4c1e-9d0e-9b1b2b3c4d5e",
    number="R-000001",
    sale_id="5a1f0e8c-0000-4000-8000-000000000001",
    receipt_no="TKY01-ABC123-000001",
    store="TKY01",
    currency="JPY",
    lines=(CodeLine("1", 7, "SKU-7", 2, 5000),),
    tenders=(CodeTender("cash", 2000, ""), CodeTender("card", 3000, "TX1")),
    refund="original",
    reason="size",
    expires=2_000_000_000,
    issued=1_900_000_000,
    key="k1",
)


def test_a_signed_code_reads_back_and_verifies_offline() -> None:
    code = sign_return_code(CLAIM, KEY)
    assert code.startswith("aisle:t1:")
    assert verify_return_code(code, {"k1": KEY.public_key()}, currency="JPY", now=1_950_000_000) == CLAIM


def test_a_tampered_code_is_refused() -> None:
    code = sign_return_code(CLAIM, KEY)
    payload, sig = code[len("aisle:t1:") :].split(".")
    text = _unb64(payload).decode().replace('"p":[["cash",2000', '"p":[["cash",9000')
    forged = f"aisle:t1:{_b64(text.encode())}.{sig}"
    assert read_return_code(forged).tenders[0].amount == 9000
    with pytest.raises(ReturnCodeError) as e:
        verify_return_code(forged, {"k1": KEY.public_key()}, currency="JPY", now=1_950_000_000)
    assert e.value.code == "return_code.forged"


def test_a_foreign_an_expired_and_a_damaged_code_each_say_why() -> None:
    other = sign_return_code(CLAIM, Ed25519PrivateKey.generate())
    with pytest.raises(ReturnCodeError, match="not genuine"):
        verify_return_code(other, {"k1": KEY.public_key()}, currency="JPY", now=1_950_000_000)
    with pytest.raises(ReturnCodeError) as e:
        verify_return_code(sign_return_code(CLAIM, KEY), {}, currency="JPY", now=1_950_000_000)
    assert e.value.code == "return_code.unknown_key"
    with pytest.raises(ReturnCodeError) as e:
        verify_return_code(sign_return_code(CLAIM, KEY), {"k1": KEY.public_key()}, currency="JPY", now=2_100_000_000)
    assert e.value.code == "return_code.expired"
    with pytest.raises(ReturnCodeError) as e:
        verify_return_code(sign_return_code(CLAIM, KEY), {"k1": KEY.public_key()}, currency="EUR", now=1_950_000_000)
    assert e.value.code == "return_code.currency"
    for bad in ("aisle:p1:abc.def", "aisle:t1:!!!.x", "hello"):
        with pytest.raises(ReturnCodeError) as e:
            read_return_code(bad)
        assert e.value.code == "return_code.format"


def test_units_of_a_line_give_back_exactly_its_total() -> None:
    parts = [units_amount(1000, 3, k, 1) for k in range(3)]
    assert sum(parts) == 1000 and sorted(parts) == [333, 333, 334]
    with pytest.raises(ValueError):
        units_amount(1000, 3, 2, 2)


def test_a_refund_is_split_as_paid_and_never_above_a_tender() -> None:
    assert allocate(1000, [("cash", 3000, 3000), ("card", 7000, 7000)]) == [300, 700]
    # the card already took most of its refunds: the rest goes to cash
    assert allocate(1000, [("cash", 3000, 3000), ("card", 7000, 200)]) == [800, 200]
    assert allocate(1, [("cash", 1, 1), ("card", 1, 1)]) == [1, 0]  # tie to the earlier tender
    with pytest.raises(ValueError):
        allocate(1001, [("cash", 500, 500), ("card", 500, 500)])


def test_policy_windows_final_sale_and_reasons() -> None:
    policy = policy_of(
        [
            ["w*", "window", "*", 30, "{}"],
            ["wshoes", "window", "Shoes", 14, "{}"],
            ["f1", "final", "SKU-SALE", 0, "{}"],
            ["fcat", "final", "category:Underwear", 0, "{}"],
            ["size", "reason", "size", 0, '{"en": "Wrong size", "ja": "サイズ違い"}'],
        ]
    )
    sold = datetime(2026, 11, 1, tzinfo=UTC)
    assert policy.refusal(sku="X", category="Shirts", sold_at=sold, at=sold + timedelta(days=29)) is None
    code, why = policy.refusal(sku="X", category="Shoes", sold_at=sold, at=sold + timedelta(days=15)) or ("", "")
    assert code == "return.window" and "14-day" in why and "2026-11-15" in why
    assert (policy.refusal(sku="SKU-SALE", category="Shirts", sold_at=sold, at=sold) or ("",))[0] == "return.final_sale"
    assert (policy.refusal(sku="Y", category="Underwear", sold_at=sold, at=sold) or ("",))[0] == "return.final_sale"
    assert policy.reason_words("size", "ja") == "サイズ違い"


def _draft() -> ReturnDraft:
    return ReturnDraft(
        (
            ExpectedLine("1", 7, "SKU-7", "Shirt", 2, 5000),
            ExpectedLine("2", 8, "SKU-8", "Socks", 1, 800, refusal="SKU-8 was a final sale and cannot be returned."),
        )
    )


def test_the_draft_grades_confirms_and_refunds_in_order() -> None:
    d = _draft().grade_all()
    assert d.total == 5000  # the final-sale line stays out
    d = d.grade("1", ["resellable", "damaged"])
    assert [(ln.line_id, good, bad, a) for ln, good, bad, a in d.accepted()] == [("1", 1, 1, 5000)]
    d = d.grade("1", ["resellable", "wrong_item"])
    assert d.total == 2500
    with pytest.raises(ReturnRuleError) as e:
        d.start_refund()
    assert e.value.code == "return.step"
    d = d.confirm().start_refund().finish(queued=True)
    assert d.step == "queued"
    assert d.finish(queued=False).step == "done"


def test_the_draft_refuses_what_cannot_come_back() -> None:
    d = _draft()
    with pytest.raises(ReturnRuleError, match="Only 2 of SKU-7"):
        d.grade("1", ["resellable"] * 3)
    with pytest.raises(ReturnRuleError, match="final sale"):
        d.grade("2", ["resellable"])
    with pytest.raises(ReturnRuleError) as e:
        d.grade("1", ["wrong_item", "wrong_item"]).confirm()
    assert e.value.code == "return.nothing"


def test_the_refund_plan_follows_the_tenders_or_the_customers_wish() -> None:
    tenders = [Share("cash", 2000), Share("card", 3000, "TX1")]
    assert refund_plan(2500, tenders, allocate) == [Share("cash", 1000), Share("card", 1500, "TX1")]
    assert refund_plan(2500, tenders, allocate, prefer_credit=True) == [Share("store_credit", 2500)]
    with pytest.raises(ReturnRuleError):
        refund_plan(6000, tenders, allocate)
