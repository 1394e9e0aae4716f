"""The delivery sheet of the sell screen (endless aisle, docs/endless-aisle.md): who the order is
for (a recent customer is one tap, and brings the address this till kept for them; or find /
make one with the customer sheet), where it goes (the customer's address, checked with
sync.address through OrderService — JP: 〒 postcode and a prefecture picker, DE: PLZ and an
optional Land — each problem one sentence under its field; or a store for pickup), and the
delivery option for that country (name, fee, days). "Use this delivery" puts it on the basket;
the fee becomes a line. Every read and write goes through the operations bridge."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.basket import BasketView, Delivery
from pos_app.services.customers import Customer
from pos_app.services.orders import AddressProblems, DeliveryOption
from pos_app.ui import theme
from pos_app.ui.operations import CollectionOp, QueryOp
from pos_app.ui.widgets import Sheet

STYLE = """
QComboBox { min-height: 52px; padding: 0 14px; border: 2px solid #CBD2D9; border-radius: 10px;
            background: white; font-size: 20px; }
QLabel#fieldError { color: #A61B1B; font-size: 16px; font-weight: 600; }
QLabel#section { font-size: 19px; font-weight: 700; margin-top: 6px; }
QPushButton#option { min-height: 64px; text-align: left; padding: 4px 14px; font-size: 17px; }
"""

FIELD_WORDS = {
    "JP": {
        "postcode": ("〒 Postcode", "150-0001"),
        "city": ("City / ward (市区町村)", "渋谷区"),
        "street": ("Street and number (町名・番地)", "神南1-2-3"),
        "building": ("Building, room (optional)", "ABCビル 5F"),
        "recipient": ("Recipient (optional: the customer)", ""),
    },
    "DE": {
        "postcode": ("PLZ", "10115"),
        "city": ("City (Ort)", "Berlin"),
        "street": ("Street and number", "Torstraße 1"),
        "building": ("Address line 2 (optional)", ""),
        "recipient": ("Recipient (optional: the customer)", ""),
    },
}


class DeliveryRow(QPushButton):
    """The basket's delivery line: a button whose words wrap (a Japanese address is long)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.words = QLabel("")
        self.words.setWordWrap(True)
        theme.styled(self.words, "background: transparent; font-size: 16px; font-weight: 600; color: #0B5FA5;")
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        lay.addWidget(self.words)

    def setText(self, text: str) -> None:
        self.words.setText(text)
        self.setAccessibleName(text)
        self.updateGeometry()

    def text(self) -> str:
        return self.words.text()

    def sizeHint(self) -> QSize:
        lay = self.layout()
        return lay.sizeHint().expandedTo(QSize(0, 56)) if lay else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        lay = self.layout()
        return lay.minimumSize().expandedTo(QSize(0, 56)) if lay else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, w: int) -> int:
        return max(56, self.words.heightForWidth(w - 24) + 12)


def _clear(lay: Any) -> None:
    while lay.count():
        item = lay.takeAt(0)
        w = item.widget()
        if w is not None:
            w.hide()
            w.deleteLater()


