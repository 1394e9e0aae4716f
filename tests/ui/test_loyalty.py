"""Stored value on the sell screen against a real central (docs/loyalty.md): the attached
customer's points and tier on a chip, points redeemed in two taps (counted), a gift card and
cash as a split payment, and a mistyped card number told in one sentence with nothing lost."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from central.db import Database
from central.models import Account
from central.seed import DEMO_CUSTOMER_NS
from pos_app.services.app import Device
from pos_app.services.customers import Customer
from pos_app.ui.main_window import MainWindow
from sync.protocol import customer_id_for
from tests.ui.test_customers import member_barcode
from tests.ui.test_sell_view import scan_one, sell_screen

HANAKO = Customer(
    customer_id_for(uuid.uuid5(DEMO_CUSTOMER_NS, "hanako.yamada@example.jp")),
    "Hanako Yamada",
    email="hanako.yamada@example.jp",
    group="members",
)


class Taps:
    """Every tap the person makes, counted."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def __call__(self, b: QPushButton) -> None:
        assert b.isVisible() and b.isEnabled(), b.text()
        assert b.height() >= 48, (b.text(), b.height())  # a touch target
        self.count += 1
        self.qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def attached(qtbot: QtBot, window: MainWindow, device: Device) -> None:
    sell = window.sell
    sell._change(lambda: device.basket.attach_customer(sell.basket, HANAKO))
    qtbot.waitUntil(lambda: sell.points_chip.isVisible(), timeout=5000)


def test_points_are_redeemed_in_two_taps_after_the_customer_is_attached(
    qtbot: QtBot, window: MainWindow, ui_device: Device
) -> None:
    code, _base, member = member_barcode(ui_device)
    sell_screen(qtbot, window)
    sell = scan_one(qtbot, window, code)
    attached(qtbot, window, ui_device)
    assert sell.points_chip.text() == "2,400 pts · Silver"
    before = sell.current.total_minor if sell.current else 0
    taps = Taps(qtbot)
    taps(sell.points_chip)
    sheet = sell.loyalty_sheet
    assert sheet is not None and "Silver" in " ".join(w.text() for w in sheet.findChildren(type(sell.count)))
    use = min(2400, before)
    assert sheet.use.text() == f"Use {use:,} points: −￥{use:,}"
    taps(sheet.use)
    qtbot.waitUntil(lambda: sell.loyalty_sheet is None, timeout=5000)
    assert taps.count == 2
    assert sell.current is not None and sell.current.total_minor == before - use == member - use
    assert (f"{use:,} points", f"−￥{use:,}") in sell.current.savings


def test_a_gift_card_and_cash_pay_one_sale_and_a_typo_is_told(
    qtbot: QtBot, window: MainWindow, ui_device: Device, central_db: Database
) -> None:
    with central_db.session() as s:
        card = s.scalars(
            select(Account).where(Account.kind == "gift", Account.currency == "JPY", Account.status == "active")
            .order_by(Account.id)
        ).first()  # fmt: skip
        assert card is not None
        number, balance = card.owner, int(card.balance)
    code, _base, _member = member_barcode(ui_device)
    sell_screen(qtbot, window)
    sell = scan_one(qtbot, window, code)
    total = sell.current.total_minor if sell.current else 0
    assert total > balance  # the card pays part, cash the rest
    qtbot.mouseClick(sell.pay, Qt.MouseButton.LeftButton)
    sheet = sell.tender
    assert sheet is not None
    typo = number[:-1] + str((int(number[-1]) + 1) % 10)
    qtbot.keyClicks(sheet.stored.card, typo)
    qtbot.mouseClick(sheet.stored.card_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "typing error" in sheet.error.text(), timeout=5000)
    assert sheet.stored.card.text() == typo and sheet.tenders == []  # nothing lost, nothing taken
    sheet.stored.card.setText(number)
    qtbot.mouseClick(sheet.stored.card_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(sheet.tenders) == 1, timeout=5000)
    assert f"Still due ￥{total - balance:,}" == sheet.due_label.text()
    assert "gift card" in sheet.paid_label.text()
    exact = next(b for b in sheet.findChildren(QPushButton) if b.objectName() == "quick" and "exact" in b.text())
    qtbot.mouseClick(exact, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sheet.sale is not None, timeout=5000)
    with central_db.session() as s:
        assert s.scalars(select(Account.balance).where(Account.owner == number)).one() == 0  # spent at once


