"""The orders page (endless aisle, docs/endless-aisle.md): the store's ship orders from the
`ship_orders` stream and this till's own not yet confirmed by central ("to be confirmed"),
by what they need. An order central could not source shows the choices (ship from another
location / wait for stock / cancel and refund); a refund owed is paid in cash or back on the
card; an order this store ships gets its carrier and tracking number. Every read and write
goes through the operations bridge; the service's refusals are its one sentence."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.services.auth import Session
from pos_app.services.orders import OrderList, OrderService, ShipOrder
from pos_app.services.sync import Changed
from pos_app.ui import theme
from pos_app.ui.messages import text_of
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.pickup_view import age_text
from pos_app.ui.widgets import NARROW

# (tab, its words, which orders): what the store has to do first.
TABS = (
    ("decide", "Decide", lambda o: (o.state == "unsourced" and o.sold_here) or (o.refund_due > 0 and o.sold_here)),
    ("ship", "To ship", lambda o: o.state == "sourced" and o.ship_here),
    ("confirm", "To be confirmed", lambda o: o.state in ("to_confirm", "refused")),
    ("open", "On the way", lambda o: o.state in ("sourced", "shipped", "unsourced") and not _needs(o)),
    ("done", "Done", lambda o: o.state in ("delivered", "cancelled") and o.refund_due == 0),
)

STATE_WORDS = {
    "to_confirm": "to be confirmed",
    "refused": "refused by central",
    "unsourced": "no stock found",
    "sourced": "being prepared",
    "shipped": "shipped",
    "delivered": "delivered",
    "cancelled": "cancelled",
}

STYLE = """
QPushButton#orderRow { min-height: 76px; text-align: left; padding: 6px 14px; }
QPushButton#orderRow QLabel { background: transparent; }
QLabel#rowTitle { font-size: 19px; font-weight: 700; }
QLabel#rowAge { font-size: 16px; color: #52606D; font-weight: 600; }
QLabel#rowItems { font-size: 16px; color: #52606D; font-weight: 400; }
QLabel#rowRefused { font-size: 16px; color: #A61B1B; font-weight: 600; }
QPushButton#tab { padding: 0 10px; font-size: 16px; }
QLabel#section { font-size: 19px; font-weight: 700; margin-top: 8px; }
QPushButton#choice { text-align: left; padding: 0 14px; }
"""


def _needs(o: ShipOrder) -> bool:
    return (o.sold_here and (o.state == "unsourced" or o.refund_due > 0)) or (o.state == "sourced" and o.ship_here)


def _label(text: str, name: str, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def _clear(lay: Any) -> None:
    while lay.count():
        item = lay.takeAt(0)
        w = item.widget()
        if w is not None:
            w.hide()
            w.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


def items_text(o: ShipOrder) -> str:
    first = o.lines[0].name if o.lines else ""
    more = f" + {len(o.lines) - 1} more" if len(o.lines) > 1 else ""
    return f"{o.units} item{'s' if o.units != 1 else ''}: {first}{more}"


class OrderRow(QPushButton):
    def __init__(self, o: ShipOrder, now: datetime, money: str) -> None:
        super().__init__()
        self.setObjectName("orderRow")
        self.order = o
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        number = o.number or (o.receipt_no and f"receipt {o.receipt_no}") or "new"
        self.setAccessibleName(f"Order {number}, {o.customer}")
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 8, 14, 8)
        grid.setVerticalSpacing(2)
        bits = [STATE_WORDS.get(o.state, o.state)]
        if o.refund_due > 0:
            bits.append(f"refund due {money}")
        if o.source and o.state != "unsourced":
            bits.append(f"from {o.source}")
        if o.tracking:
            bits.append(f"{o.carrier} {o.tracking}")
        if o.pending:
            bits.append("not sent to central yet")
        labels = [
            _label(f"{number} · {o.customer}", "rowTitle"),
            _label(age_text(o.created_at, now), "rowAge", False),
            _label(f"{items_text(o)} → {o.destination}", "rowItems"),
            _label(" · ".join(bits), "rowItems"),
        ]
        grid.addWidget(labels[0], 0, 0)
        grid.addWidget(labels[1], 0, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(labels[2], 1, 0, 1, 2)
        grid.addWidget(labels[3], 2, 0, 1, 2)
        if o.refused:
            labels.append(_label(self.tr("Central: {0}").replace("{0}", text_of(o.refused)), "rowRefused"))
            grid.addWidget(labels[4], 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        for label in labels:
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:
        lay = self.layout()
        return lay.sizeHint().expandedTo(QSize(0, 76)) if lay else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        lay = self.layout()
        return lay.minimumSize().expandedTo(QSize(0, 76)) if lay else super().minimumSizeHint()


class OrdersButton(QPushButton):
    """The header's way in: "Orders 2" (what needs staff); "⇄2", a thumb square, in portrait."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickups")
        self.count = 0
        self.narrow = False
        self.setToolTip(self.tr("Orders: deliveries sold here, to decide, ship or refund"))
        self.set_count(0)

    def set_count(self, n: int) -> None:
        self.count = n
        if self.narrow:
            self.setText(f"⇄{n}" if n else "⇄")
        else:
            self.setText(self.tr("Orders {0}").replace("{0}", str(n)) if n else self.tr("Orders"))
        self.setAccessibleName(self.tr("Orders: {0} need you").replace("{0}", str(n)))
        self.setProperty("waiting", bool(n))
        self.style().unpolish(self)
        self.style().polish(self)

    def set_narrow(self, narrow: bool) -> None:
        if narrow != self.narrow:
            self.narrow = narrow
            self.setObjectName("clear" if narrow else "pickups")
            self.set_count(self.count)

    watching: QWidget | None = None

    def showEvent(self, e: Any) -> None:
        if self.watching is not self.window():
            self.watching = self.window()
            self.watching.installEventFilter(self)
            self.set_narrow(self.watching.width() < NARROW)
        super().showEvent(e)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is self.window() and e.type() == QEvent.Type.Resize:
            self.set_narrow(self.window().width() < NARROW)
        return False