class DeliverySheet(Sheet):
    """`host` is the SellView. `kind` "home" (Ship to customer) or "store" (Ship to store)."""

    def __init__(self, host: Any, kind: str = "home") -> None:
        super().__init__(host, 760)
        theme.styled(self, STYLE)
        self.host_view = host
        self.orders = host.device.orders
        self.customer: Customer | None = getattr(host.current, "customer", None)
        self.kind = kind
        self.country = ""  # the destination's country (the options depend on it)
        self.language = "en"
        self.store_id: int | None = None
        self.store_name = ""
        self.stores: list[tuple[int, str, str]] = []
        self.options: list[DeliveryOption] = []
        self.option: str | None = None
        self.title = QLabel(self.tr("Delivery"))
        self.title.setObjectName("title")
        self.layout_.addWidget(self.title)
        self.problem = QLabel("")
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.layout_.addWidget(self.problem)

        # who
        who_row = QHBoxLayout()
        self.who = QLabel("")
        self.who.setObjectName("section")
        self.who.setWordWrap(True)
        self.who.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.find_customer = QPushButton(self.tr("Find or add…"))
        self.find_customer.clicked.connect(self._find_customer)
        who_col = QVBoxLayout()
        who_col.setSpacing(0)
        who_col.addWidget(self.who)
        self.contact = QLabel("")
        self.contact.setObjectName("hint")
        self.contact.setWordWrap(True)
        self.contact.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        who_col.addWidget(self.contact)
        who_row.addLayout(who_col, 1)
        who_row.addWidget(self.find_customer)
        self.layout_.addLayout(who_row)
        self.recent_box = QVBoxLayout()
        self.recent_box.setSpacing(6)
        self.layout_.addLayout(self.recent_box)

        # where
        where = QHBoxLayout()
        self.to_home = QPushButton(self.tr("To the customer"))
        self.to_store = QPushButton(self.tr("To a store"))
        for b, k in ((self.to_home, "home"), (self.to_store, "store")):
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.clicked.connect(lambda _=False, k=k: self.set_kind(k))
            where.addWidget(b)
        self.layout_.addLayout(where)
        self.address = QWidget()
        grid = QGridLayout(self.address)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        self.country_buttons: dict[str, QPushButton] = {}
        crow = QHBoxLayout()
        for code, words in (("JP", self.tr("Japan 日本")), ("DE", self.tr("Germany"))):
            b = QPushButton(words)
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.clicked.connect(lambda _=False, c=code: self.set_country(c))
            self.country_buttons[code] = b
            crow.addWidget(b)
        grid.addLayout(crow, 0, 0)
        self.fields: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        row = 1
        for name in ("postcode", "region", "city", "street", "building", "recipient"):
            label = QLabel(name)
            self.labels[name] = label
            grid.addWidget(label, row, 0)
            if name == "region":
                self.region = QComboBox()
                self.region.setObjectName("region")
                self.region.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                grid.addWidget(self.region, row + 1, 0)
                label.setBuddy(self.region)
            else:
                edit = QLineEdit()
                edit.setObjectName(f"address_{name}")
                self.fields[name] = edit
                label.setBuddy(edit)
                grid.addWidget(edit, row + 1, 0)
            err = QLabel("")
            err.setObjectName("fieldError")
            err.setWordWrap(True)
            err.hide()
            self.errors[name] = err
            grid.addWidget(err, row + 2, 0)
            row += 3
        self.errors["country"] = QLabel("")
        self.errors["country"].setObjectName("fieldError")
        self.errors["country"].hide()
        grid.addWidget(self.errors["country"], row, 0)
        self.layout_.addWidget(self.address)
        # A kept address: one line and "Change" instead of the whole form (the form is still filled).
        self.summary = DeliveryRow()
        self.summary.setToolTip(self.tr("Tap to change the address"))
        self.summary.clicked.connect(self.edit_address)
        self.summary.hide()
        self.layout_.addWidget(self.summary)
        self.folded = False
        self.store_box = QWidget()
        self.store_list = QVBoxLayout(self.store_box)
        self.store_list.setContentsMargins(0, 0, 0, 0)
        self.layout_.addWidget(self.store_box)

        # how
        self.how = QLabel(self.tr("Delivery option"))
        self.how.setObjectName("section")
        self.layout_.addWidget(self.how)
        self.option_box = QVBoxLayout()
        self.option_box.setSpacing(6)
        self.layout_.addLayout(self.option_box)

        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self.reject)
        self.use = QPushButton(self.tr("Use this delivery"))
        self.use.setObjectName("primary")
        self.use.clicked.connect(self.save)
        self.footer.addWidget(self.cancel)
        self.footer.addStretch(1)
        self.footer.addWidget(self.use)
        self._show_who()

    # --- loading -------------------------------------------------------------------------------

    def open(self) -> None:
        super().open()
        orders, customers = self.orders, self.host_view.device.customers
        current = self.customer
        delivery = getattr(self.host_view.basket, "delivery", None)

        def load() -> dict[str, Any]:
            out: dict[str, Any] = {
                "country": orders.country(),
                "language": orders.language(),
                "stores": orders.stores(),
                "recent": [] if current is not None else customers.recent(4),
            }
            out["address"] = orders.address_of(current.id) if current is not None else None
            return out

        def loaded(d: dict[str, Any]) -> None:
            self.language = d["language"]
            self.stores = d["stores"]
            self._show_recent(d["recent"])
            self._show_stores()
            if delivery is not None:  # the basket's delivery, to change
                self.kind = delivery.kind
                self.store_id, self.store_name = delivery.store_id, delivery.store_name
                self.option = delivery.option
                if delivery.address:
                    d["address"] = delivery.address
            self._fill(d["address"], d["country"])
            self.set_kind(self.kind)

        QueryOp(parent=self, op=load, success=loaded, kind="delivery").run_in_background(self.host_view.ops)

    def _fill(self, address: dict[str, str] | None, home_country: str) -> None:
        a = address or {}
        self.folded = bool(address)
        if address:
            self.summary.setText(
                self.tr("{0}\nTap to change the address").replace("{0}", self.orders.one_line(address))
            )
        self.set_country(a.get("country") or (home_country if home_country in ("JP", "DE") else "JP"), load=False)
        for name, edit in self.fields.items():
            edit.setText(a.get(name, ""))
        i = self.region.findText(a.get("region", "")) if a.get("region") else -1
        self.region.setCurrentIndex(max(i, 0))

    def _show_who(self) -> None:
        c = self.customer
        if c is None:
            self.who.setText(self.tr("Who is it for? A recent customer, or find one."))
        else:
            self.who.setText(self.tr("For {name}").replace("{name}", c.name))
        self.contact.setText("" if c is None else "\n".join(x for x in (c.email, c.phone) if x))
        self.contact.setVisible(c is not None)
        self.find_customer.setText(self.tr("Someone else…") if c is not None else self.tr("Find or add…"))

    def _show_recent(self, customers: list[Customer]) -> None:
        _clear(self.recent_box)
        if self.customer is not None:
            return
        for c in customers:
            b = QPushButton(c.name + "\n" + " · ".join(x for x in (c.phone, c.email) if x))
            b.setObjectName("tile")
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, cust=c: self.choose_customer(cust))
            self.recent_box.addWidget(b)
            b.show()
        self.fit()

    def _show_stores(self) -> None:
        _clear(self.store_list)
        for sid, name, _country in self.stores:
            b = QPushButton(name)
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.setChecked(sid == self.store_id)
            b.clicked.connect(lambda _=False, s=sid: self.choose_store(s))
            self.store_list.addWidget(b)

    # --- choosing -------------------------------------------------------------------------------

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        (self.to_home if kind == "home" else self.to_store).setChecked(True)
        self.address.setVisible(kind == "home" and not self.folded)
        self.summary.setVisible(kind == "home" and self.folded)
        self.store_box.setVisible(kind == "store")
        if kind == "store":
            if self.store_id is None and self.stores:
                self.store_id, self.store_name = self.stores[0][0], self.stores[0][1]
                self._show_stores()
            country = next((c for s, _n, c in self.stores if s == self.store_id), self.country or "JP")
            self._load_options(country)
        else:
            self._load_options(self.country)
        self.fit()

    def set_country(self, country: str, load: bool = True) -> None:
        if country != self.country or self.region.count() == 0:
            self.country = country
            words = FIELD_WORDS[country]
            for name, label in self.labels.items():
                if name == "region":
                    label.setText(self.tr("Prefecture (都道府県)") if country == "JP" else self.tr("State (optional)"))
                    continue
                label.setText(words[name][0])
                self.fields[name].setPlaceholderText(words[name][1])
            self.region.clear()
            if country == "JP":
                self.region.addItems(["", *self.orders.prefectures()])
            else:
                self.region.addItems(["", *self.orders.laender()])
        self.country_buttons[country].setChecked(True)
        if load and self.kind == "home":
            self._load_options(country)

    def choose_store(self, store_id: int) -> None:
        self.store_id = store_id
        self.store_name = next((n for s, n, _c in self.stores if s == store_id), "")
        country = next((c for s, _n, c in self.stores if s == store_id), "JP")
        self._load_options(country)

    def _load_options(self, country: str) -> None:
        orders, language, kind = self.orders, self.language, self.kind
        QueryOp(
            parent=self, op=lambda: orders.options(country, language, kind), success=self._show_options, kind="options"
        ).run_in_background(self.host_view.ops)

    def _show_options(self, options: list[DeliveryOption]) -> None:
        self.options = options
        _clear(self.option_box)
        if not options:
            none = QLabel(self.tr("This store has no delivery option to this country: sync, or ask head office."))
            none.setObjectName("fieldError")
            none.setWordWrap(True)
            self.option_box.addWidget(none)
        if self.option not in {o.id for o in options}:
            self.option = options[0].id if options else None  # the cheapest, chosen for you
        for o in options:
            extra = f" · {o.free_text}" if o.free_text else ""
            b = QPushButton(f"{o.name} — {o.fee_text}\n{o.days}{extra}")
            b.setObjectName("option")
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.setChecked(o.id == self.option)
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, oid=o.id: setattr(self, "option", oid))
            self.option_box.addWidget(b)
            b.show()
        self.use.setEnabled(bool(options))
        self.fit()

    def choose_customer(self, customer: Customer) -> None:
        """A recent customer: on the basket at once, with the address this till kept for them."""
        host, orders = self.host_view, self.orders
        basket, service = host.basket, host.service

        def op() -> tuple[BasketView, dict[str, str] | None]:
            view = service.attach_customer(basket, customer)
            return view, orders.address_of(customer.id)

        def done(result: tuple[BasketView, dict[str, str] | None]) -> None:
            view, address = result
            host.show_basket(view)
            self.customer = customer
            self._show_who()
            self._show_recent([])
            if address is not None:
                self._fill(address, self.country)
                self.set_kind(self.kind)
            self.fit()

        CollectionOp(parent=self, op=op, success=done).run_in_background(host.ops)

    def _find_customer(self) -> None:
        """The customer sheet (search, create: e-mail and phone checked there); the delivery
        sheet comes back when it closes."""
        host = self.host_view
        self.reject()
        host.open_customers()
        sheet = host.customer_sheet
        if sheet is not None:
            sheet.finished.connect(lambda: QTimer.singleShot(0, lambda: host.open_delivery(self.kind)))

    # --- saving ---------------------------------------------------------------------------------

    def typed(self) -> dict[str, str]:
        fields = {name: edit.text() for name, edit in self.fields.items()}
        fields["region"] = self.region.currentText()
        fields["country"] = self.country
        return fields

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.fit()

    def edit_address(self) -> None:
        self.folded = False
        self.set_kind(self.kind)
        self.fields["postcode"].setFocus()

    def _field_problems(self, problems: dict[str, str]) -> None:
        if problems and self.folded:  # a kept address central's rules no longer take: show the form
            self.edit_address()
        for name, label in self.errors.items():
            text = problems.get(name, "")
            label.setText(text)
            label.setVisible(bool(text))
        self.fit()

    def save(self) -> None:
        host, orders, customer = self.host_view, self.orders, self.customer
        basket, service = host.basket, host.service
        self._field_problems({})
        self.show_problem("")
        if customer is None:
            self.show_problem(self.tr("Choose who the order is for first."))
            return
        if self.option is None:
            self.show_problem(self.tr("Choose a delivery option."))
            return
        kind, option, language, fields = self.kind, self.option, self.language, self.typed()
        store_id, store_name = self.store_id, self.store_name

        def op() -> BasketView:
            if kind == "store":
                delivery = Delivery("store", option, None, store_id, store_name, language)
            else:
                address = orders.remember_address(customer.id, fields)
                delivery = Delivery("home", option, address, None, "", language)
            view: BasketView = service.set_delivery(basket, delivery)
            return view

        def done(view: BasketView) -> None:
            host.show_basket(view)
            self.accept()

        def failed(error: BaseException) -> bool:
            if isinstance(error, AddressProblems):
                self._field_problems(error.problems)
                return True  # each sentence is under its field
            return False

        CollectionOp(parent=self, op=op, success=done).failure(failed).run_in_background(host.ops)


__all__ = ["DeliveryRow", "DeliverySheet"]
