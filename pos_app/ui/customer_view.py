"""The customer sheet of the sell screen (docs/customers.md): search central by phone, e-mail or
name (offline: this till's recent customers, and the sheet says so), attach one to the basket
(their group's prices and promotions apply at once), take one off, or make a new customer
(name, e-mail, phone) online or offline. Every read and write runs through the operations
bridge; the sheet only shows what comes back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from pos_app.services.basket import BasketView
from pos_app.services.customers import Customer, CustomerSearch, DuplicateEmail
from pos_app.ui.operations import CollectionOp, QueryOp
from pos_app.ui.widgets import Sheet


def _clear(lay: Any) -> None:
    while lay.count():
        item = lay.takeAt(0)
        w = item.widget()
        if w is not None:
            w.deleteLater()


class CustomerSheet(Sheet):
    """`host` is the SellView: its basket, its service, its operations and `show_basket`."""

    def __init__(self, host: Any) -> None:
        super().__init__(host, 720)
        self.host_view = host
        self.customers = host.device.customers
        self.found: list[Customer] = []
        self.title = QLabel(self.tr("Customer"))
        self.title.setObjectName("title")
        self.layout_.addWidget(self.title)

        # who is attached now, and taking them off
        self.attached = QWidget()
        al = QHBoxLayout(self.attached)
        al.setContentsMargins(0, 0, 0, 0)
        self.attached_text = QLabel("")
        self.attached_text.setObjectName("customerAttached")
        self.attached_text.setWordWrap(True)
        self.detach = QPushButton(self.tr("Remove from this sale"))
        self.detach.setObjectName("detachCustomer")
        self.detach.clicked.connect(self.detach_customer)
        al.addWidget(self.attached_text, 1)
        al.addWidget(self.detach)
        self.layout_.addWidget(self.attached)

        # finding
        self.find_box = QWidget()
        fl = QVBoxLayout(self.find_box)
        fl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.query = QLineEdit()
        self.query.setObjectName("customerSearch")
        self.query.setPlaceholderText(self.tr("Phone, e-mail or name"))
        self.query.setAccessibleName(self.query.placeholderText())
        self.query.returnPressed.connect(self.search)
        self.find = QPushButton(self.tr("Search"))
        self.find.clicked.connect(self.search)
        row.addWidget(self.query, 1)
        row.addWidget(self.find)
        fl.addLayout(row)
        self.notice = QLabel(self.tr("Recent customers"))
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        fl.addWidget(self.notice)
        self.results = QVBoxLayout()
        fl.addLayout(self.results)
        self.layout_.addWidget(self.find_box)

        # a new customer
        self.form = QWidget()
        ff = QVBoxLayout(self.form)
        ff.setContentsMargins(0, 0, 0, 0)
        self.name = self._field(ff, self.tr("Name"), self.tr("e.g. Hanako Yamada"))
        self.kana = self._field(ff, self.tr("Reading (optional)"), self.tr("e.g. やまだ はなこ"))
        self.email = self._field(ff, self.tr("E-mail"), self.tr("name@example.com"))
        self.phone = self._field(ff, self.tr("Phone"), self.tr("e.g. 090-1234-5678"))
        self.form_hint = QLabel(self.tr("An e-mail or a phone number is needed, so the customer can be found again."))
        self.form_hint.setObjectName("hint")
        self.form_hint.setWordWrap(True)
        ff.addWidget(self.form_hint)
        self.problem = QLabel("")
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        ff.addWidget(self.problem)
        self.use_existing = QPushButton("")
        self.use_existing.setObjectName("tile")
        self.use_existing.hide()
        self.existing: Customer | None = None  # who already has the e-mail typed (online)
        self.use_existing.clicked.connect(lambda: self.existing is not None and self.attach(self.existing))
        ff.addWidget(self.use_existing)
        self.layout_.addWidget(self.form)
        self.form.hide()

        self.new = QPushButton(self.tr("New customer"))
        self.new.clicked.connect(self.show_form)
        self.back = QPushButton(self.tr("‹ Back"))
        self.back.clicked.connect(self.show_find)
        self.save = QPushButton(self.tr("Save and attach"))
        self.save.clicked.connect(self.create)
        self.close_ = QPushButton(self.tr("Close"))
        self.close_.clicked.connect(self.reject)
        self.footer.addWidget(self.new)
        self.footer.addWidget(self.back)
        self.footer.addStretch(1)
        self.footer.addWidget(self.save)
        self.footer.addWidget(self.close_)
        self.back.hide()
        self.save.hide()
        self.show_attached(getattr(host.current, "customer", None))

    def _field(self, lay: QVBoxLayout, label: str, hint: str) -> QLineEdit:
        lbl = QLabel(label)
        lay.addWidget(lbl)
        edit = QLineEdit()
        edit.setPlaceholderText(hint)
        lbl.setBuddy(edit)
        lay.addWidget(edit)
        return edit

    # --- showing ---------------------------------------------------------------------------------

    def open(self) -> None:
        super().open()
        customers = self.customers
        QueryOp(
            parent=self, op=lambda: customers.recent(), success=self.show_recent, kind="customers"
        ).run_in_background(self.host_view.ops)
        QTimer.singleShot(0, self.query.setFocus)

    def show_attached(self, customer: Customer | None) -> None:
        if customer is None:
            self.attached.hide()
            return
        group = self.tr(" · member") if customer.group == "members" else ""
        self.attached_text.setText(
            self.tr("On this sale: {name}{group}").replace("{name}", customer.name).replace("{group}", group)
        )
        self.attached.show()

    def show_problem(self, text: str) -> None:
        if self.form.isVisible():
            self.problem.setText(text)
            self.problem.show()
        else:
            self.notice.setText(text)
        self.fit()

    def show_recent(self, customers: list[Customer]) -> None:
        self.notice.setText(self.tr("Recent customers") if customers else self.tr("No customer served here yet."))
        self._rows(customers)

    def show_found(self, found: CustomerSearch) -> None:
        if found.notice:
            text = found.notice
        elif not found.customers:
            text = self.tr("Nobody found. Check the spelling, or make a new customer.")
        elif found.more:
            text = self.tr("The first 20 customers found: type more to narrow it down.")
        else:
            text = self.tr("Tap a customer to put them on this sale.")
        self.notice.setText(text)
        self._rows(list(found.customers))

    def _rows(self, customers: list[Customer]) -> None:
        _clear(self.results)
        self.found = customers
        for c in customers:
            first = c.name + (f"（{c.kana}）" if c.kana else "")
            if c.group == "members":
                first += self.tr(" · member")
            second = [c.phone, c.email] + ([self.tr("not at central yet")] if c.pending else [])
            b = QPushButton(first + "\n" + " · ".join(x for x in second if x))
            b.setObjectName("tile")
            b.setMinimumHeight(52)
            # a long e-mail never widens the sheet past the screen (the text is cut instead)
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, cust=c: self.attach(cust))
            self.results.addWidget(b)
            b.show()
        self.fit()

    def show_form(self) -> None:
        self.find_box.hide()
        self.attached.hide()
        self.form.show()
        self.new.hide()
        self.back.show()
        self.save.show()
        self.problem.hide()
        self.use_existing.hide()
        if not self.name.text() and self.query.text().strip() and "@" not in self.query.text():
            if any(ch.isdigit() for ch in self.query.text()):
                self.phone.setText(self.query.text().strip())
            else:
                self.name.setText(self.query.text().strip())
        self.fit()
        self.name.setFocus()

    def show_find(self) -> None:
        self.form.hide()
        self.find_box.show()
        self.show_attached(getattr(self.host_view.current, "customer", None))
        self.new.show()
        self.back.hide()
        self.save.hide()
        self.fit()

    # --- doing -----------------------------------------------------------------------------------

    def search(self) -> None:
        customers, text = self.customers, self.query.text()
        self.notice.setText(self.tr("Searching…"))
        QueryOp(
            parent=self, op=lambda: customers.search(text), success=self.show_found, kind="customers"
        ).run_in_background(self.host_view.ops)

    def attach(self, customer: Customer) -> None:
        host = self.host_view
        basket, service = host.basket, host.service

        def done(view: BasketView) -> None:
            host.show_basket(view)
            self.accept()

        CollectionOp(parent=host, op=lambda: service.attach_customer(basket, customer), success=done).run_in_background(
            host.ops
        )

    def detach_customer(self) -> None:
        host = self.host_view
        basket, service = host.basket, host.service

        def done(view: BasketView) -> None:
            host.show_basket(view)
            self.show_attached(None)

        CollectionOp(parent=host, op=lambda: service.detach_customer(basket), success=done).run_in_background(host.ops)

    def create(self) -> None:
        customers, session = self.customers, self.host_view.session
        name, kana, email, phone = self.name.text(), self.kana.text(), self.email.text(), self.phone.text()
        self.problem.hide()
        self.use_existing.hide()
        self.save.setEnabled(False)

        def failed(error: BaseException) -> bool:
            self.save.setEnabled(True)
            if isinstance(error, DuplicateEmail):
                existing = error.existing
                self.existing = existing
                self.use_existing.setText(self.tr("Attach {name}").replace("{name}", existing.name))
                self.use_existing.show()
            return False  # the sentence is shown by the one failure path (show_problem)

        def made(customer: Customer) -> None:
            self.save.setEnabled(True)
            self.attach(customer)

        CollectionOp(
            parent=self,
            op=lambda: customers.create(session, name, email=email, phone=phone, kana=kana),
            success=made,
        ).failure(failed).run_in_background(self.host_view.ops)


__all__ = ["CustomerSheet"]
