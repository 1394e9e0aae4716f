"""`pos-app screenshots --out DIR`: every screen rendered offscreen with demo data, at the three
sizes a shop uses: 1280×800, 853×533 (a 1280×800 10-inch tablet at 150 %) and 533×853 (the same
tablet in portrait). File names say which: `04-product.png` (1280×800, the README's),
`04-product-853x533.png`, `04-product-533x853.png`.

The demo data (a throwaway central, a device enrolled against it, corrections, the link going
down) comes from `pos_app.services.screens`; this module only drives the real screens.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from pos_app.services.sync import Progress

SIZES: dict[str, tuple[int, int]] = {"": (1280, 800), "-853x533": (853, 533), "-533x853": (533, 853)}


def shot_name(stem: str, suffix: str) -> str:
    return f"{stem}{suffix}.png"


def settle(ops: object, seconds: float = 5.0) -> None:
    """Let the bridge's work land (and the layouts run) before a picture is taken."""
    deadline = time.monotonic() + seconds
    quiet = 0
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if getattr(ops, "in_flight", 0) == 0:
            quiet += 1
            if quiet >= 5:
                return
        else:
            quiet = 0
        time.sleep(0.01)


def grab_sizes(
    widget: QWidget, out: Path, stem: str, ops: object, before: Callable[[], None] | None = None
) -> list[Path]:
    paths = []
    for suffix, size in SIZES.items():
        widget.resize(*size)
        widget.show()
        if before is not None:
            before()
        settle(ops)
        path = out / shot_name(stem, suffix)
        widget.grab().save(str(path))
        paths.append(path)
    return paths


