"""The pickup page (click-and-collect, docs/pickups.md): the store's pickup orders by state,
picking with a scan per unit, "Missing" per line, the shelf, Ready; the handover after the
customer's QR (checked offline by PickupService) or a search by order number and name with an
ID check, someone else collecting, some lines only. After picking, "Label" prints the bag label
(through the receipts spool; its QR opens the order when scanned here). An expired order waits
for "Back on the shelf" (central then frees its stock). A customer who checked in at the kiosk
is a banner above the tabs (and in the main window's header) and a line on their Ready row.

Three views on one page: the queue, an order being picked (or one already closed, read only),
and the handover. Every read and write goes through the operations bridge; what the service
refuses comes back as its one sentence in the page's message line."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
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
from pos_app.services.pickups import Pickup, PickupQueue, PickupService
from pos_app.services.sync import Changed, SyncStatus
from pos_app.ui import theme
from pos_app.ui.messages import error_text, text_of
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.widgets import NARROW

# (tab, states it lists): expired and cancelled share one tab (both are over, nothing to do).
TABS = (
    ("new", ("new",)),
    ("picking", ("picking",)),
    ("ready", ("ready",)),
    ("collected", ("collected",)),
    ("closed", ("expired", "cancelled")),
)

STYLE = """
QPushButton#pickupRow { min-height: 76px; text-align: left; padding: 6px 14px; }
QPushButton#pickupRow QLabel { background: transparent; }
QLabel#rowTitle { font-size: 19px; font-weight: 700; }
QLabel#rowAge { font-size: 16px; color: #52606D; font-weight: 600; }
QLabel#rowItems { font-size: 16px; color: #52606D; font-weight: 400; }
QLabel#rowRefused { font-size: 16px; color: #A61B1B; font-weight: 600; }
QLabel#rowAction { font-size: 16px; color: #8A4B00; font-weight: 700; }
QLabel#rowWaiting { font-size: 16px; color: #1F7A3D; font-weight: 700; }
QPushButton#waitingBanner { min-height: 56px; font-size: 19px; font-weight: 800; text-align: left;
                            padding: 6px 14px; background: #FFF4CC; color: #5C3D00; border: 2px solid #E0B000; }
QPushButton#tab { padding: 0 10px; font-size: 16px; }
QFrame#pickLine { background: white; border-radius: 10px; }
QLabel#pickCount { font-size: 24px; font-weight: 800; min-width: 70px; }
QLabel#pickCount[done="true"] { color: #1F7A3D; }
QLabel#verdictOk { color: #1F7A3D; font-size: 19px; font-weight: 700; background: #E3F4E8;
                    border-radius: 8px; padding: 10px 12px; }
QLabel#verdictNo { color: #A61B1B; font-size: 20px; font-weight: 700; background: #FBE4E4;
                    border-radius: 8px; padding: 12px 14px; }
QLabel#shelf { font-size: 22px; font-weight: 800; color: #102A43; }
QPushButton#handover { min-height: 72px; font-size: 24px; font-weight: 800; background: #1F7A3D; color: white;
                        border: none; }
