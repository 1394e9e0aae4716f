"""Stored value on the sell screen (docs/loyalty.md): the attached customer's points, tier and
store credit, points redeemed in two taps (the points chip, then "Use N points"), and the pay
sheet's store-credit and gift-card tenders. Data only through `pos_app.services.accounts`.

Offline the figures are this till's cached ones: the sheet says so, and names the risk (central
checks the spend later; the till may spend up to the cached balance and today's cap)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.accounts import Balances, printed_number
from pos_app.ui.messages import error_text
from pos_app.ui.widgets import Sheet


def points_text(b: Balances) -> str:
    """ "2,400 pts · Silver" for the chip."""
    bits = [f"{b.points:,} pts"]
    if b.tier_name:
        bits.append(b.tier_name)
    return " · ".join(bits)


class LoyaltySheet(Sheet):
    """The customer's points, tier and benefits, store credit, and one big button to use the
    points on this basket (or stop using them)."""

    def __init__(self, host: Any, balances: Balances, view: Any, redeemed: int) -> None:
        super().__init__(host, 620)
        self.host_view = host
        self.balances = balances
        title = QLabel(self.tr("{points} points").replace("{points}", f"{balances.points:,}"))
        title.setObjectName("due")
        self.layout_.addWidget(title)
        if balances.tier_name:
            tier = QLabel(
                self.tr("{tier}: {benefits}")
                .replace("{tier}", balances.tier_name)
                .replace("{benefits}", balances.benefits)
            )
            tier.setObjectName("subtitle")
            tier.setWordWrap(True)
            self.layout_.addWidget(tier)
        facts = []
        if balances.pending:
            facts.append(
                self.tr("{n} more on their way from sales not yet at central").replace("{n}", f"{balances.pending:,}")
            )
        facts.append(self.tr("Store credit {0}").replace("{0}", view.money(balances.credit)))
        info = QLabel(" · ".join(facts))
        info.setObjectName("hint")
        info.setWordWrap(True)
        self.layout_.addWidget(info)
        if not balances.live:
            risk = QLabel(
                self.tr(
                    "Central cannot be reached: these are this till's figures from its last sync. "
                    "Points used now are checked by central later."
                )
            )
            risk.setObjectName("error")
            risk.setWordWrap(True)
            self.layout_.addWidget(risk)
        points, value = host.device.accounts.redeem_offer(balances, view.total_minor + host.redeemed_value())
        self.use = QPushButton()
        self.use.setObjectName("quick")
        self.use.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        if redeemed:
            self.use.setText(self.tr("Stop using {n} points").replace("{n}", f"{redeemed:,}"))
            self.use.setObjectName("primary")
            self.use.clicked.connect(self._stop)
        elif points:
            self.use.setText(
                self.tr("Use {n} points: −{value}").replace("{n}", f"{points:,}").replace("{value}", view.money(value))
            )
            self.use.clicked.connect(lambda: self._use(points, value))
        else:
            self.use.setText(self.tr("No points to use on this basket"))
            self.use.setEnabled(False)
        self.layout_.addWidget(self.use)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.layout_.addWidget(self.error)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.footer.addStretch(1)
        self.footer.addWidget(close)

    def show_problem(self, text: str) -> None:
        self.error.setText(text)

    def _use(self, points: int, value: int) -> None:
        self.use.setEnabled(False)
        self.host_view.redeem_points(points, value, self)

    def _stop(self) -> None:
        self.use.setEnabled(False)
        self.host_view.stop_points(self)


class StoredValuePanel(QWidget):
    """In the pay sheet: a gift card (typed or scanned) and the customer's store credit as
    tenders for what is still due."""

    def __init__(self, sheet: Any) -> None:
        super().__init__()
        self.sheet = sheet
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        lay.setSpacing(8)
        head = QLabel(self.tr("Gift card or store credit"))
        head.setObjectName("subtitle")
        lay.addWidget(head)
        row = QHBoxLayout()
        self.card = QLineEdit()
        self.card.setObjectName("search")
        self.card.setPlaceholderText(self.tr("Gift card number (GC…) or scan it"))
        self.card.setAccessibleName(self.card.placeholderText())
        self.card.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase)
        self.card.returnPressed.connect(self.use_card)
        self.card_button = QPushButton(self.tr("Use card"))
        self.card_button.clicked.connect(self.use_card)
        row.addWidget(self.card, 1)
        row.addWidget(self.card_button)
        lay.addLayout(row)
        grid = QGridLayout()
        self.credit_button = QPushButton("")
        self.credit_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.credit_button.clicked.connect(self.use_credit)
        self.credit_button.hide()
        grid.addWidget(self.credit_button, 0, 0)
        lay.addLayout(grid)
        self.note = QLabel("")
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.note.hide()
        lay.addWidget(self.note)
        self.balances: Balances | None = None

    def show_balances(self, balances: Balances | None, due: int, money: Any) -> None:
        self.balances = balances
        can = balances is not None and balances.credit > 0 and due > 0
        if can and balances is not None:
            self.credit_button.setText(
                self.tr("Store credit {0} of {1}")
                .replace("{0}", money(min(balances.credit, due)))
                .replace("{1}", money(balances.credit))
            )
        self.credit_button.setVisible(can)
        if balances is not None and not balances.live:
            self.note.setText(
                self.tr(
                    "Offline: store credit and gift cards up to what this till last saw and today's offline limit; "
                    "central checks them when it is back."
                )
            )
            self.note.show()

    def use_card(self) -> None:
        text = self.card.text().strip()
        if not text:
            self.sheet.show_problem(self.tr("Type or scan the gift card's number first."))
            return
        self.sheet.take_stored_value("gift", card_no=text)

    def use_credit(self) -> None:
        self.sheet.take_stored_value("credit")

    def taken(self) -> None:
        self.card.clear()


class GiftCardSheet(Sheet):
    """A gift card scanned (or typed) on the sell screen outside Pay: its balance, a load paid in
    cash (the first load sells and activates it; later ones top it up), and "Void this load"
    for a load just made (the customer changed their mind: the cash goes back, the amount comes
    off the card — refused by central with one sentence if the card was spent since)."""

    QUICK = (3000, 5000, 10000)

    def __init__(self, host: Any, number: str) -> None:
        super().__init__(host, 620)
        self.host_view = host
        self.number = number
        self.gift: Any = None  # (self.card is the sheet's frame)
        self.load_id: str | None = None
        self.loaded = 0
        title = QLabel(self.tr("Gift card {0}").replace("{0}", printed_number(number)))
        title.setObjectName("due")
        title.setWordWrap(True)
        self.layout_.addWidget(title)
        self.state = QLabel(self.tr("Asking central for its balance…"))
        self.state.setObjectName("subtitle")
        self.state.setWordWrap(True)
        self.layout_.addWidget(self.state)
        head = QLabel(self.tr("Load, paid in cash"))
        head.setObjectName("hint")
        self.layout_.addWidget(head)
        quick = QGridLayout()
        quick.setSpacing(8)
        self.quick: list[QPushButton] = []
        for i, minor in enumerate(self.QUICK):
            b = QPushButton("")
            b.setObjectName("quick")
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, m=minor: self.load(m))
            quick.addWidget(b, 0, i)
            self.quick.append(b)
        self.layout_.addLayout(quick)
        row = QHBoxLayout()
        self.amount = QLineEdit()
        self.amount.setObjectName("search")
        self.amount.setPlaceholderText(self.tr("Other amount"))
        self.amount.setAccessibleName(self.amount.placeholderText())
        self.amount.returnPressed.connect(self._typed)
        self.load_button = QPushButton(self.tr("Load"))
        self.load_button.setObjectName("primary")
        self.load_button.clicked.connect(self._typed)
        row.addWidget(self.amount, 1)
        row.addWidget(self.load_button)
        self.layout_.addLayout(row)
        self.void = QPushButton("")
        self.void.clicked.connect(self._void)
        self.void.hide()
        self.layout_.addWidget(self.void)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.layout_.addWidget(self.error)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.footer.addStretch(1)
        self.footer.addWidget(close)
        self.money_view: Any = None  # a BasketView: the store's currency and locale for amounts
        self._money = self._plain
        self.refresh()

    def _plain(self, minor: int) -> str:
        view = self.money_view or self.host_view.current
        if view is not None:
            return str(view.money(minor))
        return f"{minor:,}"

    def show_problem(self, text: str) -> None:
        self.error.setText(text)

    def refresh(self) -> None:
        from pos_app.ui.operations import QueryOp

        accounts = self.host_view.device.accounts
        number = self.number
        service, basket = self.host_view.service, self.host_view.basket

        def got(found: Any) -> None:
            card, self.money_view = found
            self.gift = card
            if card.status == "inactive":
                self.state.setText(self.tr("Not sold yet: a load sells and activates it."))
            else:
                words = self.tr("Balance {0}").replace("{0}", self._money(card.balance))
                if not card.live:
                    words += " " + self.tr("(as this till last saw it: central cannot be reached)")
                self.state.setText(words)
            for b, minor in zip(self.quick, self.QUICK, strict=True):
                b.setText(self._money(minor))
            self.fit()

        def refused(e: BaseException) -> bool:
            self.state.setText(error_text(e))
            for b, minor in zip(self.quick, self.QUICK, strict=True):
                b.setText(self._money(minor))
            return True

        QueryOp(
            parent=self, op=lambda: (accounts.gift_card(number), service.view(basket)), success=got, kind="gift"
        ).failure(refused).run_in_background(self.host_view.ops)

    def _typed(self) -> None:
        from pos_app.ui.sell_view import minor_units

        view = self.host_view.current
        currency = view.currency if view is not None else "JPY"
        minor = minor_units(self.amount.text(), currency)
        if minor is None or minor <= 0:
            self.error.setText(self.tr("Type the amount to load, like 3000 or 25.00."))
            return
        self.load(minor)

    def load(self, minor: int) -> None:
        from pos_app.ui.operations import CollectionOp

        accounts, session, number = self.host_view.device.accounts, self.host_view.session, self.number
        self.error.setText("")

        masked = f"{number[:2]} ••• {number[-4:]}"

        def op() -> tuple[str, bool]:
            load_id = accounts.load_card(session, number, minor)
            return load_id, accounts.cash_to_drawer(session, "paid_in", minor, f"Gift card load {masked}")

        def done(result: tuple[str, bool]) -> None:
            load_id, on_shift = result
            self.load_id, self.loaded = load_id, minor
            self.amount.clear()
            words = self.tr("Loaded {0}: take {0} in cash. The card has it as soon as central does.").replace(
                "{0}", self._money(minor)
            )
            if not on_shift:
                words += " " + self.tr("No shift is open on this till: the cash is on no drawer count.")
            self.state.setText(words)
            self.void.setText(self.tr("Void this load ({0})").replace("{0}", self._money(minor)))
            self.void.show()
            self.fit()

        def refused(e: BaseException) -> bool:
            self.error.setText(error_text(e))
            return True

        CollectionOp(parent=self, op=op, success=done).failure(refused).run_in_background(self.host_view.ops)

    def _void(self) -> None:
        from pos_app.ui.operations import CollectionOp

        if self.load_id is None:
            return
        accounts, session, load_id, minor = (
            self.host_view.device.accounts,
            self.host_view.session,
            self.load_id,
            self.loaded,
        )

        def done(_r: Any) -> None:
            self.load_id = None
            self.void.hide()
            self.state.setText(self.tr("Load voided: give back {0} in cash.").replace("{0}", self._money(minor)))
            self.fit()

        def refused(e: BaseException) -> bool:
            self.error.setText(error_text(e))
            return True

        masked = f"{self.number[:2]} ••• {self.number[-4:]}"

        def op() -> bool:
            accounts.void_load(session, load_id)
            return accounts.cash_to_drawer(session, "paid_out", minor, f"Gift card load voided {masked}")

        CollectionOp(parent=self, op=op, success=done).failure(refused).run_in_background(self.host_view.ops)