def render_sell(window: Any, device: Any, session: Any, ops: Any, out: Path) -> list[Path]:
    """The sell screen's states: empty, a basket with a promotion and a discount, the tender
    sheet, cash in two parts, change due, the sale done, parked baskets, a supervisor's
    approval, and the customer display."""
    from pos_app.services import screens
    from pos_app.ui.sell_view import LineSheet, TenderSheet

    shots: list[Path] = []
    codes = screens.demo_sell(device)
    sell = window.sell
    window.show_sell()
    sell.new_sale()
    shots += grab_sizes(window, out, "10-sell-empty", ops)
    display = window.open_customer_display()
    for code in codes:
        sell.scanned(code)
        settle(ops)
    basket, service = sell.basket, sell.service
    assert len(basket.lines) > 1, (codes, sell.message.text(), len(basket.lines))
    second = basket.lines[1].key
    sell._change(lambda: service.discount_line(basket, second, "percent", "5", "Damaged", session))
    settle(ops)
    sell.search.setText("linen")
    sell._search_now()
    shots += grab_sizes(window, out, "11-sell-basket", ops)
    shots += grab_sizes(display, out, "18-customer-display", ops)

    def tender() -> None:
        if sell.tender is None:
            sell.open_tender()

    shots += grab_sizes(window, out, "12-tender", ops, tender)

    def cash_part() -> None:
        sheet = sell.tender
        assert isinstance(sheet, TenderSheet)
        if not sheet.tenders:
            sheet.cash(sheet.view.cash_total_minor // 2)

    shots += grab_sizes(window, out, "13-cash-in-parts", ops, cash_part)

    def change_due() -> None:
        sheet = sell.tender
        assert isinstance(sheet, TenderSheet)
        if sheet.sale is None:
            due = sheet.view.cash_total_minor - sheet.paid()
            sheet.cash(-(-due // 10000) * 10000 if sheet.view.currency == "JPY" else due + 1000)
            settle(ops)

    shots += grab_sizes(window, out, "14-change-due", ops, change_due)
    shots += grab_sizes(display, out, "19-customer-thanks", ops)
    if sell.tender is not None:
        sell.tender.accept()
    settle(ops)
    shots += grab_sizes(window, out, "15-sale-done", ops)

    for code in codes[:2]:
        sell.scanned(code)
        settle(ops)
    sell.park_basket()
    settle(ops)
    sell.scanned(codes[2])
    settle(ops)
    sell.park_basket()
    settle(ops)

    def parked() -> None:
        if sell.parked_sheet is None:
            sell.show_parked()

    shots += grab_sizes(window, out, "16-parked", ops, parked)
    if sell.parked_sheet is not None:
        sell.parked_sheet.reject()
    settle(ops)
    sell.scanned(codes[1])
    settle(ops)

    def approval() -> None:
        if sell.line_sheet is None:
            sell.edit_line(sell.basket.lines[0].key)
            sheet = sell.line_sheet
            assert isinstance(sheet, LineSheet)
            sheet.modes["percent"].click()
            sheet.value.setText("25")
            sheet.reasons["Damaged"].setChecked(True)
            sheet.apply()
            settle(ops)

    shots += grab_sizes(window, out, "17-approval-needed", ops, approval)
    if sell.line_sheet is not None:
        sell.line_sheet.reject()
    settle(ops)
    shots += render_customers(window, sell, ops, out)
    sell.clear_basket()
    settle(ops)
    display.hide()
    window.show_lookup()
    settle(ops)
    return shots


def render_customers(window: Any, sell: Any, ops: Any, out: Path) -> list[Path]:
    """The customer sheet (docs/customers.md): found by phone, attached (the chip and the
    members' price), and the new-customer form with a sentence for a bad e-mail."""
    from pos_app.ui.customer_view import CustomerSheet

    shots: list[Path] = []

    def sheet() -> CustomerSheet:
        if sell.customer_sheet is None:
            sell.open_customers()
        found = sell.customer_sheet
        assert isinstance(found, CustomerSheet)
        return found

    def found() -> None:
        s = sheet()
        if s.query.text() != "090-1234-5678":
            s.query.setText("090-1234-5678")
            s.search()
            settle(ops)

    shots += grab_sizes(window, out, "21-customer-search", ops, found)
    s = sheet()
    if s.found:
        s.attach(s.found[0])
    settle(ops)
    shots += grab_sizes(window, out, "22-customer-attached", ops)

    def form() -> None:
        s = sheet()
        if not s.form.isVisible():
            s.show_form()
            s.name.setText("Mio Sato")
            s.email.setText("mio@example")
            s.phone.setText("090-7777-0000")
            s.create()
            settle(ops)

    shots += grab_sizes(window, out, "23-customer-new", ops, form)
    if sell.customer_sheet is not None:
        sell.customer_sheet.reject()
    settle(ops)
    return shots


def render_language(window: Any, device: Any, session: Any, ops: Any, out: Path) -> list[Path]:
    """The language of one's own screens (docs/languages.md): the store's, English, 日本語, Deutsch."""
    from pos_app.ui.language_view import LanguageSheet, open_language

    sheet: LanguageSheet | None = None

    def opened() -> None:
        nonlocal sheet
        if sheet is None:
            sheet = open_language(window.centralWidget(), device, session, ops)
            settle(ops)

    shots = grab_sizes(window, out, "67-language", ops, opened)
    if sheet is not None:
        sheet.reject()
    settle(ops)
    return shots


def render_settings(window: Any, device: Any, session: Any, ops: Any, out: Path) -> list[Path]:
    """The settings screen (docs/terminal.md "The settings screen"): the supervisor's approval,
    the printer with its test page asked for (no printer on the demo: the line under the
    address says so), and the network terminal with a problem under its CA file."""
    from pos_app.services import screens
    from pos_app.ui.settings_view import SettingsSheet, open_settings

    shots: list[Path] = []
    sheet: SettingsSheet | None = None

    def approval() -> None:
        nonlocal sheet
        if sheet is None:
            sheet = open_settings(window.centralWidget(), device, session, ops)
            settle(ops)
            sheet.approval._choose(next(p.id for p in device.auth.staff() if p.role.name == "SUPERVISOR"))

    shots += grab_sizes(window, out, "24-settings-approval", ops, approval)
    assert sheet is not None
    supervisor = next(p for p in device.auth.staff() if p.role.name == "SUPERVISOR")
    for pin in screens.DEMO_PINS:
        sheet._approve(supervisor.id, pin)
        settle(ops)
        if sheet.page == 1:
            break

    def printer() -> None:
        assert sheet is not None
        if not sheet.printer_result.isVisible() and not sheet.printer_field.error.isVisible():
            sheet.printer.setText("")
            sheet._save_printer(test_page=True)
            settle(ops)
        sheet.scroll.verticalScrollBar().setValue(0)

    shots += grab_sizes(window, out, "25-settings-printer", ops, printer)

    def terminal() -> None:
        assert sheet is not None
        if not sheet.ca_field.error.isVisible():
            sheet.kind_buttons[2].click()
            sheet.url.setText("https://192.168.1.20:8443/nexo/")
            sheet.poiid.setText("V400m-123456789")
            sheet.key_id.setText("AisleKey")
            sheet.passphrase.setText("demo passphrase")
            sheet.ca_file.setText("/etc/aisle/terminal-ca.pem")
            sheet._test_terminal()
            settle(ops)
        sheet.url.setCursorPosition(0)
        sheet.scroll.ensureWidgetVisible(sheet.ca_field)

    shots += grab_sizes(window, out, "26-settings-terminal", ops, terminal)
    sheet.reject()
    settle(ops)
    return shots


def render_card(window: Any, device: Any, session: Any, ops: Any, out: Path) -> list[Path]:
    """The tender sheet with a (simulated) card terminal: the customer paying on the terminal,
    then a declined card said in the customer's words; the basket is cleared at the end."""
    from pos_app.services import screens
    from pos_app.services.settings import TerminalSettings
    from pos_app.ui.sell_view import TenderSheet

    shots: list[Path] = []
    device.set_terminal(TerminalSettings(kind="simulated"))
    sim = device.terminal().simulator
    sell = window.sell
    window.show_sell()
    sell.new_sale()
    for code in screens.demo_sell(device)[:2]:
        sell.scanned(code)
        settle(ops)
    settle(ops)
    sim.script("slow:60")

    def waiting() -> None:
        if sell.tender is None:
            sell.open_tender()  # with a terminal, Pay starts the card payment at once
            settle(ops, 1.0)

    shots += grab_sizes(window, out, "27-card-waiting", ops, waiting)
    sheet = sell.tender
    assert isinstance(sheet, TenderSheet)
    sheet._cancel_card()
    deadline = time.monotonic() + 10
    while sheet.paying and time.monotonic() < deadline:
        settle(ops, 0.5)
    sim.script("decline:InsufficientFunds")
    sheet.pay_by_card()
    settle(ops)
    shots += grab_sizes(window, out, "28-card-declined", ops, sheet._show_error)  # in sight at each size
    sheet.reject()
    settle(ops)
    sell.clear_basket()
    settle(ops)
    device.set_terminal(TerminalSettings())
    window.show_lookup()
    settle(ops)
    return shots


def render_shifts(window: Any, device: Any, session: Any, ops: Any, out: Path) -> list[Path]:
    """The shift screen (docs/shifts.md): the float on the denomination pad, the open shift,
    the blind count, the counted drawer with its variance, the close held by unsent operations,
    and the Z report."""
    from pos_app.services import screens
    from pos_app.ui.shift_view import ShiftSheet, open_shift

    shots: list[Path] = []
    sheet: ShiftSheet | None = None

    def opening() -> None:
        nonlocal sheet
        if sheet is None:
            sheet = open_shift(window.centralWidget(), device, session, ops)
            settle(ops)
            sheet.float_pad.fields[10000].setText("2")
            sheet.float_pad.fields[1000].setText("10")

    shots += grab_sizes(window, out, "29-shift-float", ops, opening)
    assert sheet is not None
    sheet._open()
    settle(ops)
    shots += grab_sizes(window, out, "30-shift-open", ops)
    sheet._count_page()
    sheet.count_pad.fields[10000].setText("2")
    sheet.count_pad.fields[1000].setText("9")
    shots += grab_sizes(window, out, "31-shift-count", ops)
    sheet._save_count()
    settle(ops)
    shots += grab_sizes(window, out, "32-shift-counted", ops)
    sheet.close_shift()
    settle(ops)
    shots += grab_sizes(window, out, "33-shift-unsent", ops)  # the manager defers, or the till syncs
    device.engine.sync_once()
    sheet.close_shift()
    settle(ops)
    shots += grab_sizes(window, out, "34-shift-z-report", ops)
    sheet.session = screens.demo_session(device, "SUPERVISOR")  # the day's figures are a shift lead's
    sheet._day(0)
    settle(ops)
    shots += grab_sizes(window, out, "35-shift-day", ops)
    sheet.accept()
    settle(ops)
    return shots


def render_pickups(window: Any, device: Any, central: Any, ops: Any, out: Path) -> list[Path]:
    """The pickup page (docs/pickups.md): the queue, picking with a wrong item refused, the
    handover after the customer's QR, and a tampered code refused with its reason."""
    from pos_app.services import screens
    from pos_app.ui.widgets import Sheet

    for sheet in window.centralWidget().findChildren(Sheet):  # one an earlier state left open
        if sheet.isVisible():
            sheet.reject()
    code, forged = screens.demo_pickups(device, central)
    page = window.pickup
    window.show_pickups()
    settle(ops)
    page.show_tab("new")
    shots: list[Path] = []
    shots += grab_sizes(window, out, "40-pickup-queue", ops)
    first = page.queue.by_state("new")[0]
    page.open_order(first)
    settle(ops)
    line = first.lines[0]
    page.picked[line.line_no] = line.quantity  # one line in the bag already
    page._fill_lines()
    wrong = screens.demo_wrong_item(device, first.id)

    def wrong_item() -> None:
        window.scanned(wrong)
        settle(ops)

    shots += grab_sizes(window, out, "41-pickup-wrong-item", ops, wrong_item)
    page.say("")

    def handover() -> None:
        window.scanned(code)
        settle(ops)

    shots += grab_sizes(window, out, "42-pickup-handover", ops, handover)

    def refused() -> None:
        window.scanned(forged)
        settle(ops)

    shots += grab_sizes(window, out, "43-pickup-code-refused", ops, refused)
    page.show_queue()
    ready = device.pickups.verify_code(code)
    # the customer checks in at the kiosk: a banner above every screen, a line on the Ready row
    device.pickups.check_in(code)
    device.engine.sync_once()
    window.show_lookup()
    page.refresh()
    shots += grab_sizes(window, out, "44-pickup-customer-waiting", ops)
    window.show_pickups()
    page.show_tab("ready")
    shots += grab_sizes(window, out, "45-pickup-waiting-ready-tab", ops)
    # picking done and the bag label printed (on a fake network printer) in one tap
    second = page.queue.by_state("new")[0]
    page.open_order(second)
    page.picked = {x.line_no: x.quantity for x in second.lines}
    page.missing = {}
    page._fill_lines()
    page.shelf.setText("A-2")

    def label() -> None:
        page.print_label()
        settle(ops)

    with screens.demo_printer(device):
        shots += grab_sizes(window, out, "46-pickup-label-printed", ops, label)
    page.say("")
    page.show_queue()
    # not collected in time: the expired bag waits for "Back on the shelf"
    screens.demo_expired(device, central, ready.id)
    page.refresh()
    settle(ops)
    page.show_tab("closed")
    shots += grab_sizes(window, out, "47-pickup-put-back", ops)
    page.open_order(device.pickups.get(ready.id))
    shots += grab_sizes(window, out, "48-pickup-back-on-shelf", ops)
    page.show_queue()
    window.show_lookup()
    settle(ops)
    return shots


def render_pickup_payment(window: Any, device: Any, ops: Any, out: Path) -> list[Path]:
    """A pay-on-pickup order paid through the normal checkout (docs/pickups.md "Paying at the
    till"): its handover after the scan offers "Take payment", the pay sheet over the basket's
    pickup lines, then the pickups page once the cash sale handed it over."""
    from pos_app.services import screens
    from pos_app.ui.sell_view import TenderSheet

    code = screens.demo_ready_pay_on_pickup(device)
    page, sell = window.pickup, window.sell
    shots: list[Path] = []

    def handover() -> None:
        window.scanned(code)
        settle(ops)

    shots += grab_sizes(window, out, "54-pickup-take-payment", ops, handover)
    page.hand_over_now()  # "Take payment": the sell screen and its pay sheet
    settle(ops)
    shots += grab_sizes(window, out, "55-pickup-pay-sheet", ops)
    first = sell.tender
    assert isinstance(first, TenderSheet)
    first.reject()  # "Back to the basket": the pickup lines, at the order's prices
    settle(ops)
    shots += grab_sizes(window, out, "56-pickup-basket-lines", ops)
    sell.open_tender()
    settle(ops)
    sheet = sell.tender
    assert isinstance(sheet, TenderSheet)
    sheet.cash(sheet.view.cash_total_minor)  # exact cash
    settle(ops)
    shots += grab_sizes(window, out, "57-pickup-paid-done", ops)
    sheet.accept()  # "New sale": back to the pickups page, handed over
    settle(ops)
    shots += grab_sizes(window, out, "58-pickup-paid-handed-over", ops)
    page.say("")
    page.show_queue()
    window.show_lookup()
    settle(ops)
    return shots


def render_kiosk(device: Any, central: Any, ops: Any, out: Path) -> list[Path]:
    """The customer-facing pickup kiosk (`pos-app run --kiosk`): waiting for a scan, the thanks
    after a good code, and a refused one in the customer's words."""
    from pos_app.services import screens
    from pos_app.services.pickups import CheckIn
    from pos_app.ui.kiosk_view import KioskView

    code, forged = screens.demo_pickups(device, central, count=1)
    kiosk = KioskView(device, ops)
    shots: list[Path] = []
    shots += grab_sizes(kiosk, out, "50-kiosk-scan", ops)
    thanks = device.pickups.check_in(code)
    refused = device.pickups.check_in(forged)
    expired = CheckIn(None, "This code has expired. Please ask at the counter — we will help.")
    shots += grab_sizes(kiosk, out, "51-kiosk-thanks", ops, lambda: kiosk.show_answer(thanks))
    shots += grab_sizes(kiosk, out, "52-kiosk-refused", ops, lambda: kiosk.show_answer(refused))
    shots += grab_sizes(kiosk, out, "53-kiosk-expired", ops, lambda: kiosk.show_answer(expired))
    kiosk.close()
    return shots


def render_aisle(window: Any, device: Any, session: Any, central: Any, ops: Any, out: Path) -> list[Path]:
    """The endless aisle (docs/endless-aisle.md): the product with where it is and its Ship
    buttons, the delivery sheet for a known customer, a bad postcode under its field, the mixed
    basket, and the orders page: to decide, an unsourced order's choices, one to ship here."""
    from pos_app.services import screens
    from pos_app.ui.widgets import Sheet

    for sheet in window.centralWidget().findChildren(Sheet):
        if sheet.isVisible():
            sheet.reject()
    demo = screens.demo_aisle(device, session, central)
    shots: list[Path] = []
    window.show_lookup()

    def product() -> None:
        window.open_style(demo.ship_style, demo.ship_variant)
        settle(ops)

    shots += grab_sizes(window, out, "60-aisle-product", ops, product)
    sell = window.sell
    sell.new_sale()
    window.show_sell()
    sell.add_variant(demo.carry_variant)  # a carried-out line beside the shipped one
    settle(ops)
    sell.add_ship(demo.ship_variant)
    settle(ops)
    sheet = sell.delivery_sheet
    tile = next(b for b in sheet.findChildren(QPushButton) if b.isVisible() and b.text().startswith(demo.customer))
    tile.click()
    settle(ops)
    shots += grab_sizes(window, out, "61-aisle-delivery", ops)
    good = sheet.fields["postcode"].text()
    sheet.fields["postcode"].setText("150-41")

    def bad() -> None:
        sheet.save()
        settle(ops)
        sheet.scroll.ensureWidgetVisible(sheet.errors["postcode"])

    shots += grab_sizes(window, out, "62-aisle-address-error", ops, bad)
    sheet.fields["postcode"].setText(good)
    sheet.save()
    settle(ops)
    shots += grab_sizes(window, out, "63-aisle-basket", ops)
    page = window.orders_page
    window.show_orders()
    settle(ops)
    page.show_tab("decide")
    shots += grab_sizes(window, out, "64-orders", ops)
    listed = page.list_.orders if page.list_ else ()

    def unsourced() -> None:
        page.show_order(next(o for o in listed if o.id == demo.unsourced))
        settle(ops)

    shots += grab_sizes(window, out, "65-order-unsourced", ops, unsourced)

    def to_ship() -> None:
        page.show_order(next(o for o in listed if o.id == demo.to_ship))
        page.carrier_buttons["yamato"].setChecked(True)
        page.carrier = "yamato"
        page.tracking.setText("4455-6677-8899")
        settle(ops)

    shots += grab_sizes(window, out, "66-order-ship", ops, to_ship)
    page.show_list()
    sell.clear_basket()
    settle(ops)
    window.show_lookup()
    settle(ops)
    return shots


def render_returns(window: Any, device: Any, session: Any, ops: Any, out: Path) -> list[Path]:
    """The returns page (docs/returns.md): finding a return, its lines graded with the refund
    split as paid, the refund done, and the same code scanned again refused."""
    from pos_app.services import screens
    from pos_app.ui.widgets import Sheet

    for sheet in window.centralWidget().findChildren(Sheet):
        if sheet.isVisible():
            sheet.reject()
    code, _receipt = screens.demo_return(device, session)
    page = window.returns_page
    window.show_returns()
    page.reset()
    settle(ops)
    shots: list[Path] = []
    shots += grab_sizes(window, out, "80-return-find", ops)
    page.scanned(code)
    settle(ops)

    def graded() -> None:
        page._all("resellable")

    shots += grab_sizes(window, out, "81-return-lines", ops, graded)
    page.complete()
    settle(ops)
    shots += grab_sizes(window, out, "82-return-refunded", ops)
    page.reset()
    page.scanned(code)
    settle(ops)
    shots += grab_sizes(window, out, "83-return-scanned-twice", ops)
    page.reset()
    sheet = page.open_no_receipt()
    sheet.item.setText(screens.demo_return_item(device))
    sheet.customer.setText("hanako.yamada@example.jp")
    settle(ops)  # the policy's reasons
    sheet.reasons.choose("size")
    sheet._find()
    settle(ops)
    shots += grab_sizes(window, out, "84-return-no-receipt", ops, sheet.fit)
    sheet.reject()
    page.reset()
    shots += render_exchange(window, device, session, ops, out)
    window.show_lookup()
    settle(ops)
    return shots


def render_exchange(window: Any, device: Any, session: Any, ops: Any, out: Path) -> list[Path]:
    """An exchange (docs/returns.md): a receipt's line graded, asking its reason, "Exchange" to the sell screen with
    the credit waiting, two of the item scanned (dearer), the pay sheet with the credit taken,
    and the exchange done."""
    from pos_app.services import screens
    from pos_app.services.basket import Tender, TenderType
    from pos_app.ui.sell_view import TenderSheet

    b = device.basket.new()
    view = device.basket.add(b, device.lookup.scan(screens.demo_return_item(device)).variant_id, 1)
    receipt = device.basket.complete(session, b, [Tender(TenderType.CASH, view.total_minor)]).receipt_no
    device.engine.sync_once()
    page, sell = window.returns_page, window.sell
    window.show_returns()
    page.receipt.setText(receipt)
    page.find()
    settle(ops)
    page._all("resellable")
    shots = grab_sizes(window, out, "85-exchange-reason", ops)
    page.reasons.choose("size")
    sku = page.rows[0].line.sku if page.rows else screens.demo_return_item(device)
    page.start_exchange()
    settle(ops)
    for _ in range(2):
        sell.scanned(sku)
        settle(ops)
    shots += grab_sizes(window, out, "86-exchange-basket", ops)

    def pay() -> None:
        if sell.tender is None:
            sell.open_tender()

    shots += grab_sizes(window, out, "87-exchange-pay", ops, pay)

    def paid() -> None:
        sheet = sell.tender
        if isinstance(sheet, TenderSheet) and sheet.sale is None and not sheet.busy:
            sheet.cash(max(sheet.view.cash_total_minor - sheet.paid(), 0))
            settle(ops)

    shots += grab_sizes(window, out, "88-exchange-done", ops, paid)
    if sell.tender is not None:
        sell.tender.accept()
    settle(ops)
    return shots


def render_loyalty(window: Any, device: Any, central: Any, ops: Any, out: Path) -> list[Path]:
    """Stored value (docs/loyalty.md): the attached customer's points chip, the loyalty sheet,
    the basket with the points used, the pay sheet with a mistyped gift card number and with a
    card taken, and a gift card scanned outside Pay: sold (loaded in cash) with its void."""
    from pos_app.services import screens
    from pos_app.services.customers import Customer
    from pos_app.ui.sell_view import TenderSheet

    shots: list[Path] = []
    sell = window.sell
    window.show_sell()
    sell.new_sale()
    settle(ops)
    for code in screens.demo_sell(device, 2):
        sell.scanned(code)
        settle(ops)
    hanako = next((c for c in device.customers.recent() if c.name == "Hanako Yamada"), None)
    if hanako is None:
        found = device.customers.search("hanako.yamada@example.jp").customers
        hanako = found[0] if found else Customer(0, "Hanako Yamada")
    basket, service = sell.basket, sell.service
    sell._change(lambda: service.attach_customer(basket, hanako))
    settle(ops)
    shots += grab_sizes(window, out, "70-loyalty-chip", ops)

    def sheet() -> None:
        if sell.loyalty_sheet is None:
            sell.open_loyalty()

    shots += grab_sizes(window, out, "71-loyalty-sheet", ops, sheet)
    if sell.loyalty_sheet is not None:
        sell.loyalty_sheet.use.click()
    settle(ops)
    shots += grab_sizes(window, out, "72-points-used", ops)
    card = central.gift_card("JPY", 3000)

    def typo() -> None:
        if sell.tender is None:
            sell.open_tender()
        t = sell.tender
        assert isinstance(t, TenderSheet)
        if not t.error.text():
            t.stored.card.setText(card[:-1] + str((int(card[-1]) + 1) % 10))
            t.stored.use_card()
            settle(ops)

    shots += grab_sizes(window, out, "73-gift-card-typo", ops, typo)

    def taken() -> None:
        t = sell.tender
        assert isinstance(t, TenderSheet)
        if not t.tenders:
            t.stored.card.setText(card)
            t.stored.use_card()
            settle(ops)

    shots += grab_sizes(window, out, "74-gift-card-taken", ops, taken)
    t = sell.tender
    if isinstance(t, TenderSheet) and t.sale is None:
        t.reject()  # "Start again": the spend goes back on the card
        settle(ops)
        t.reject()
    settle(ops)
    sell.new_sale()
    settle(ops)
    unsold = central.gift_card("JPY", 0)  # issued, not sold: a load activates it

    def gift_sheet() -> None:
        if sell.gift_sheet is None:
            sell.scanned(unsold)
            settle(ops)

    shots += grab_sizes(window, out, "75-gift-card-sell", ops, gift_sheet)

    def loaded() -> None:
        g = sell.gift_sheet
        if g is not None and g.load_id is None:
            g.load(5000)
            settle(ops)

    shots += grab_sizes(window, out, "76-gift-card-loaded", ops, loaded)
    if sell.gift_sheet is not None:
        sell.gift_sheet.reject()
    settle(ops)
    return shots


def render_refused(window: Any, device: Any, session: Any, ops: Any, out: Path) -> list[Path]:
    """An endless-aisle order central refused: its page with central's sentence and the refund
    of what the sale charged (docs/endless-aisle.md "Refused orders"); paid back afterwards."""
    from pos_app.services import screens

    ref = screens.demo_refused(device, session)
    page = window.orders_page
    window.show_orders()
    page.refresh()
    settle(ops)

    def refused() -> None:
        listed = page.list_.orders if page.list_ else ()
        page.show_order(next(o for o in listed if o.order_ref == ref))
        settle(ops)

    shots = grab_sizes(window, out, "59-order-refused-refund", ops, refused)
    order = next(o for o in device.orders.orders().orders if o.order_ref == ref)
    device.orders.refund(session, order, "cash")
    device.engine.sync_once()
    page.show_list()
    window.show_lookup()
    settle(ops)
    return shots


def render_all(
    out: Path, language: str = "en", text_size: int | None = None, high_contrast: bool = False
) -> list[Path]:
    """`text_size` / `high_contrast`: the look of a till with those display settings
    (docs/accessibility.md); without them, the look as it is now."""
    from pos_app.services import screens
    from pos_app.ui import i18n, theme
    from pos_app.ui.bridge import SyncBridge
    from pos_app.ui.enroll_view import EnrollView
    from pos_app.ui.main import BootstrapView
    from pos_app.ui.main_window import MainWindow
    from pos_app.ui.operations import Ops
    from pos_app.ui.signin_view import SignInView

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    theme.apply(app, theme.Look(text_size, high_contrast) if text_size is not None else None)
    i18n.install(language)
    ops = Ops()
    shots: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="aisle-shots-") as tmp, screens.demo_central(Path(tmp)) as central:
        enroll = EnrollView(lambda _u, _c, _confirm: "", ops)
        enroll.url.setText(central.url)
        enroll.code.setText("K7QF-3MZP-9XTA")
        enroll.error.setText("This enrolment code is not valid. Check it and type it again.")
        shots += grab_sizes(enroll, out, "01-enrol", ops)

        device = screens.demo_device(central, Path(tmp) / "tablet")
        boot = BootstrapView()
        boot.show_progress(Progress("catalog", 412_000, 1_000_000, 96_500.0, 6.1))
        shots += grab_sizes(boot, out, "02-first-download", ops)

        signin = SignInView(device.auth, ops, device.identity.store_name)
        home = device.home()
        signin.bar.tz = ZoneInfo(home.timezone) if home else None
        signin.bar.show_status(device.engine.status)
        settle(ops)
        people = device.auth.staff()
        signin.choose(people[-1])
        settle(ops)
        signin.pin.setText("11")
        shots += grab_sizes(signin, out, "03-sign-in", ops)

        session = screens.demo_session(device)
        style, focus = screens.demo_product(device)
        sync = SyncBridge(device.engine)
        window = MainWindow(device, session, ops, sync)
        window.search.setText("linen")
        window._search_now()
        settle(ops)

        def product() -> None:
            window.open_style(style, focus)

        shots += grab_sizes(window, out, "04-product", ops, product)

        def correcting() -> None:
            if window.correction is None:
                window._correct()
                settle(ops)
            dialog = window.correction
            assert dialog is not None
            dialog.counted.setText("")
            dialog.delta = 0
            dialog._step(-1)
            dialog.reason_buttons[next(iter(dialog.reason_buttons))].setChecked(False)
            for reason, b in dialog.reason_buttons.items():
                if reason.value == "damaged":
                    b.setChecked(True)

        shots += grab_sizes(window, out, "05-correct-stock", ops, correcting)

        def approving() -> None:
            dialog = window.correction
            assert dialog is not None
            dialog._ask_approval("This needs a supervisor. Ask a supervisor to enter their PIN to approve.")

        shots += grab_sizes(window, out, "08-supervisor-approval", ops, approving)
        if window.correction is not None:
            window.correction.reject()
        settle(ops)

        shots += render_sell(window, device, session, ops, out)
        shots += render_settings(window, device, session, ops, out)
        shots += render_language(window, device, session, ops, out)
        shots += render_card(window, device, session, ops, out)
        shots += render_shifts(window, device, session, ops, out)
        shots += render_pickups(window, device, central, ops, out)
        shots += render_pickup_payment(window, device, ops, out)
        shots += render_kiosk(device, central, ops, out)
        shots += render_aisle(window, device, session, central, ops, out)
        shots += render_refused(window, device, session, ops, out)
        shots += render_loyalty(window, device, central, ops, out)
        shots += render_returns(window, device, session, ops, out)

        screens.demo_corrections(device, session, focus)
        screens.demo_offline(device, central)
        window.show_status(device.engine.status)

        def offline() -> None:
            window.open_style(style, focus, live=False)

        shots += grab_sizes(window, out, "06-offline-pending", ops, offline)

        def problems() -> None:
            if window.problems_sheet is None:
                window._show_problems()

        shots += grab_sizes(window, out, "07-sync-problems", ops, problems)

        def portrait_results() -> None:
            window._back_to_results()

        window.problems_sheet.accept() if window.problems_sheet else None
        settle(ops)
        shots += grab_sizes(window, out, "09-results", ops, portrait_results)
        window.close()
        signin.close()
        settle(ops)
        ops.shutdown(wait=True)
        device.close()
    return shots