QPushButton#handover:disabled { background: #9FB3C8; }
QPushButton#giveLine { text-align: left; padding: 0 14px; }
"""


def age_text(iso: str | None, now: datetime | None = None) -> str:
    """How long ago an order came in, as a person says it: "just now", "14 min", "3 h", "2 days"."""
    if not iso:
        return ""
    then = datetime.fromisoformat(iso)
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    minutes = int(((now or datetime.now(UTC)) - then).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"


def items_text(p: Pickup) -> str:
    units = sum(x.quantity for x in p.lines)
    first = p.lines[0].name if p.lines else ""
    more = f" + {len(p.lines) - 1} more" if len(p.lines) > 1 else ""
    return f"{units} item{'s' if units != 1 else ''}: {first}{more}"


def _clear(lay: Any) -> None:
    while lay.count():
        item = lay.takeAt(0)
        w = item.widget()
        if w is not None:
            w.hide()
            w.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


def _label(text: str, name: str, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


class PickupRow(QPushButton):
    """One order in the queue: number and name, its age, its items (and central's refusal)."""

    def __init__(self, p: Pickup, now: datetime, waiting: bool = False) -> None:
        super().__init__()
        self.setObjectName("pickupRow")
        self.pickup = p
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(f"Order {p.number}, {p.customer}")
        grid = QGridLayout(self)
        grid.setContentsMargins(14, 8, 14, 8)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        labels = [
            _label(f"{p.number} · {p.customer}", "rowTitle"),
            _label(age_text(p.created_at, now), "rowAge", False),
        ]
        extra = []
        if p.shelf and p.state in ("picking", "ready"):
            extra.append(f"shelf {p.shelf}")
        if p.pay_on_pickup:
            extra.append("pay on pickup")
        if p.state == "collected" and p.collected_at:
            extra.append(f"collected by {p.collected_by or 'the customer'} at {p.collected_device or '?'}")
        if p.pending:
            extra.append("not sent to central yet")
        labels.append(_label(" · ".join([items_text(p), *extra]), "rowItems"))
        grid.addWidget(labels[0], 0, 0)
        grid.addWidget(labels[1], 0, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(labels[2], 1, 0, 1, 2)
        row = 2
        if waiting:
            labels.append(_label(self.tr("● Customer waiting at the counter"), "rowWaiting"))
            grid.addWidget(labels[-1], row, 0, 1, 2)
            row += 1
        if p.needs_restock:
            where = self.tr(" from shelf {0}").replace("{0}", p.shelf) if p.shelf else ""
            labels.append(
                _label(self.tr("⟲ Put the bag back on the sales floor{0}").replace("{0}", where), "rowAction")
            )
            grid.addWidget(labels[-1], row, 0, 1, 2)
            row += 1
        if p.refused:
            labels.append(_label(self.tr("Central: {0}").replace("{0}", text_of(p.refused)), "rowRefused"))
            grid.addWidget(labels[-1], row, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        for label in labels:  # the row is one button: a tap anywhere on it
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:
        lay = self.layout()
        return lay.sizeHint().expandedTo(QSize(0, 76)) if lay else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        lay = self.layout()
        return lay.minimumSize().expandedTo(QSize(0, 76)) if lay else super().minimumSizeHint()


class PickupsButton(QPushButton):
    """The main window's way in: "Pickups 3" (new + ready waiting); a short "▤ 3" in the portrait
    header, which has no room for the word beside Sell, Shift, Settings and Sign out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickups")
        self.count = 0
        self.narrow = False
        self.setToolTip(self.tr("Pickups: click-and-collect orders to pick and hand over"))
        self.set_count(0)

    def set_count(self, n: int) -> None:
        self.count = n
        if self.narrow:
            self.setText(f"▤{n}" if n else "▤")
        else:
            self.setText(self.tr("Pickups {0}").replace("{0}", str(n)) if n else self.tr("Pickups"))
        self.setAccessibleName(self.tr("Pickups: {0} waiting").replace("{0}", str(n)))
        self.setProperty("waiting", bool(n))
        self.style().unpolish(self)
        self.style().polish(self)

    def set_narrow(self, narrow: bool) -> None:
        if narrow != self.narrow:
            self.narrow = narrow
            self.setObjectName("clear" if narrow else "pickups")  # portrait: a thumb-sized square, like ◷ and ⚙
            self.set_count(self.count)

    watching: QWidget | None = None

    def showEvent(self, e: Any) -> None:  # in its window by now: follow the window's width
        if self.watching is not self.window():
            self.watching = self.window()
            self.watching.installEventFilter(self)
            self.set_narrow(self.watching.width() < NARROW)
        super().showEvent(e)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is self.window() and e.type() == QEvent.Type.Resize:
            self.set_narrow(self.window().width() < NARROW)
        return False


@dataclass
class Handover:
    """What the handover view shows: the order (None when the code was refused), how it was
    found, and the verdict's sentence."""

    pickup: Pickup | None
    found_by: str  # "code" | "search"
    verdict: str
    money: str = ""
    locale: str = "en_US"  # the store's, for the amount of the lines given (a worker read it)


def waiting_text(numbers: list[str]) -> str:
    """The banner's sentence for customers who checked in at the kiosk."""
    if not numbers:
        return ""
    text = QCoreApplication.translate("Pickups", "Customer waiting for order {0} at the counter")
    more = QCoreApplication.translate("Pickups", " (+{0} more)") if len(numbers) > 1 else ""
    return text.replace("{0}", numbers[0]) + more.replace("{0}", str(len(numbers) - 1))


class PickupView(QWidget):
    look_up = Signal()  # "‹ Look up": back to the product screen
    waiting_changed = Signal(int)  # new + ready + bags to put back: the main window's count
    arrivals_changed = Signal(list)  # numbers of ready orders whose customer checked in at the kiosk
    take_payment = Signal(object)  # a pay-on-pickup order's PickupSale: to the sell screen's pay sheet

    def __init__(self, device: Any, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        theme.styled(self, STYLE)
        self.device = device
        self.service: PickupService = device.pickups
        self.session = session
        self.ops = ops
        self.queue: PickupQueue | None = None
        self.tab = "new"
        self.narrow = False
        self.current: Pickup | None = None  # the order open for picking (or read only)
        self.picked: dict[int, int] = {}
        self.missing: dict[int, int] = {}
        self.handing: Handover | None = None
        self.seen_refusals: set[tuple[int, str]] | None = None  # None until the first queue

        root = QVBoxLayout(self)
        root.setContentsMargins(12, 10, 12, 8)
        root.setSpacing(8)
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("‹ Look up"))
        self.back.clicked.connect(self._back)
        self.heading = _label(self.tr("Pickups"), "title", False)
        top.addWidget(self.back)
        top.addWidget(self.heading, 1)
        root.addLayout(top)
        self.message = _label("", "notice")
        self.message.hide()
        root.addWidget(self.message)
        self.pages = QStackedWidget()
        root.addWidget(self.pages, 1)
        self._queue_page()
        self._order_page()
        self._handover_page()
        self.refresh_timer = QTimer(self)  # many changes in a burst: one read
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(150)
        self.refresh_timer.timeout.connect(self.refresh)
        self.arrival_timer = QTimer(self)  # a check-in stops counting as waiting after a while
        self.arrival_timer.setInterval(60_000)
        self.arrival_timer.timeout.connect(self.refresh)
        self.arrival_timer.start()
        self.arrivals: list[str] = []
        self.waiting_list: tuple[Pickup, ...] = ()

    # --- building ---------------------------------------------------------------------------

    def _scroll(self, body: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.setObjectName("page")
        area.setWidget(body)
        return area

    def _queue_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        find = QGridLayout()
        find.setHorizontalSpacing(8)
        self.find_grid = find
        self.number = QLineEdit()
        self.number.setObjectName("pickupNumber")
        self.number.setPlaceholderText(self.tr("Order no."))
        self.number.setAccessibleName(self.number.placeholderText())
        self.number.setMaximumWidth(200)
        self.name = QLineEdit()
        self.name.setObjectName("pickupName")
        self.name.setPlaceholderText(self.tr("Customer's name"))
        self.name.setAccessibleName(self.name.placeholderText())
        self.name.setMinimumWidth(80)
        self.name.returnPressed.connect(self.find)
        self.number.returnPressed.connect(lambda: self.name.setFocus())
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.clicked.connect(self.find)
        find.addWidget(self.number, 0, 0)
        find.addWidget(self.name, 0, 1)
        find.addWidget(self.find_button, 0, 2)
        find.setColumnStretch(1, 1)
        lay.addLayout(find)
        self.waiting_banner = QPushButton()
        self.waiting_banner.setObjectName("waitingBanner")
        self.waiting_banner.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.waiting_banner.clicked.connect(self.open_waiting)
        self.waiting_banner.hide()
        lay.addWidget(self.waiting_banner)
        self.tabs_grid = QGridLayout()
        self.tabs_grid.setSpacing(6)
        self.tab_buttons: dict[str, QPushButton] = {}
        for name, _states in TABS:
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
        self.list = self._scroll(body)
        lay.addWidget(self.list, 1)
        self.pages.addWidget(page)
        self.queue_page = page
        self._label_tabs()

    def _order_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 4, 0)
        self.order_title = _label("", "title")
        self.order_sub = _label("", "subtitle")
        bl.addWidget(self.order_title)
        bl.addWidget(self.order_sub)
        self.lines_box = QVBoxLayout()
        self.lines_box.setSpacing(6)
        bl.addLayout(self.lines_box)
        shelf_row = QHBoxLayout()
        self.shelf_label = _label(self.tr("Shelf or bin"), "subtitle", False)
        self.shelf = QLineEdit()
        self.shelf.setObjectName("pickupShelf")
        self.shelf.setMaxLength(40)
        self.shelf.setPlaceholderText(self.tr("e.g. B-3"))
        self.shelf_label.setBuddy(self.shelf)
        shelf_row.addWidget(self.shelf_label)
        shelf_row.addWidget(self.shelf, 1)
        self.shelf_box = QWidget()
        self.shelf_box.setLayout(shelf_row)
        shelf_row.setContentsMargins(0, 6, 0, 0)
        bl.addWidget(self.shelf_box)
        self.history = _label("", "hint")
        bl.addWidget(self.history)
        bl.addStretch(1)
        lay.addWidget(self._scroll(body), 1)
        foot = QHBoxLayout()
        self.to_queue = QPushButton(self.tr("‹ Queue"))
        self.to_queue.clicked.connect(self._leave_order)
        self.save_pick = QPushButton(self.tr("Save, finish later"))
        self.save_pick.clicked.connect(lambda: self.save(ready=False))
        self.ready_button = QPushButton(self.tr("Ready"))
        self.ready_button.setObjectName("primary")
        self.ready_button.setToolTip(self.tr("The bag is on its shelf: central e-mails the customer their pickup code"))
        self.ready_button.clicked.connect(lambda: self.save(ready=True))
        self.label_button = QPushButton(self.tr("Label"))
        self.label_button.setObjectName("printLabel")
        self.label_button.setToolTip(self.tr("Print the bag label on this till's printer: number, name, shelf, QR"))
        self.label_button.clicked.connect(self.print_label)
        self.restock_button = QPushButton(self.tr("Back on the shelf"))
        self.restock_button.setObjectName("primary")
        self.restock_button.setToolTip(
            self.tr("The expired bag's items are back on the sales floor: central frees them")
        )
        self.restock_button.clicked.connect(self.restock)
        foot.addWidget(self.to_queue)
        foot.addStretch(1)
        foot.addWidget(self.label_button)
        foot.addWidget(self.save_pick)
        foot.addWidget(self.ready_button)
        foot.addWidget(self.restock_button)
        lay.addLayout(foot)
        self.pages.addWidget(page)
        self.order_view = page

    def _handover_page(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 4, 0)
        self.hand_title = _label("", "title")
        self.verdict = _label("", "verdictOk")
        self.hand_shelf = _label("", "shelf")
        bl.addWidget(self.hand_title)
        bl.addWidget(self.verdict)
        bl.addWidget(self.hand_shelf)
        self.id_checked = QPushButton(self.tr("ID checked"))
        self.id_checked.setCheckable(True)
        self.id_checked.setToolTip(self.tr("Found by number and name: look at the customer's ID first"))
        self.id_checked.toggled.connect(self._enable_handover)
        bl.addWidget(self.id_checked)
        self.pay_note = _label("", "notice")
        bl.addWidget(self.pay_note)
        self.give_box = QVBoxLayout()
        self.give_box.setSpacing(6)
        bl.addLayout(self.give_box)
        self.someone = QPushButton(self.tr("Someone else collects"))
        self.someone.setCheckable(True)
        self.someone.toggled.connect(self._someone_toggled)
        bl.addWidget(self.someone)
        self.collector = QLineEdit()
        self.collector.setObjectName("collectorName")
        self.collector.setPlaceholderText(self.tr("Name of the person collecting"))
        self.collector.setAccessibleName(self.collector.placeholderText())
        self.collector.setMaxLength(200)
        self.collector.textChanged.connect(self._enable_handover)
        self.collector.hide()
        bl.addWidget(self.collector)
        bl.addStretch(1)
        lay.addWidget(self._scroll(body), 1)
        foot = QHBoxLayout()
        self.hand_back = QPushButton(self.tr("‹ Queue"))
        self.hand_back.clicked.connect(self.show_queue)
        self.hand_over = QPushButton(self.tr("Hand over"))
        self.hand_over.setObjectName("handover")
        self.hand_over.clicked.connect(self.hand_over_now)
        self.hand_label = QPushButton(self.tr("Label"))
        self.hand_label.setToolTip(self.tr("Print the bag label again (a lost or torn one)"))
        self.hand_label.clicked.connect(self.print_handover_label)
        foot.addWidget(self.hand_back)
        foot.addWidget(self.hand_label)
        foot.addWidget(self.hand_over, 1)
        lay.addLayout(foot)
        self.pages.addWidget(page)
        self.handover_view = page

    # --- layout -----------------------------------------------------------------------------

    def _place_tabs(self) -> None:
        g = self.tabs_grid
        for b in self.tab_buttons.values():
            g.removeWidget(b)
        cols = 3 if self.narrow else 5
        for i, (name, _states) in enumerate(TABS):
            g.addWidget(self.tab_buttons[name], i // cols, i % cols)

    def resizeEvent(self, event: Any) -> None:
        narrow = self.width() < NARROW
        if narrow != self.narrow:
            self.narrow = narrow
            self._place_tabs()
            self._label_tabs()
            self.back.setText(self.tr("‹") if narrow else self.tr("‹ Look up"))
            self.back.setFixedWidth(theme.TOUCH) if narrow else self.back.setMaximumWidth(16777215)
            self.back.setAccessibleName(self.tr("Back to looking up products"))
            self.save_pick.setText(self.tr("Save") if narrow else self.tr("Save, finish later"))
            self._enable_handover()  # "Pay ¥…" or "Take payment ¥…"
            g = self.find_grid  # portrait: the name under the number and Find
            g.removeWidget(self.name)
            g.removeWidget(self.find_button)
            if narrow:
                g.addWidget(self.find_button, 0, 2)
                g.addWidget(self.name, 1, 0, 1, 3)
                self.number.setMaximumWidth(16777215)
            else:
                g.addWidget(self.name, 0, 1)
                g.addWidget(self.find_button, 0, 2)
                self.number.setMaximumWidth(200)
        super().resizeEvent(event)

    # --- messages ---------------------------------------------------------------------------

    def say(self, text: str, kind: str = "notice") -> None:
        if self.message.objectName() != kind:
            self.message.setObjectName(kind)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_problem(self, text: str) -> None:
        """Where the operations bridge puts a refusal of this page's work."""
        self.say(text, "error")

    # --- the queue --------------------------------------------------------------------------

    def watch(self, sync: Any) -> None:
        """Re-read when the `pickups` stream changes, and on each sync status (central's
        refusal of this till's handover comes with the push, before the stream's next row)."""
        sync.changed.connect(self._changed)
        sync.status.connect(self._status)
        self.refresh()

    def _changed(self, event: Changed) -> None:
        if event.stream == "pickups":
            self.refresh_timer.start()

    def _status(self, _status: SyncStatus) -> None:
        self.refresh_timer.start()

    def refresh(self) -> None:
        QueryOp(parent=self, op=self.service.queue, success=self.show_queue_data, kind="queue").run_in_background(
            self.ops
        )

    def show_queue_data(self, queue: PickupQueue) -> None:
        self.queue = queue
        self.waiting_changed.emit(queue.counts["new"] + queue.counts["ready"] + len(queue.to_restock))
        self.waiting_list = queue.waiting()
        arrivals = [p.number for p in self.waiting_list]
        self.waiting_banner.setText(waiting_text(arrivals))
        self.waiting_banner.setVisible(bool(arrivals))
        if arrivals != self.arrivals:
            self.arrivals = arrivals
            self.arrivals_changed.emit(arrivals)
        refusals = {(p.id, p.refused) for p in queue.pickups if p.refused}
        if self.seen_refusals is not None:
            for p in queue.pickups:
                if p.refused and (p.id, p.refused) not in self.seen_refusals:
                    self.say(p.refused, "error")  # "already collected at 14:02 by till till 1"
        self.seen_refusals = refusals
        self._label_tabs()
        self._fill_rows()
        if self.current is not None and self.pages.currentWidget() is self.order_view:
            fresh = next((p for p in queue.pickups if p.id == self.current.id), None)
            if fresh is not None and fresh.state != self.current.state and fresh.state not in ("new", "picking"):
                self.open_order(fresh)  # another till made it ready, or central cancelled it

    def _label_tabs(self) -> None:
        counts = self.queue.counts if self.queue else {}
        names = {
            "new": self.tr("New"),
            "picking": self.tr("Picking"),
            "ready": self.tr("Ready"),
            "collected": self.tr("Collected"),
            "closed": self.tr("Expired") if self.narrow else self.tr("Expired · cancelled"),
        }
        for name, states in TABS:
            n = sum(counts.get(s, 0) for s in states)
            self.tab_buttons[name].setText(f"{names[name]} {n}" if counts else names[name])

    def show_tab(self, tab: str) -> None:
        self.tab = tab
        self.tab_buttons[tab].setChecked(True)
        self._fill_rows()

    def _fill_rows(self) -> None:
        _clear(self.rows)
        states = dict(TABS)[self.tab]
        pickups = [p for p in (self.queue.pickups if self.queue else ()) if p.state in states]
        if self.tab in ("collected", "closed"):
            pickups.reverse()  # the latest first; the open ones oldest first (who waits longest)
        now = datetime.now(UTC)
        waiting = {p.id for p in (self.queue.waiting(now) if self.queue else ())}
        for p in pickups:
            row = PickupRow(p, now, p.id in waiting)
            row.clicked.connect(lambda _=False, x=p: self.open_pickup(x))
            self.rows.addWidget(row)
        if not pickups:
            empty = {
                "new": self.tr("No new pickup orders."),
                "picking": self.tr("No order is being picked."),
                "ready": self.tr("No order waits on the shelf."),
                "collected": self.tr("Nothing collected yet."),
                "closed": self.tr("No expired or cancelled orders."),
            }[self.tab]
            self.rows.addWidget(_label(empty, "hint"))
        self.rows.addStretch(1)

    def show_queue(self) -> None:
        self.current = None
        self.handing = None
        self.heading.setText(self.tr("Pickups"))
        self.pages.setCurrentWidget(self.queue_page)
        self.refresh()

    def open_waiting(self) -> None:
        """The banner tapped: the first waiting customer's order (its handover, ID check first)."""
        waiting = self.waiting_list
        if waiting:
            self.show_queue()
            self.show_tab("ready")
            self.open_pickup(waiting[0])

    def _back(self) -> None:
        if self.pages.currentWidget() is not self.queue_page:
            self.show_queue()
            self.say("")
            return
        self.look_up.emit()

    def open_pickup(self, p: Pickup) -> None:
        self.say("")
        if p.state == "ready":
            service, verdict = self.service, self._search_verdict()

            def op() -> Handover:
                fresh = service.get(p.id)
                return Handover(fresh, "search", verdict, service.money(fresh), service.locale())

            self._read_handover(op)
        else:
            self.open_order(p)

    def _search_verdict(self) -> str:
        return self.tr("Found by number and name: check the customer's ID, then tap “ID checked”.")

    # --- picking ----------------------------------------------------------------------------

    def open_order(self, p: Pickup) -> None:
        self.current = p
        self.picked = {x.line_no: x.picked for x in p.lines}
        self.missing = {x.line_no: x.missing for x in p.lines}
        picking = p.state in ("new", "picking")
        self.order_title.setText(self.tr("Order {0}").replace("{0}", f"{p.number} · {p.customer}"))
        age = age_text(p.created_at)
        sub = [self.tr("ordered just now") if age == "just now" else self.tr("ordered {0} ago").replace("{0}", age)]
        sub.append(self.tr("pay on pickup") if p.pay_on_pickup else self.tr("paid online"))
        if not picking:
            sub.insert(0, p.state)
        self.order_sub.setText(" · ".join(s for s in sub if s))
        self.shelf.setText(p.shelf)
        self.shelf_box.setVisible(picking)
        for w in (self.save_pick, self.ready_button):
            w.setVisible(picking)
        self.label_button.setVisible(picking or p.state == "ready")
        self.restock_button.setVisible(p.needs_restock)
        lines = []
        if p.needs_restock:
            lines.append(
                self.tr(
                    "Not collected in time. Put the bag's items back on the sales floor{0}, then tap “Back on the shelf”."
                ).replace("{0}", self.tr(" (shelf {0})").replace("{0}", p.shelf) if p.shelf else "")
            )
        elif p.state == "expired" and p.restocked_at:
            lines.append(self.tr("Back on the shelf; central freed its stock."))
        if p.state == "collected":
            lines.append(
                self.tr("Collected by {who} on {till}.")
                .replace("{who}", p.collected_by or self.tr("the customer"))
                .replace("{till}", p.collected_device or "?")
            )
        if p.refused:
            lines.append(self.tr("Central: {0}").replace("{0}", p.refused))
        self.history.setText("\n".join(lines))
        self.history.setVisible(bool(lines))
        self._fill_lines()
        self.heading.setText(self.tr("Picking") if picking else self.tr("Pickup"))
        self.pages.setCurrentWidget(self.order_view)
        if picking and not self.message.isVisible():
            self.say(self.tr("Scan each item as it goes into the bag."))

    def _fill_lines(self) -> None:
        p = self.current
        if p is None:
            return
        _clear(self.lines_box)
        picking = p.state in ("new", "picking")
        self.line_counts: dict[int, QLabel] = {}
        self.missing_buttons: dict[int, QPushButton] = {}
        for x in p.lines:
            row = QFrame()
            row.setObjectName("pickLine")
            rl = QHBoxLayout(row)
            rl.setContentsMargins(12, 6, 8, 6)
            words = _label(f"{x.name}\n{x.sku}", "lineInfo")
            got = self.picked.get(x.line_no, 0)
            gone = self.missing.get(x.line_no, 0)
            count = _label(f"{got} / {x.quantity}", "pickCount", False)
            count.setAlignment(Qt.AlignmentFlag.AlignCenter)
            count.setProperty("done", got + gone >= x.quantity)
            rl.addWidget(words, 1)
            rl.addWidget(count)
            self.line_counts[x.line_no] = count
            if picking:
                miss = QPushButton(self.tr("Missing {0}").replace("{0}", str(gone)) if gone else self.tr("Missing"))
                miss.setCheckable(True)
                miss.setChecked(bool(gone))
                miss.setEnabled(got < x.quantity or bool(gone))
                miss.setToolTip(self.tr("Not on the shelf: the units not scanned are missing"))
                miss.clicked.connect(lambda _=False, n=x.line_no: self.toggle_missing(n))
                rl.addWidget(miss)
                self.missing_buttons[x.line_no] = miss
            elif x.collected:
                rl.addWidget(_label(self.tr("{0} collected").replace("{0}", str(x.collected)), "hint", False))
            self.lines_box.addWidget(row)

    def toggle_missing(self, line_no: int) -> None:
        p = self.current
        if p is None:
            return
        line = next(x for x in p.lines if x.line_no == line_no)
        if self.missing.get(line_no, 0):
            self.missing[line_no] = 0
        else:
            self.missing[line_no] = line.quantity - self.picked.get(line_no, 0)
        self.say("")
        self._fill_lines()

    def scanned(self, code: str) -> None:
        """A scanner burst while this page is shown: an item for the order being picked, or a
        customer's pickup code (anywhere on the page)."""
        if PickupService.is_code(code):
            self.handle_code(code)
            return
        if PickupService.is_label(code):
            self.handle_label(code)
            return
        p = self.current
        if p is None or self.pages.currentWidget() is not self.order_view or p.state not in ("new", "picking"):
            self.say(self.tr("Open an order to pick first, then scan its items."), "error")
            return
        # Counted against the whole quantity: a unit marked missing that turns up after all
        # takes its place back (see _scanned_line); one more than ordered is refused.
        pickup = p
        loose = replace(p, lines=tuple(replace(x, missing=0) for x in p.lines))
        picked, service = dict(self.picked), self.service
        QueryOp(
            parent=self,
            op=lambda: service.scan_item(loose, code, picked),
            success=lambda n: self._scanned_line(pickup, n),
            kind="pickscan",
        ).run_in_background(self.ops)

    def _scanned_line(self, pickup: Pickup, line_no: int) -> None:
        if self.current is None or self.current.id != pickup.id:
            return
        line = next(x for x in pickup.lines if x.line_no == line_no)
        self.picked[line_no] = self.picked.get(line_no, 0) + 1
        over = self.picked[line_no] + self.missing.get(line_no, 0) - line.quantity
        if over > 0:  # found after "missing": fewer missing
            self.missing[line_no] = max(0, self.missing.get(line_no, 0) - over)
        self.say(
            self.tr("✓ {name}: {got} of {qty}")
            .replace("{name}", line.name)
            .replace("{got}", str(self.picked[line_no]))
            .replace("{qty}", str(line.quantity))
        )
        self._fill_lines()

    def save(self, ready: bool) -> None:
        p = self.current
        if p is None:
            return
        picked, missing, shelf = dict(self.picked), dict(self.missing), self.shelf.text()
        service, staff = self.service, self.session.staff.id
        if ready and not shelf.strip():
            self.say(self.tr("Type the shelf or bin the bag goes to, then tap Ready."), "error")
            self.shelf.setFocus()
            return

        def op() -> Pickup:
            service.pick(p, picked, missing, shelf, staff)
            fresh = service.get(p.id)
            if ready:
                service.ready(fresh, staff)
                fresh = service.get(p.id)
            return fresh

        def done(fresh: Pickup) -> None:
            if ready:
                text = self.tr("Order {0} is ready on shelf {1}: central e-mails the customer their pickup code.")
            else:
                text = self.tr("Order {0} saved on shelf {1}; finish picking later.")
            self.show_queue()
            self.show_tab("ready" if ready else "picking")
            self.say(text.replace("{0}", fresh.number).replace("{1}", fresh.shelf or "—"))

        for b in (self.ready_button, self.save_pick):
            b.setEnabled(False)

        def failed(_e: BaseException) -> bool:
            for b in (self.ready_button, self.save_pick):
                b.setEnabled(True)
            return False

        CollectionOp(parent=self, op=op, success=done).failure(failed).run_in_background(self.ops)

    def print_label(self) -> None:
        """One tap: the bag label on this till's printer, through the receipts spool (a printer
        that is away keeps it waiting; nothing blocks)."""
        p = self.current
        if p is None:
            return
        picked, missing = dict(self.picked), dict(self.missing)
        bag = replace(
            p,
            lines=tuple(
                replace(x, picked=picked.get(x.line_no, x.picked), missing=missing.get(x.line_no, x.missing))
                for x in p.lines
            ),
        )
        self._print_label(bag, self.shelf.text())

    def print_handover_label(self) -> None:
        """A ready bag's label again, from its handover (the one on the bag was lost or torn)."""
        if self.handing is not None and self.handing.pickup is not None:
            self._print_label(self.handing.pickup, self.handing.pickup.shelf)

    def _print_label(self, bag: Pickup, shelf: str) -> None:
        p = bag
        service, spool = self.service, self.device.receipts

        def done(outcome: Any) -> None:
            if outcome.printed:
                self.say(self.tr("Bag label for order {0} printed.").replace("{0}", p.number))
            else:
                self.say(
                    self.tr(
                        "The bag label for order {0} waits for the printer ({1}); it prints when the printer is back."
                    )
                    .replace("{0}", p.number)
                    .replace("{1}", str(outcome.problem or "?").removeprefix("printer.").replace("_", " ")),
                    "error",
                )

        CollectionOp(parent=self, op=lambda: service.print_label(bag, spool, shelf), success=done).run_in_background(
            self.ops
        )

    def restock(self) -> None:
        p = self.current
        if p is None:
            return
        service, staff = self.service, self.session.staff.id
        self.restock_button.setEnabled(False)

        def done(_op: str) -> None:
            self.restock_button.setEnabled(True)
            self.show_queue()
            self.show_tab("closed")
            self.say(self.tr("Order {0} is back on the shelf: central frees its stock.").replace("{0}", p.number))

        def failed(_e: BaseException) -> bool:
            self.restock_button.setEnabled(True)
            return False

        CollectionOp(parent=self, op=lambda: service.restock(p, staff), success=done).failure(failed).run_in_background(
            self.ops
        )

    def handle_label(self, code: str) -> None:
        """A bag label scanned here: its order opens (picking, or the handover with an ID check:
        a label is not the customer's code)."""
        service = self.service
        self.say("")
        QueryOp(
            parent=self, op=lambda: service.from_label(code), success=self.open_pickup, kind="label"
        ).run_in_background(self.ops)

    def _leave_order(self) -> None:
        self.say("")
        self.show_queue()

    # --- handover ---------------------------------------------------------------------------

    def handle_code(self, code: str) -> None:
        """A customer's pickup code, checked offline by the service: the handover, or the
        reason it is refused."""
        service = self.service
        genuine = self.tr("✓ Genuine pickup code for this store")
        valid = self.tr(", valid until {0}")

        def op() -> Handover:
            try:
                p = service.verify_code(code)
            except Exception as e:
                from pos_app.ui.operations import is_for_people

                if is_for_people(e):
                    return Handover(None, "code", error_text(e))
                raise
            until = service.local_day_time(p.expires_at)
            verdict = genuine + (valid.replace("{0}", until) if until else "") + "."
            return Handover(p, "code", verdict, service.money(p), service.locale())

        self.say("")
        self._read_handover(op)

    def _read_handover(self, op: Any) -> None:
        QueryOp(parent=self, op=op, success=self.show_handover, kind="handover").run_in_background(self.ops)

    def show_handover(self, h: Handover) -> None:
        self.handing = h
        self.current = None
        self.heading.setText(self.tr("Handover"))
        p = h.pickup
        ok = p is not None
        self.verdict.setObjectName("verdictOk" if ok else "verdictNo")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.verdict.setText(h.verdict)
        for w in (self.hand_shelf, self.someone, self.hand_over, self.hand_label):
            w.setVisible(ok)
        _clear(self.give_box)
        self.give_buttons: dict[int, tuple[QPushButton, int]] = {}
        self.someone.setChecked(False)
        self.collector.clear()
        self.collector.hide()
        self.id_checked.setChecked(False)
        if p is None:
            self.hand_title.setText(self.tr("Pickup code refused"))
            for w in (self.id_checked, self.pay_note):
                w.hide()
            self.hand_back.setText(self.tr("‹ Queue — find by number and name"))
            self.pages.setCurrentWidget(self.handover_view)
            return
        self.hand_back.setText(self.tr("‹ Queue"))
        self.hand_title.setText(self.tr("Order {0}").replace("{0}", f"{p.number} · {p.customer}"))
        self.hand_shelf.setText(
            self.tr("On shelf {0}").replace("{0}", p.shelf) if p.shelf else self.tr("Shelf not recorded")
        )
        self.id_checked.setVisible(h.found_by == "search")
        self.pay_note.setVisible(p.pay_on_pickup)
        if p.pay_on_pickup:
            self.pay_note.setText(
                self.tr(
                    "Pay on pickup: {0}. “Take payment” rings the items up on the sell screen; the bag is "
                    "handed over when the sale is paid (cash, card or both)."
                ).replace("{0}", h.money)
            )
        for x in p.lines:
            if not x.picked:
                continue
            b = QPushButton(f"✓ {x.picked} × {x.name}")
            b.setObjectName("giveLine")
            b.setCheckable(True)
            b.setChecked(True)
            b.setToolTip(self.tr("Tap to keep this line back (the customer takes the rest)"))
            b.toggled.connect(lambda on, btn=b, line=x: self._line_toggled(btn, line.picked, line.name, on))
            self.give_box.addWidget(b)
            self.give_buttons[x.line_no] = (b, x.picked)
        if any(x.missing for x in p.lines):
            gone = ", ".join(f"{x.missing} × {x.name}" for x in p.lines if x.missing)
            self.give_box.addWidget(_label(self.tr("Missing (not in the bag): {0}").replace("{0}", gone), "hint"))
        self._enable_handover()
        self.pages.setCurrentWidget(self.handover_view)

    def _line_toggled(self, b: QPushButton, qty: int, name: str, on: bool) -> None:
        b.setText(
            f"✓ {qty} × {name}" if on else self.tr("Kept back: {0} × {1}").replace("{0}", str(qty)).replace("{1}", name)
        )
        self._enable_handover()

    def _someone_toggled(self, on: bool) -> None:
        self.collector.setVisible(on)
        if on:
            self.collector.setFocus()
        self._enable_handover()

    def _enable_handover(self, *_: Any) -> None:
        h = self.handing
        if h is None or h.pickup is None:
            return
        ok = any(b.isChecked() for b, _q in self.give_buttons.values())
        if h.found_by == "search" and not self.id_checked.isChecked():
            ok = False
        if self.someone.isChecked() and not self.collector.text().strip():
            ok = False
        self.hand_over.setEnabled(ok)
        if h.pickup.pay_on_pickup:  # the lines kept back are not paid for
            by_no = {x.line_no: x for x in h.pickup.lines}
            due = sum(by_no[n].unit_price * q for n, (b, q) in self.give_buttons.items() if b.isChecked())
            words = self.tr("Pay {0}") if self.narrow else self.tr("Take payment {0}")  # portrait: it fits
            self.hand_over.setText(words.replace("{0}", self._money(due, h)))
        else:
            self.hand_over.setText(self.tr("Hand over"))

    @staticmethod
    def _money(minor: int, h: Handover) -> str:
        """An amount like the order's total (`h.money`, formatted by the service on a worker)."""
        from pos_app.core.money import Money, format_money

        p = h.pickup
        assert p is not None
        return h.money if minor == p.total else format_money(Money(minor, p.currency), h.locale)

    def hand_over_now(self) -> None:
        h = self.handing
        if h is None or h.pickup is None:
            return
        p = h.pickup
        lines = {n: q for n, (b, q) in self.give_buttons.items() if b.isChecked()}
        everything = len(lines) == len(self.give_buttons)
        collector = self.collector.text().strip() if self.someone.isChecked() else ""
        id_checked = self.id_checked.isChecked() or h.found_by == "code"
        service, staff = self.service, self.session.staff.id
        if p.pay_on_pickup:  # the money first, through the normal checkout; its sale hands the bag over

            def for_payment() -> Any:
                return service.for_payment(
                    p,
                    staff_id=staff,
                    found_by=h.found_by,
                    collector_name=collector,
                    lines=lines,
                    id_checked=id_checked,
                )

            self.hand_over.setEnabled(False)
            CollectionOp(parent=self, op=for_payment, success=self._to_payment).failure(
                self._handover_failed
            ).run_in_background(self.ops)
            return

        def op() -> str:
            return service.handover(
                p,
                staff_id=staff,
                found_by=h.found_by,
                collector_name=collector,
                lines=None if everything else lines,
                id_checked=id_checked,
            )

        def done(_op_id: str) -> None:
            who = collector or p.customer
            self.show_queue()
            self.show_tab("collected")
            self.say(self.tr("Handed over: order {0} to {1}.").replace("{0}", p.number).replace("{1}", who))

        self.hand_over.setEnabled(False)
        CollectionOp(parent=self, op=op, success=done).failure(self._handover_failed).run_in_background(self.ops)

    def _to_payment(self, sale: Any) -> None:
        self._enable_handover()
        self.take_payment.emit(sale)

    def paid_and_handed_over(self, sale: Any, done: Any) -> None:
        """The sell screen's sale that collected a pickup is complete: its handover is written."""
        who = sale.collector_name or sale.customer
        self.show_queue()
        self.show_tab("collected")
        self.say(
            self.tr("Paid and handed over: order {0} to {1} (receipt {2}).")
            .replace("{0}", sale.number)
            .replace("{1}", who)
            .replace("{2}", done.receipt_no)
        )

    def _handover_failed(self, _error: BaseException) -> bool:
        self._enable_handover()
        return False  # the bridge shows the service's sentence (collected meanwhile, …)

    def find(self) -> None:
        number, name = self.number.text(), self.name.text()
        if not number.strip() or not name.strip():
            self.say(self.tr("Type the order number and the customer's name."), "error")
            return
        service, verdict = self.service, self._search_verdict()
        self.say("")

        def op() -> Handover:
            p = service.find(number, name)
            return Handover(p, "search", verdict, service.money(p), service.locale())

        self._read_handover(op)


__all__ = ["PickupRow", "PickupView", "PickupsButton", "age_text", "items_text", "waiting_text"]