def test_scanning_the_member_qr_attaches_the_customer_with_their_points(
    qtbot: QtBot, window: MainWindow, ui_device: Device, central_db: Database
) -> None:
    from central import accounts

    with central_db.transaction() as s:
        code = accounts.member_code(s, HANAKO.id)
    ui_device.engine.sync_once()  # the signing key (central_keys stream)
    sell = sell_screen(qtbot, window)
    window.scanned(code)  # what the Shell does with a scanner burst
    qtbot.waitUntil(lambda: sell.points_chip.isVisible(), timeout=5000)
    assert sell.current is not None and sell.current.customer is not None
    assert sell.current.customer.name == "Hanako Yamada" and sell.points_chip.text() == "2,400 pts · Silver"
    window.scanned(code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB"))
    qtbot.waitUntil(lambda: "not genuine" in sell.message.text(), timeout=5000)


def test_a_gift_card_scanned_outside_pay_is_sold_in_cash_and_the_load_voided(
    qtbot: QtBot, window: MainWindow, ui_device: Device, central_db: Database
) -> None:
    from pos_app.ui.loyalty_view import GiftCardSheet

    with central_db.session() as s:
        number = s.scalars(
            select(Account.owner).where(Account.kind == "gift", Account.status == "inactive", Account.currency == "JPY")
        ).first()
    assert number is not None
    sell = sell_screen(qtbot, window)
    window.scanned(number[:-1] + str((int(number[-1]) + 1) % 10))  # a typo: said, no sheet
    qtbot.waitUntil(lambda: "typing error" in sell.message.text(), timeout=5000)
    assert sell.gift_sheet is None
    window.scanned(number)
    sheet = sell.gift_sheet
    assert isinstance(sheet, GiftCardSheet)
    qtbot.waitUntil(lambda: "Not sold yet" in sheet.state.text(), timeout=5000)
    five = next(b for b in sheet.quick if b.text() == "￥5,000")
    assert five.height() >= 48
    qtbot.mouseClick(five, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sheet.void.isVisible(), timeout=5000)
    assert "take ￥5,000 in cash" in sheet.state.text()
    ui_device.engine.sync_once()
    with central_db.session() as s:
        assert s.scalars(select(Account.balance).where(Account.owner == number)).one() == 5000
    qtbot.mouseClick(sheet.void, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "give back ￥5,000" in sheet.state.text(), timeout=5000)
    ui_device.engine.sync_once()
    with central_db.session() as s:
        assert s.scalars(select(Account.balance).where(Account.owner == number)).one() == 0


def test_a_balance_changed_elsewhere_reaches_the_chip_when_the_till_pulls(
    qtbot: QtBot, window: MainWindow, ui_device: Device, central_db: Database
) -> None:
    from central import accounts

    code, _base, _member = member_barcode(ui_device)
    sell_screen(qtbot, window)
    sell = scan_one(qtbot, window, code)
    attached(qtbot, window, ui_device)
    assert sell.points_chip.text() == "2,400 pts · Silver"
    with central_db.transaction() as s:  # the web shop's points, as the channel API posts them
        accounts.post(s, kind="points", amount=-400, currency="PTS", op_id="channel:1", ref="channel:web-5",
                      reason="spend", customer_id=HANAKO.id)  # fmt: skip
    ui_device.engine.sync_once()  # what the poke starts; the engine's Changed("balances") reaches the screen
    qtbot.waitUntil(lambda: sell.points_chip.text() == "2,000 pts · Silver", timeout=5000)