class OrdersView(QWidget):
    look_up = Signal()
    waiting_changed = Signal(int)

    def __init__(self, device: Any, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        theme.styled(self, STYLE)
        self.device = device
        self.service: OrderService = device.orders
        self.session = session
        self.ops = ops
        self.list_: OrderList | None = None
        self.tab = "decide"
        self.current: ShipOrder | None = None
        self.carrier: str | None = None
        self.narrow = False
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 10, 12, 8)
        root.setSpacing(8)
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("‹ Look up"))
        self.back.clicked.connect(self._back)
        self.heading = _label(self.tr("Orders to deliver"), "title", False)
        top.addWidget(self.back)
        top.addWidget(self.heading, 1)
        root.addLayout(top)
        self.message = _label("", "notice")
        self.message.hide()
        root.addWidget(self.message)
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)

        # the list
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        self.tabs_grid = QGridLayout()
        self.tabs_grid.setSpacing(6)
        self.tab_buttons: dict[str, QPushButton] = {}
        for name, _words, _test in TABS:
            b = QPushButton()
            b.setObjectName("tab")
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.clicked.connect(lambda _=False, t=name: self.show_tab(t))
            self.tab_buttons[name] = b
        self.tab_buttons[self.tab].setChecked(True)
        self._place_tabs()
        lay.addLayout(self.tabs_grid)
        body = QWidget()
        self.rows = QVBoxLayout(body)
        self.rows.setContentsMargins(0, 4, 0, 4)
        self.rows.setSpacing(8)
        self.rows.addStretch(1)
        lay.addWidget(self._scroll(body), 1)
        self.pages.addWidget(page)
        self.list_page = page

        # one order
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        self.detail = QVBoxLayout(body)
        self.detail.setContentsMargins(0, 0, 4, 0)
        self.detail.setSpacing(6)
        lay.addWidget(self._scroll(body), 1)
        foot = QHBoxLayout()
        self.to_list = QPushButton(self.tr("‹ Orders"))
        self.to_list.clicked.connect(self.show_list)
        foot.addWidget(self.to_list)
        foot.addStretch(1)
        # the order's main action stays in sight however short the screen (Mark shipped)
        self.mark_shipped = QPushButton(self.tr("Mark shipped"))
        self.mark_shipped.setObjectName("primary")
        self.mark_shipped.clicked.connect(self.ship)
        self.mark_shipped.hide()
        foot.addWidget(self.mark_shipped)
        lay.addLayout(foot)
        self.pages.addWidget(page)
        self.order_page = page
        self._label_tabs()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(150)
        self.refresh_timer.timeout.connect(self.refresh)

    def _scroll(self, body: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.setObjectName("page")
        area.setWidget(body)
        return area

    def _place_tabs(self) -> None:
        g = self.tabs_grid
        for b in self.tab_buttons.values():
            g.removeWidget(b)
        per_row = 3 if self.narrow else len(TABS)
        for i, b in enumerate(self.tab_buttons.values()):
            g.addWidget(b, i // per_row, i % per_row)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        narrow = self.width() < NARROW
        if narrow != self.narrow:
            self.narrow = narrow
            self.back.setText(self.tr("‹") if narrow else self.tr("‹ Look up"))
            self._place_tabs()

    def _back(self) -> None:
        self.show_list()
        self.look_up.emit()

    def say(self, text: str, kind: str = "notice") -> None:
        if self.message.objectName() != kind:
            self.message.setObjectName(kind)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_problem(self, text: str) -> None:
        self.say(text, "error")

    # --- reading ------------------------------------------------------------------------------

    def watch(self, sync: Any) -> None:
        """Re-read on every change of the ship_orders stream and every sync status (a refusal
        arrives with the push)."""
        sync.changed.connect(self._changed)
        # A method, not a lambda: the bridge outlives this page (a new main window at each
        # sign-in), and only a receiver's own slot is disconnected when the page is deleted.
        sync.status.connect(self._status)
        self.refresh_timer.start()

    def _status(self, _status: Any) -> None:
        self.refresh_timer.start()

    def _changed(self, event: Changed) -> None:
        if getattr(event, "stream", None) in ("ship_orders", "delivery_options", None):
            self.refresh_timer.start()

    def refresh(self) -> None:
        service = self.service
        QueryOp(parent=self, op=service.orders, success=self.show_orders, kind="orders").failure(
            lambda _e: True
        ).run_in_background(self.ops)

    def count_of(self, tab: str) -> int:
        test = next(t for n, _w, t in TABS if n == tab)
        return sum(1 for o in (self.list_.orders if self.list_ else ()) if test(o))

    def _label_tabs(self) -> None:
        for name, words, _t in TABS:
            n = self.count_of(name)
            self.tab_buttons[name].setText(f"{self.tr(words)} {n}" if n else self.tr(words))

    def show_orders(self, orders: OrderList) -> None:
        self.list_ = orders
        self._label_tabs()
        self.waiting_changed.emit(sum(1 for o in orders.orders if _needs(o) or o.state == "refused"))  # once each
        if self.current is not None:
            fresh = next((o for o in orders.orders if _same(o, self.current)), None)
            if fresh is not None and self.pages.currentWidget() is self.order_page:
                self.show_order(fresh)
        self._fill_rows()

    def show_tab(self, tab: str) -> None:
        self.tab = tab
        self.tab_buttons[tab].setChecked(True)
        self._fill_rows()

    def _fill_rows(self) -> None:
        _clear(self.rows)
        test = next(t for n, _w, t in TABS if n == self.tab)
        now = datetime.now().astimezone()
        shown = [o for o in (self.list_.orders if self.list_ else ()) if test(o)]
        for o in reversed(shown):  # the newest first
            row = OrderRow(o, now, o.refund_text)
            row.clicked.connect(lambda _=False, order=o: self.show_order(order))
            self.rows.addWidget(row)
        if not shown:
            self.rows.addWidget(_label(self.tr("Nothing here."), "hint"))
        self.rows.addStretch(1)

    def show_list(self) -> None:
        self.current = None
        self.pages.setCurrentWidget(self.list_page)

    # --- one order ------------------------------------------------------------------------------

    def show_order(self, o: ShipOrder) -> None:
        self.current = o
        self.pages.setCurrentWidget(self.order_page)
        d = self.detail
        _clear(d)
        self.mark_shipped.hide()
        number = o.number or self.tr("not numbered yet")
        d.addWidget(_label(self.tr("Order {0} · {1}").replace("{0}", number).replace("{1}", o.customer), "title"))
        d.addWidget(_label(f"{STATE_WORDS.get(o.state, o.state)} → {o.destination}", "subtitle"))
        for x in o.lines:
            d.addWidget(_label(f"{x.quantity} × {x.name} ({x.sku})", "rowItems"))
        if o.receipt_no:
            d.addWidget(_label(self.tr("Paid with receipt {0}").replace("{0}", o.receipt_no), "hint"))
        if o.refused:
            d.addWidget(_label(self.tr("Central: {0}").replace("{0}", text_of(o.refused)), "rowRefused"))
        if o.pending:
            d.addWidget(_label(self.tr("Not sent to central yet: it goes with the next sync."), "hint"))
        if o.state == "to_confirm":
            d.addWidget(
                _label(
                    self.tr("Central has not confirmed this order yet (offline?): it finds the stock once it does."),
                    "notice",
                )
            )
        if o.tracking:
            d.addWidget(_label(self.tr("Shipped with {0}, tracking {1}").replace("{0}", str(o.carrier)).replace(
                "{1}", o.tracking), "subtitle"))  # fmt: skip
        if o.state == "unsourced" and o.sold_here and not o.pending:
            self._decide_part(o)
        if o.refund_due > 0 and o.sold_here and not o.pending:
            self._refund_part(o)
        if o.state == "sourced" and o.ship_here and not o.pending:
            self._ship_part(o)
        d.addStretch(1)

    def _decide_part(self, o: ShipOrder) -> None:
        d = self.detail
        d.addWidget(_label(self.tr("No location had the stock. What now?"), "section"))
        service = self.service
        box = QVBoxLayout()
        d.addLayout(box)

        def show_sources(sources: list[tuple[int, str, int]]) -> None:
            for loc, name, n in sources:
                b = QPushButton(
                    self.tr("Ship from {0} ({1} by this till's figures)").replace("{0}", name).replace("{1}", str(n))
                )
                b.setObjectName("choice")
                b.clicked.connect(lambda _=False, loc=loc: self.decide("source", loc))
                box.addWidget(b)
            if not sources:
                box.addWidget(_label(self.tr("No other location shows stock on this till either."), "hint"))

        QueryOp(parent=self, op=lambda: service.sources(o), success=show_sources, kind="sources").run_in_background(
            self.ops
        )
        wait = QPushButton(self.tr("Wait for stock (central tries again)"))
        wait.setObjectName("choice")
        wait.clicked.connect(lambda: self.decide("wait"))
        cancel = QPushButton(self.tr("Cancel and refund the customer"))
        cancel.setObjectName("choice")
        cancel.clicked.connect(lambda: self.decide("cancel"))
        d.addWidget(wait)
        d.addWidget(cancel)

    def _refund_part(self, o: ShipOrder) -> None:
        d = self.detail
        amount = o.refund_text
        d.addWidget(_label(self.tr("Owed to the customer: {0}").replace("{0}", amount), "section"))
        cash = QPushButton(self.tr("Refund {0} in cash").replace("{0}", amount))
        cash.setObjectName("primary")
        cash.clicked.connect(lambda: self.refund("cash"))
        card = QPushButton(self.tr("Refund {0} to the card").replace("{0}", amount))
        card.clicked.connect(lambda: self.refund("card"))
        row = QHBoxLayout() if not self.narrow else QVBoxLayout()
        row.addWidget(cash)
        row.addWidget(card)
        d.addLayout(row)

    def _ship_part(self, o: ShipOrder) -> None:
        d = self.detail
        d.addWidget(_label(self.tr("This store ships it: carrier and tracking number"), "section"))
        grid = QGridLayout()
        grid.setSpacing(6)
        self.carrier_buttons: dict[str, QPushButton] = {}
        country = self.list_.country if self.list_ else ""
        for i, (code, name) in enumerate(self.service.carriers(country)):
            b = QPushButton(name)
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.clicked.connect(lambda _=False, c=code: setattr(self, "carrier", c))
            self.carrier_buttons[code] = b
            grid.addWidget(b, i // 2, i % 2)
        d.addLayout(grid)
        self.tracking = QLineEdit()
        self.tracking.setObjectName("tracking")
        self.tracking.setPlaceholderText(self.tr("Tracking number"))
        self.tracking.setAccessibleName(self.tracking.placeholderText())
        self.tracking.setMaxLength(40)
        d.addWidget(self.tracking)
        self.mark_shipped.show()
        self.carrier = None

    # --- doing ----------------------------------------------------------------------------------

    def _done(self, text: str) -> Any:
        def done(_op_id: str) -> None:
            self.say(text)
            self.show_list()
            self.refresh()

        return done

    def decide(self, choice: str, location_id: int | None = None) -> None:
        o, service, session = self.current, self.service, self.session
        if o is None:
            return
        words = {
            "source": self.tr("Sent: central ships it from there."),
            "wait": self.tr("Sent: central tries again when stock comes in."),
            "cancel": self.tr("Cancelled: the refund shows here once central confirms it."),
        }[choice]
        CollectionOp(
            parent=self, op=lambda: service.decide(session, o, choice, location_id), success=self._done(words)
        ).run_in_background(self.ops)

    def refund(self, tender: str) -> None:
        o, service, session = self.current, self.service, self.session
        if o is None:
            return
        amount = o.refund_text
        words = (
            self.tr("Give the customer {0} from the drawer.")
            if tender == "cash"
            else self.tr("{0} went back to the card.")
        )
        CollectionOp(
            parent=self, op=lambda: service.refund(session, o, tender), success=self._done(words.replace("{0}", amount))
        ).run_in_background(self.ops)

    def ship(self) -> None:
        o, service, session = self.current, self.service, self.session
        if o is None:
            return
        if self.carrier is None:
            self.show_problem(self.tr("Choose the carrier the parcel left with."))
            return
        carrier, tracking = self.carrier, self.tracking.text()
        CollectionOp(
            parent=self,
            op=lambda: service.ship(session, o, carrier, tracking),
            success=self._done(self.tr("Shipped: central e-mails the customer the tracking link.")),
        ).run_in_background(self.ops)


def _same(a: ShipOrder, b: ShipOrder) -> bool:
    return (a.id is not None and a.id == b.id) or (a.order_ref == b.order_ref and a.id is None and b.id is None)


__all__ = ["OrdersButton", "OrdersView"]
