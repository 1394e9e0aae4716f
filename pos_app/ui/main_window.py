"""The main window: search, product view with the size × colour matrix, stock elsewhere,
stock corrections, and a status bar that always says how fresh the data is.

Everything that reads or writes goes through the operations bridge (QueryOp / CollectionOp);
nothing here touches the disk, the keyring or the network on the UI thread.

Sizes: at 1280×800 and 853×533 the results list and the product sit side by side and the product
scrolls when it is taller than the screen; narrower than NARROW (portrait 533×853) there is one
column: the results, or — once a product is open — the product with a "‹ Results" button."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.auth import Permission
from pos_app.core.stock import Level, as_of_text, level
from pos_app.services.auth import Session
from pos_app.services.lookup import ProductView, ScanResult
from pos_app.services.sync import Changed, Progress, SyncStatus
from pos_app.ui import theme
from pos_app.ui.bridge import SyncBridge
from pos_app.ui.dialogs import CorrectionDialog, ProblemsDialog
from pos_app.ui.language_view import open_language
from pos_app.ui.messages import stream_word, words
from pos_app.ui.models import PAGE, THUMB, ResultDelegate, StyleResultsModel, picture_key
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.orders_view import OrdersButton, OrdersView
from pos_app.ui.pickup_view import PickupsButton, PickupView, waiting_text
from pos_app.ui.pictures import LOADING, Pictures, paint_picture
from pos_app.ui.returns_view import ReturnsView
from pos_app.ui.sell_view import CustomerDisplay, SellView
from pos_app.ui.settings_view import open_settings
from pos_app.ui.shift_view import open_shift
from pos_app.ui.widgets import NARROW, StatusBar, hhmm, role_word

log = logging.getLogger("aisle.ui")

LEVEL_COLOUR = {Level.OUT: theme.OUT, Level.LOW: theme.LOW, Level.OK: theme.OK}
BARCODE_LENGTHS = (8, 12, 13, 14)
LOW_MARK = "▼"
OUT_MARK = "✕"
PICTURE = 132  # the product's picture (pixels, square)


def looks_like_barcode(text: str) -> bool:
    compact = text.strip().replace(" ", "")
    return compact.isdigit() and len(compact) in BARCODE_LENGTHS


class MatrixCellDelegate(QStyledItemDelegate):
    """The chosen cell keeps its stock colour (out / low / pending) and gets a thick frame;
    a plain selection would paint over exactly the colour the person is looking at."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
        if selected:
            plain.font.setBold(True)
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            pen = QPen(theme.ACCENT, 4)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(2, 2, -2, -2))
            painter.restore()


class FitTable(QTableWidget):
    """A table as tall as all its rows: the page around it scrolls, never the table itself, so
    no row is ever half hidden (the matrix shrank to half a row at 853×533)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCornerButtonEnabled(False)  # "select all" means nothing here

    def fit(self) -> None:
        h = self.horizontalHeader().height() if not self.horizontalHeader().isHidden() else 0
        h += sum(self.rowHeight(r) for r in range(self.rowCount())) + 2 * self.frameWidth() + 2
        self.setFixedHeight(h)


class MainWindow(QMainWindow):
    # This person chose another language (LanguageSheet): the shell makes the window again in it.
    language_chosen = Signal(str)

    def __init__(self, device: Any, session: Session, ops: Ops, sync: SyncBridge) -> None:
        super().__init__()
        self.device = device
        self.session = session
        self.ops = ops
        self.view: ProductView | None = None
        self.focus_variant: int | None = None
        self.correction: CorrectionDialog | None = None  # open while a correction is being made
        self.problems_sheet: ProblemsDialog | None = None
        self.tz: Any = None
        self.status: SyncStatus = device.engine.status  # in memory: no disk
        self.narrow = False
        self.setWindowTitle(self.tr("Aisle — {store}").replace("{store}", device.identity.store_name))
        self.resize(1280, 800)
        # Explicit: the wide layout's minimum must not clamp a resize to portrait (533) before
        # resizeEvent switches to the one-column layout, which fits.
        self.setMinimumSize(360, 360)

        page = QWidget()
        page.setObjectName("page")
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.lookup_page = QWidget()
        self.lookup_page.setObjectName("page")
        root = QVBoxLayout(self.lookup_page)
        root.setContentsMargins(12, 10, 12, 8)
        root.setSpacing(8)
        header = QHBoxLayout()
        header.setSpacing(4)
        self.back = QPushButton(self.tr("‹ Results"))
        self.back.clicked.connect(self._back_to_results)
        self.back.hide()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search name, SKU or barcode — or scan"))
        self.search.setAccessibleName(self.search.placeholderText())
        self.search.setMinimumWidth(60)  # portrait: the field gives way to ‹, ✕, Sell and Sign out
        self.search.textChanged.connect(self._schedule_search)
        self.search.returnPressed.connect(self._search_now)
        self.clear = QPushButton("✕")  # thumb-sized, not Qt's 16-pixel clear icon
        self.clear.setObjectName("clear")
        self.clear.setToolTip(self.tr("Clear the search"))
        self.clear.setAccessibleName(self.tr("Clear the search"))
        self.clear.clicked.connect(self._clear_search)
        self.clear.hide()
        # Below 1000 px wide the name alone (the role in its tooltip): the header's buttons need the room.
        self.who_text = (f"{session.staff.name} · {role_word(session.staff.role)}", session.staff.name)
        self.who = QLabel(self.who_text[0])
        self.who.setToolTip(self.who_text[0])
        self.who.setObjectName("subtitle")
        self.sign_out = QPushButton(self.tr("Sign out"))
        self.sell_button = QPushButton(self.tr("Sell"))  # the sell screen (pos_app/ui/sell_view.py)
        self.sell_button.setObjectName("primary")
        self.sell_button.clicked.connect(self.show_sell)
        # The till's printer and card terminal, after a supervisor's PIN (pos_app/ui/settings_view.py).
        self.settings_button = QPushButton("⚙")
        self.settings_button.setObjectName("clear")  # thumb-sized square, like ✕
        self.settings_button.setToolTip(self.tr("Settings: printer and card terminal"))
        self.settings_button.setAccessibleName(self.tr("Settings"))
        self.settings_button.clicked.connect(lambda: open_settings(self.centralWidget(), device, session, ops))
        # The language of this person's screens (pos_app/ui/language_view.py): no PIN, their own.
        self.language_button = QPushButton("文A")
        self.language_button.setObjectName("clear")  # thumb-sized square, like ⚙
        self.language_button.setToolTip(self.tr("Language of your screens"))
        self.language_button.setAccessibleName(self.tr("Language"))
        self.language_button.clicked.connect(self.open_language)
        # The till's shift: float, cash in/out, X report, count and Z report (pos_app/ui/shift_view.py).
        self.shift_button = QPushButton("◷")
        self.shift_button.setObjectName("clear")  # thumb-sized square: the portrait header has no room for a word
        self.shift_button.setToolTip(self.tr("Shift: float, cash in and out, X and Z reports"))
        self.shift_button.setAccessibleName(self.tr("Shift"))
        self.shift_button.clicked.connect(lambda: open_shift(self.centralWidget(), device, session, ops))
        header.addWidget(self.back)
        header.addWidget(self.search, 1)
        header.addWidget(self.clear)
        header.addWidget(self.sell_button)
        # Click-and-collect: the queue, picking, handover (pos_app/ui/pickup_view.py); new + ready count.
        self.pickups_button = PickupsButton()
        self.pickups_button.clicked.connect(self.show_pickups)
        header.addWidget(self.pickups_button)
        # Endless aisle: ship orders to decide, ship or refund (pos_app/ui/orders_view.py).
        self.orders_button = OrdersButton()
        self.orders_button.clicked.connect(self.show_orders)
        header.addWidget(self.orders_button)
        header.addWidget(self.who)
        # Returns: a return code, a receipt, grading and the refund (pos_app/ui/returns_view.py).
        self.returns_button = QPushButton("↩")
        self.returns_button.setObjectName("clear")  # thumb-sized square, like the shift's
        self.returns_button.setToolTip(self.tr("Returns: scan a return code or receipt"))
        self.returns_button.setAccessibleName(self.tr("Returns"))
        self.returns_button.clicked.connect(self.show_returns)
        header.addWidget(self.returns_button)
        header.addWidget(self.shift_button)
        header.addWidget(self.settings_button)
        header.addWidget(self.language_button)
        header.addWidget(self.sign_out)
        # Portrait: Shift, Settings and Sign out fold into one "⋯" menu, so search, Sell and
        # Pickups keep their room (eight buttons do not fit 509 px with their words).
        self.more_button = QPushButton("⋯")
        self.more_button.setObjectName("clear")
        self.more_button.setAccessibleName(self.tr("More: shift, settings, language, sign out"))
        more = QMenu(self.more_button)
        more.addAction(self.tr("Returns"), self.returns_button.click)
        more.addAction(self.tr("Shift"), self.shift_button.click)
        more.addAction(self.tr("Settings"), self.settings_button.click)
        more.addAction(self.tr("Language"), self.language_button.click)
        more.addSeparator()
        more.addAction(self.tr("Sign out"), self.sign_out.click)
        self.more_menu = more
        self.more_button.clicked.connect(
            lambda: more.popup(self.more_button.mapToGlobal(self.more_button.rect().bottomLeft()))
        )
        self.more_button.hide()
        header.addWidget(self.more_button)
        root.addLayout(header)
        # A customer checked in at the pickup kiosk: said above every screen until handed over.
        self.waiting_banner = QPushButton("")
        self.waiting_banner.setObjectName("waitingBanner")
        theme.styled(
            self.waiting_banner,
            "QPushButton#waitingBanner { min-height: 48px; font-size: 18px; font-weight: 800; text-align: left;"
            " padding: 4px 12px; margin: 6px 12px 0 12px; background: #FFF4CC; color: #5C3D00;"
            " border: 2px solid #E0B000; }",
        )
        self.waiting_banner.clicked.connect(self._open_waiting)
        self.waiting_banner.hide()
        outer.addWidget(self.waiting_banner)  # above every page of the stack
        self.message = QLabel("")
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        self.message.hide()
        root.addWidget(self.message)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.results = StyleResultsModel(self._fetch_more, parent=self)

        # Pictures in memory, loaded on a worker: the rows' thumbnails and the product's picture.
        def fetch(style: str, colour: str) -> bytes | None:  # on a worker
            data: bytes | None = device.images.get(style, colour)
            return data

        self.thumbs = Pictures(fetch, ops, THUMB, parent=self)
        self.thumbs.ready.connect(lambda _key: self.list.viewport().update())
        self.pictures = Pictures(fetch, ops, PICTURE, parent=self, capacity=24, parallel=1)
        self.pictures.ready.connect(self._picture_ready)
        self.results_box = QWidget()
        box = QVBoxLayout(self.results_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        self.note = QLabel("")  # "Showing results for “linen”": plain words, not a warning
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.note.hide()
        box.addWidget(self.note)
        self.list = QListView()
        self.list.setAccessibleName(self.tr("Results"))
        self.list.setModel(self.results)
        self.list.setItemDelegate(ResultDelegate(self.list, self.thumbs))
        self.list.setUniformItemSizes(True)
        self.list.setMinimumWidth(260)
        box.addWidget(self.list, 1)
        self.thumb_timer = QTimer(self)  # the rows in view, a moment after scrolling stops
        self.thumb_timer.setSingleShot(True)
        self.thumb_timer.setInterval(40)
        self.thumb_timer.timeout.connect(self._want_thumbs)
        self.list.verticalScrollBar().valueChanged.connect(self.thumb_timer.start)
        self.results.modelReset.connect(self.thumb_timer.start)
        self.results.rowsInserted.connect(self.thumb_timer.start)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.clicked.connect(self._open_index)
        self.list.activated.connect(self._open_index)
        self.split.addWidget(self.results_box)
        self.product = QScrollArea()
        self.product.setObjectName("productScroll")
        self.product.setWidgetResizable(True)
        self.product.setFrameShape(QFrame.Shape.NoFrame)
        self.product.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.product.setWidget(self._product_panel())
        self.split.addWidget(self.product)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([420, 860])
        root.addWidget(self.split, 1)
        self.sell = SellView(device, session, ops)
        self.sell.look_up.connect(self.show_lookup)
        self.customer: CustomerDisplay | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.lookup_page)
        self.stack.addWidget(self.sell)
        self.pickup = PickupView(device, session, ops)
        self.pickup.look_up.connect(self.show_lookup)
        self.pickup.waiting_changed.connect(self.pickups_button.set_count)
        self.arrivals: list[str] = []
        self.pickup.arrivals_changed.connect(self._arrivals)
        self.stack.currentChanged.connect(lambda _i: self._arrivals())
        self.stack.addWidget(self.pickup)
        self.pickup.watch(sync)
        # A pay-on-pickup order: "Take payment" rings it up on the sell screen's pay sheet; the
        # sale's completion hands it over (docs/pickups.md "Paying at the till").
        self.pickup.take_payment.connect(self._pay_pickup)
        self.sell.pickup_paid.connect(self._pickup_paid)
        self.orders_page = OrdersView(device, session, ops)
        self.orders_page.look_up.connect(self.show_lookup)
        self.orders_page.waiting_changed.connect(self.orders_button.set_count)
        self.stack.addWidget(self.orders_page)
        self.orders_page.watch(sync)
        self.returns_page = ReturnsView(device, session, ops)
        self.returns_page.look_up.connect(self.show_lookup)
        self.returns_page.exchange.connect(self._exchange)
        self.stack.addWidget(self.returns_page)
        outer.addWidget(self.stack, 1)

        self.bar = StatusBar()
        self.bar.queue_clicked.connect(self._show_problems)
        self.bar.problems_clicked.connect(self._show_problems)
        self.net, self.pending, self.problems = self.bar.net, self.bar.pending, self.bar.problems
        outer.addWidget(self.bar)
        self.setCentralWidget(page)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(120)
        self.search_timer.timeout.connect(self._search_now)
        self.clock = QTimer(self)
        self.clock.timeout.connect(lambda: self.show_status(self.status))
        self.clock.start(30000)
        sync.status.connect(self.show_status)
        sync.changed.connect(self._data_changed)
        sync.changed.connect(self.sell.balances_changed)  # the attached customer's points (docs/loyalty.md)
        sync.progress.connect(self._progress)
        self.show_status(self.status)
        QueryOp(parent=self, op=self._read_home, success=self._home_read, kind="home").run_in_background(self.ops)
        self.search.setFocus()

    # --- layout ------------------------------------------------------------------------------

    def _product_panel(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("page")
        lay = QVBoxLayout(panel)
        lay.setContentsMargins(12, 0, 4, 8)
        self.panel_layout = lay
        self.picture = QLabel()
        self.picture.setObjectName("picture")
        self.picture.setFixedSize(PICTURE, PICTURE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.hide()
        self.picture_key: tuple[str, str] | None = None
        self.title = QLabel(self.tr("Search or scan an item"))
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.latin = QLabel("")  # the Latin name under the local (Japanese) one
        self.latin.setObjectName("latin")
        self.latin.setWordWrap(True)
        self.latin.hide()
        self.subtitle = QLabel(self.tr("Stock here, in nearby stores and in the warehouse shows up here."))
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setWordWrap(True)
        self.price = QLabel("")
        self.price.setObjectName("price")
        self.price.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.price.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.latin)
        heading.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)
        top.addWidget(self.price, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)
        self.matrix = FitTable()
        self.matrix.setObjectName("matrix")
        self.matrix.setItemDelegate(MatrixCellDelegate(self.matrix))
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix.verticalHeader().setDefaultSectionSize(theme.TOUCH)
        self.matrix.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.matrix.horizontalHeader().setMinimumSectionSize(40)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix.cellClicked.connect(self._cell_clicked)
        self.matrix.cellActivated.connect(self._cell_clicked)  # Enter on the cell the arrows reached
        self.matrix.setAccessibleName(self.tr("Stock by colour and size"))
        self.matrix.hide()
        lay.addWidget(self.matrix)
        # Low and out are said in marks too, not by colour alone (docs/accessibility.md).
        self.legend = QLabel(
            self.tr("{low} low · {out} out · * includes a correction not yet confirmed")
            .replace("{low}", LOW_MARK)
            .replace("{out}", OUT_MARK)
        )
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        self.legend.hide()
        lay.addWidget(self.legend)
        actions = QGridLayout()
        self.actions_grid = actions
        self.selected = QLabel("")
        self.selected.setObjectName("hint")
        self.selected.setWordWrap(True)
        self.correct = QPushButton(self.tr("Correct stock…"))
        self.correct.setEnabled(False)
        self.correct.setToolTip(self.tr("Tap a size in the grid first."))
        self.correct.clicked.connect(self._correct)
        self.add_to_sale = QPushButton(self.tr("Add to sale"))
        self.add_to_sale.setObjectName("primary")
        self.add_to_sale.setEnabled(False)
        self.add_to_sale.setToolTip(self.tr("Tap a size in the grid first."))
        self.add_to_sale.clicked.connect(self._add_to_sale)
        # Endless aisle: the chosen size paid here and delivered (docs/endless-aisle.md).
        self.ship_home = QPushButton(self.tr("Ship to customer"))
        self.ship_home.setEnabled(False)
        self.ship_home.setToolTip(self.tr("Paid here, delivered to the customer's address"))
        self.ship_home.clicked.connect(lambda: self._ship("home"))
        self.ship_store = QPushButton(self.tr("Ship to store…"))
        self.ship_store.setEnabled(False)
        self.ship_store.setToolTip(self.tr("Paid here, sent to a store for pickup"))
        self.ship_store.clicked.connect(lambda: self._ship("store"))
        self._place_actions(False)
        self.actions = QWidget()
        self.actions.setLayout(actions)
        actions.setContentsMargins(0, 0, 0, 0)
        self.actions.hide()
        lay.addWidget(self.actions)
        self.where = QLabel(self.tr("Nearby stores and warehouses"))
        self.where.setObjectName("subtitle")
        self.where.hide()
        lay.addWidget(self.where)
        self.elsewhere = FitTable(0, 4)
        self.elsewhere.setAccessibleName(self.tr("Nearby stores and warehouses"))
        self.elsewhere.setObjectName("elsewhere")
        self.elsewhere.setHorizontalHeaderLabels(
            [self.tr("Location"), self.tr("Type"), self.tr("Available"), self.tr("As of")]
        )
        self.elsewhere.verticalHeader().hide()
        self.elsewhere.verticalHeader().setDefaultSectionSize(48)
        self.elsewhere.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.elsewhere.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.elsewhere.setWordWrap(False)
        self.elsewhere.setTextElideMode(Qt.TextElideMode.ElideRight)
        head = self.elsewhere.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.elsewhere.hide()
        lay.addWidget(self.elsewhere)
        lay.addStretch(1)
        return panel

    def _place_actions(self, narrow: bool) -> None:
        """Wide: what is chosen | Add to sale | Correct stock…; portrait: the buttons under it."""
        g = self.actions_grid
        for w in (self.selected, self.add_to_sale, self.correct, self.ship_home, self.ship_store):
            g.removeWidget(w)
        if narrow:
            g.addWidget(self.selected, 0, 0, 1, 2)
            g.addWidget(self.add_to_sale, 1, 0)
            g.addWidget(self.correct, 1, 1)
            g.addWidget(self.ship_home, 2, 0)
            g.addWidget(self.ship_store, 2, 1)
            g.setColumnStretch(0, 1)
            g.setColumnStretch(1, 1)
            g.setColumnStretch(2, 0)
        else:
            g.addWidget(self.selected, 0, 0, 2, 1)
            g.addWidget(self.add_to_sale, 0, 1)
            g.addWidget(self.correct, 0, 2)
            g.addWidget(self.ship_home, 1, 1)
            g.addWidget(self.ship_store, 1, 2)
            g.setColumnStretch(0, 1)
            g.setColumnStretch(1, 0)
            g.setColumnStretch(2, 0)

    def open_language(self) -> None:
        """The language sheet; while the sell screen holds a sale, it says to finish or park it."""
        busy = bool(self.sell.basket.lines)
        sheet = open_language(self.centralWidget(), self.device, self.session, self.ops, busy=busy)
        sheet.chosen.connect(self.language_chosen)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.width() >= NARROW:  # the results keep ~40 %: names stay readable at 853 wide
            total = sum(self.split.sizes()) or self.width()
            left = max(280, min(440, int(total * 0.36)))
            self.split.setSizes([left, max(1, total - left)])
        narrow = self.width() < NARROW
        # "Store"/"Warehouse": the name says it; below 1000 px the column is what cut the rest off
        self.elsewhere.setColumnHidden(1, self.width() < 1000)
        self.who.setText(self.who_text[1 if self.width() < 1000 else 0])
        # below 1000 px the header's room goes to the buttons (Returns among them), not the name
        self.who.setVisible(self.width() >= 1000)
        if narrow != self.narrow:
            self.narrow = narrow
            # portrait: every pixel for the matrix (nine sizes beside the two-line colour names)
            self.panel_layout.setContentsMargins(*((2, 0, 0, 8) if narrow else (12, 0, 4, 8)))
            for b in (
                self.returns_button,
                self.shift_button,
                self.settings_button,
                self.language_button,
                self.sign_out,
            ):
                b.setVisible(not narrow)
            self.more_button.setVisible(narrow)
            self._place_actions(narrow)
            self.back.setText(self.tr("‹") if narrow else self.tr("‹ Results"))  # room for "Sell"
            self.back.setFixedWidth(theme.TOUCH) if narrow else self.back.setMaximumWidth(16777215)
            self.back.setMinimumWidth(theme.TOUCH)
            self.back.setAccessibleName(self.tr("Back to the results"))
        self._arrange()
        self.thumb_timer.start()

    def _arrange(self) -> None:
        """Portrait: one column. Results until a product is open, then the product alone."""
        if not self.narrow:
            self.results_box.show()
            self.product.show()
            self.back.hide()
            return
        showing_product = self.view is not None and not self._results_wanted
        self.results_box.setVisible(not showing_product)
        self.product.setVisible(showing_product)
        self.back.setVisible(showing_product)

    _results_wanted = False

    def _back_to_results(self) -> None:
        self._results_wanted = True
        self._arrange()
        self.list.setFocus()
        self.thumb_timer.start()

    # --- messages: one place on this screen ---------------------------------------------------

    def say(self, text: str, kind: str = "notice") -> None:
        """`notice` (calm: "Nothing matches", "Saved") or `error` (something to fix)."""
        if self.message.objectName() != kind:
            self.message.setObjectName(kind)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_problem(self, text: str) -> None:
        """Where the operations bridge puts a failure of this screen's work."""
        self.say(text, "error")

    # --- search and scan -----------------------------------------------------------------------

    def _schedule_search(self) -> None:
        self.clear.setVisible(bool(self.search.text()))
        self.search_timer.start()

    def _clear_search(self) -> None:
        self.search.clear()
        self.search.setFocus()

    def _search_now(self) -> None:
        self.search_timer.stop()
        text = self.search.text()
        self.say("")  # a new action: the last message (an unknown barcode…) is over
        lookup = self.device.lookup
        if looks_like_barcode(text):
            # typed by hand from a label: like a scan, it opens the product on its size
            def op() -> tuple[ScanResult | None, list[Any]]:
                scan = lookup.scan(text.strip().replace(" ", ""))
                return (scan if scan.style_code else None), lookup.search(text, PAGE, 0)

            QueryOp(
                parent=self, op=op, success=lambda r: self._show_hits(text, r[1], r[0]), kind="search"
            ).run_in_background(self.ops)
            return
        QueryOp(
            parent=self,
            op=lambda: lookup.search(text, PAGE, 0),
            success=lambda hits: self._show_hits(text, hits),
            kind="search",
        ).run_in_background(self.ops)

    def _show_hits(self, text: str, hits: list[Any], scan: ScanResult | None = None) -> None:
        self.results.set_results(text, hits)
        self._results_wanted = True
        note = str(getattr(hits, "note", "") or "")  # "Showing results for “linen”" after a typo
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if not hits and not note and text.strip():
            self.say(self.tr("Nothing matches “{0}”.").replace("{0}", text.strip()[:40]))
        if scan is not None and scan.style_code:
            self.open_style(scan.style_code, scan.variant_id)
        elif len(hits) == 1:
            self.open_style(hits[0].code)
        self._arrange()

    def _want_thumbs(self) -> None:
        """Pictures for the rows in view (and the next few); loads for rows gone are dropped."""
        n = self.results.rowCount()
        if not n or not self.list.isVisible():
            self.thumbs.want([])
            return
        vp = self.list.viewport().rect()
        first = self.list.indexAt(vp.topLeft())
        last = self.list.indexAt(vp.bottomLeft())
        lo = first.row() if first.isValid() else 0
        hi = last.row() if last.isValid() else n - 1
        rows = range(lo, min(n, hi + 3))
        self.thumbs.want(picture_key(self.results.hits[r]) for r in rows)

    def _fetch_more(self, query: str, offset: int) -> None:
        """The results model wants the next page: read it on a worker (fetchMore)."""
        lookup = self.device.lookup
        QueryOp(
            parent=self,
            op=lambda: lookup.search(query, PAGE, offset),
            success=lambda more: self.results.add_page(query, offset, more),
            kind="more",
        ).failure(lambda _e: self.results.page_failed()).run_in_background(self.ops)

    # --- the sell screen -----------------------------------------------------------------------

    def show_sell(self) -> None:
        self.stack.setCurrentWidget(self.sell)
        self.sell.search.setFocus()

    def show_lookup(self) -> None:
        self.stack.setCurrentWidget(self.lookup_page)
        self.search.setFocus()

    def selling(self) -> bool:
        return self.stack.currentWidget() is self.sell

    def _add_to_sale(self) -> None:
        cell = self._cell()
        if cell is None:
            return
        self.sell.add_variant(cell.variant_id)
        self.show_sell()

    def _ship(self, kind: str) -> None:
        """The chosen size as a line delivered to the customer (or a store), then its delivery."""
        cell = self._cell()
        if cell is None:
            return
        self.show_sell()
        self.sell.add_ship(cell.variant_id, kind)

    def show_orders(self) -> None:
        self.stack.setCurrentWidget(self.orders_page)
        self.orders_page.show_list()
        self.orders_page.refresh()

    def open_customer_display(self) -> CustomerDisplay:
        """The customer-facing window (on a second screen when there is one)."""
        if self.customer is None:
            from PySide6.QtGui import QGuiApplication

            receipts = getattr(self.device, "sale_receipts", None)
            display = CustomerDisplay(  # closed with this window
                self.device.identity.store_name, self, page_url=receipts.page_url if receipts is not None else None
            )
            self.sell.basket_changed.connect(display.show_basket)
            self.sell.sale_done.connect(display.show_done)
            screens = QGuiApplication.screens()
            if len(screens) > 1:
                display.setGeometry(screens[1].availableGeometry())
            self.customer = display
            display.show()
        return self.customer

    def closeEvent(self, event: Any) -> None:
        if self.customer is not None:
            self.customer.close()
        super().closeEvent(event)

    def show_pickups(self) -> None:
        self.stack.setCurrentWidget(self.pickup)
        self.pickup.refresh()

    def _pay_pickup(self, sale: Any) -> None:
        self.show_sell()
        self.sell.pay_pickup(sale)

    def _pickup_paid(self, sale: Any, done: Any) -> None:
        self.show_pickups()
        self.pickup.paid_and_handed_over(sale, done)

    def _arrivals(self, numbers: list[str] | None = None) -> None:
        """The kiosk's check-ins above every page but the pickups page (which has its own)."""
        if numbers is not None:
            self.arrivals = numbers
        self.waiting_banner.setText(waiting_text(self.arrivals))
        self.waiting_banner.setVisible(bool(self.arrivals) and self.stack.currentWidget() is not self.pickup)

    def _open_waiting(self) -> None:
        self.show_pickups()
        self.pickup.open_waiting()

    def _exchange(self, case: Any, draft: Any, credit: int, credit_text: str) -> None:
        self.sell.start_exchange(case, draft, credit, credit_text)
        self.show_sell()

    def show_returns(self) -> None:
        self.stack.setCurrentWidget(self.returns_page)

    def scanned(self, code: str) -> None:
        if code.strip().startswith("aisle:t1:") or self.stack.currentWidget() is self.returns_page:
            self.show_returns()  # a customer's return code, from any screen; anything on the returns page
            self.returns_page.scanned(code)
            return
        if self.stack.currentWidget() is self.pickup or self.device.pickups.is_code(code):
            self.show_pickups()  # a customer's pickup code, from any screen: its handover
            self.pickup.scanned(code)
            return
        if self.selling():
            self.sell.scanned(code)
            return
        self.say("")
        QueryOp(
            parent=self, op=lambda: self.device.lookup.scan(code), success=self._scan_result, kind="scan"
        ).run_in_background(self.ops)

    def _scan_result(self, result: ScanResult) -> None:
        if result.style_code is None:
            self.say(words(result.problem or None, result.params, result.message), "error")
            return
        self.list.clearSelection()  # the scanned item is not the one highlighted in the list
        self.list.setCurrentIndex(QModelIndex())
        self.open_style(result.style_code, result.variant_id)

    def _open_index(self, index: QModelIndex) -> None:
        code = index.data(StyleResultsModel.CodeRole)
        if code:
            self.say("")
            self.open_style(str(code))

    # --- product view --------------------------------------------------------------------------

    def open_style(self, style: str, focus: int | None = None, live: bool = True) -> None:
        self.focus_variant = focus
        self._results_wanted = False
        lookup = self.device.lookup
        QueryOp(
            parent=self, op=lambda: lookup.product(style, focus), success=self.show_product, kind="product"
        ).run_in_background(self.ops)
        if live:
            QueryOp(parent=self, op=lambda: self._refresh_live(style), success=self._live_done, kind="live").failure(
                lambda _e: True
            ).run_in_background(self.ops)  # offline: the cached figures stand

    def _refresh_live(self, style: str) -> str:
        self.device.stock.refresh_live(style)
        return style

    def _live_done(self, style: str) -> None:
        if style and self.view is not None and self.view.style_code == style:
            self._reread(live=False)

    def _reread(self, live: bool = False) -> None:
        if self.view is not None:
            self.open_style(self.view.style_code, self.focus_variant, live=live)

    def show_product(self, view: ProductView | None) -> None:
        if view is None:
            self.say(self.tr("This item is no longer in the catalog."), "error")
            return
        self.view = view
        local = str(getattr(view, "local_name", "") or "")
        self.title.setText(local or view.name)  # Tokyo: the Japanese name, the Latin one below
        self.latin.setText(view.name if local else "")
        self.latin.setVisible(bool(local))
        self.subtitle.setText(f"{view.brand} · {view.category} · {view.style_code}")
        price = view.price_text
        if view.member_price_text:
            price += "\n" + self.tr("Members {0}").replace("{0}", view.member_price_text)
        self.price.setText(price)
        m = self.matrix
        m.clear()
        m.setRowCount(len(view.colours))
        m.setColumnCount(len(view.sizes))
        m.setHorizontalHeaderLabels(view.sizes)
        m.setVerticalHeaderLabels([self._colour_label(c, two_lines=True) for c in view.colours])
        # Two lines of colour name per row, whatever the text size (docs/accessibility.md).
        m.verticalHeader().setDefaultSectionSize(
            max(theme.TOUCH, 2 * m.verticalHeader().fontMetrics().lineSpacing() + 12)
        )
        for r, colour in enumerate(view.colours):
            for c, size in enumerate(view.sizes):
                cell = view.cell(colour, size)
                item = QTableWidgetItem("" if cell is None else self._cell_text(cell))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if cell is None:
                    item.setBackground(QBrush(theme.colour("#F0F4F8", "background")))
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                else:
                    colour_ = theme.PENDING if cell.pending else LEVEL_COLOUR[cell.level]
                    item.setBackground(QBrush(colour_))
                    item.setData(Qt.ItemDataRole.UserRole, cell.variant_id)
                    item.setToolTip(cell.sku)
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, self._cell_spoken(cell, colour, size))
                    if cell.variant_id == self.focus_variant:
                        m.setCurrentCell(r, c)
                m.setItem(r, c, item)
        if self.focus_variant is None:
            m.clearSelection()
            m.setCurrentItem(None)
        m.fit()
        for w in (m, self.legend, self.actions, self.where, self.elsewhere):
            w.show()
        self._show_selected()
        self._fill_elsewhere(view)
        self._show_picture(view)
        self._arrange()

    @staticmethod
    def _cell_text(cell: Any) -> str:
        """ "3", "2 ▼" (low), "0 ✕" (out), with " *" when a correction is not yet confirmed."""
        mark = {Level.LOW: f" {LOW_MARK}", Level.OUT: f" {OUT_MARK}"}.get(cell.level, "")
        return f"{cell.available}{mark}" + (" *" if cell.pending else "")

    def _cell_spoken(self, cell: Any, colour: str, size: str) -> str:
        words = {Level.LOW: self.tr("low"), Level.OUT: self.tr("out of stock")}.get(cell.level, "")
        text = f"{self._colour_label(colour)} {size}: {cell.available}"
        return f"{text}, {words}" if words else text

    def _colour_label(self, colour: str, two_lines: bool = False) -> str:
        """The colour as this store says it, with the catalog's (Latin) name: "キャメル · Tan"."""
        local = (getattr(self.view, "colour_names", None) or {}).get(colour, "")
        if not local or local == colour:
            return colour
        return f"{local}\n{colour}" if two_lines else f"{local} ({colour})"

    def _picture_colour(self, view: ProductView) -> str:
        cell = self._cell()
        if cell is not None:
            return self._cell_words(cell)[0]
        return view.colours[0] if view.colours else ""

    def _show_picture(self, view: ProductView) -> None:
        """The picture of the chosen colour (the first until a size is chosen), from memory or a
        worker; an answer for another product or colour that lands late is not shown."""
        key = (view.style_code, self._picture_colour(view))
        self.picture_key = key
        self.picture.show()
        self._paint_picture()
        if self.pictures.pixmap(key) is LOADING:
            self.pictures.want([key])

    def _picture_ready(self, key: tuple[str, str]) -> None:
        if key == self.picture_key:
            self._paint_picture()

    def _paint_picture(self) -> None:
        key = self.picture_key
        found = self.pictures.pixmap(key) if key else None
        canvas = QPixmap(PICTURE, PICTURE)
        canvas.fill(Qt.GlobalColor.transparent)
        p = QPainter(canvas)
        paint_picture(
            p, canvas.rect(), found, loading_text="", none_text=self.tr("No picture") if found is None else ""
        )
        p.end()
        self.picture.setPixmap(canvas)

    def _fill_elsewhere(self, view: ProductView) -> None:
        t = self.elsewhere
        t.setRowCount(len(view.elsewhere))
        now = datetime.now(UTC)
        for r, row in enumerate(view.elsewhere):
            kind = self.tr("Warehouse") if row.location.kind == "warehouse" else self.tr("Store")
            avail = "—" if row.available is None else str(row.available)
            if row.live:
                when = self.tr("live")
            elif row.as_of is None:
                when = self.tr("not known offline")
            else:
                when = self.tr("as of {0}").replace("{0}", as_of_text(row.as_of, now, self.tz))
            values = [f"{row.location.name} ({row.location.code})", kind, avail, when]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if row.available is not None:  # the same colours as the matrix: out, low, ok
                        item.setBackground(QBrush(LEVEL_COLOUR[level(row.available)]))
                if c == 3 and row.live:
                    item.setForeground(QBrush(theme.colour("#1F7A3D")))
                t.setItem(r, c, item)
        t.fit()

    def _cell_clicked(self, r: int, c: int) -> None:
        item = self.matrix.item(r, c)
        self.say("")
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None or self.view is None:
            return
        self.focus_variant = int(item.data(Qt.ItemDataRole.UserRole))
        self.open_style(self.view.style_code, self.focus_variant, live=False)

    def _cell(self) -> Any:
        view = self.view
        if view is None or self.focus_variant is None:
            return None
        return next((x for x in view.cells.values() if x.variant_id == self.focus_variant), None)

    def _cell_words(self, cell: Any) -> tuple[str, str]:
        """("Tan · M", colour and size as on the label) for a cell of the open product."""
        assert self.view is not None
        colour, size = next(k for k, v in self.view.cells.items() if v.variant_id == cell.variant_id)
        return colour, size

    def _show_selected(self) -> None:
        cell = self._cell()
        if cell is None:
            self.selected.setText(self.tr("Tap a size to see it elsewhere or correct its count."))
            self.correct.setEnabled(False)
            self.add_to_sale.setEnabled(False)
            self.ship_home.setEnabled(False)
            self.ship_store.setEnabled(False)
            return
        pending = (
            self.tr(" (includes {0} not yet confirmed)").replace("{0}", f"{cell.pending:+d}") if cell.pending else ""
        )
        colour, size = self._cell_words(cell)
        self.selected.setText(
            self.tr("{what}: {n} in this store")
            .replace("{what}", f"{self._colour_label(colour)} · {size}")
            .replace("{n}", str(cell.available))
            + pending
        )
        self.correct.setEnabled(True)
        self.add_to_sale.setEnabled(True)
        self.ship_home.setEnabled(True)
        self.ship_store.setEnabled(True)

    def _correct(self) -> None:
        view, cell = self.view, self._cell()
        if view is None or cell is None:
            return
        colour, size = self._cell_words(cell)
        vid, session, device = cell.variant_id, self.session, self.device

        def save(delta: int | None, counted: int | None, reason: Any, note: str, approver: Any) -> str:
            op_id: str = device.stock.correct(
                session, vid, delta=delta, counted=counted, reason=reason, note=note, approver=approver
            )
            return op_id

        dialog = CorrectionDialog(
            self.centralWidget(),
            self.ops,
            f"{self._colour_label(colour)} · {size}",
            f"{(getattr(view, 'local_name', '') or view.name)} · {cell.sku}",
            cell.available,
            save,
            approve=lambda staff_id, pin: device.auth.approve(staff_id, pin, Permission.LARGE_STOCK_CORRECTION),
            approvers=lambda: device.auth.approvers(Permission.LARGE_STOCK_CORRECTION),
        )
        dialog.accepted.connect(lambda: self._corrected(view.style_code, vid, dialog))
        dialog.finished.connect(self._correction_closed)
        self.correction = dialog
        dialog.open()

    def _corrected(self, style: str, vid: int, dialog: CorrectionDialog) -> None:
        delta = dialog.delta
        self.say(
            self.tr("Saved: {what} {delta}. It goes to central by itself.")
            .replace("{what}", dialog.title.text())
            .replace("{delta}", f"{delta:+d}")
        )
        self.open_style(style, vid, live=False)
        self._refresh_status()

    def _correction_closed(self) -> None:
        self.correction = None

    # --- sync state ----------------------------------------------------------------------------

    def _read_home(self) -> Any:
        home = getattr(self.device, "home", None)
        return home() if callable(home) else self.device.lookup.home()

    def _home_read(self, home: Any) -> None:
        self.tz = ZoneInfo(home.timezone) if home else None
        self.bar.tz = self.tz
        self.show_status(self.status)

    def _refresh_status(self) -> None:
        engine = self.device.engine
        CollectionOp(parent=self, op=engine.refresh_status).run_in_background(self.ops)

    def _data_changed(self, event: Changed) -> None:
        if self.view is not None and event.stream in ("stock", "prices", "catalog"):
            self._reread(live=False)

    def show_status(self, status: SyncStatus) -> None:
        was_online = self.status.online
        self.status = status
        if status.online is not None:
            self.device.lookup.online = status.online
        if status.online is False and status.data_as_of is None:
            # The engine has not pulled since start: how old the cache is comes from the device
            # (it reads the disk, so on a worker).
            QueryOp(
                parent=self, op=self.device.cache_as_of, success=lambda t: self._as_of_known(status, t), kind="as_of"
            ).run_in_background(self.ops)
            return
        self.bar.show_status(status)
        if was_online is not False and status.online is False and self.view is not None:
            self._reread(live=False)  # figures that said "live" now say "as of HH:MM"

    def _as_of_known(self, status: SyncStatus, as_of: datetime | None) -> None:
        if as_of is not None:
            status = replace(status, data_as_of=as_of)
        self.bar.show_status(status)
        if self.view is not None:
            self._reread(live=False)

    def offline_text(self, status: SyncStatus) -> str:
        if status.online is False:
            return self.tr(
                "Central cannot be reached. Working from data as of {0}; what you save is sent later."
            ).replace("{0}", hhmm(status.data_as_of, self.tz))
        if status.online is None:
            return self.tr("Connecting to central…")
        return self.tr("Connected to central · last sync {0}").replace("{0}", hhmm(status.last_sync_at, self.tz))

    def _show_problems(self) -> None:
        if self.problems_sheet is not None:
            return
        device = self.device

        def load() -> tuple[SyncStatus, list[Any]]:
            items = device.outbox.items()
            return self.status, items

        sheet = ProblemsDialog(
            self.centralWidget(),
            self.ops,
            load,
            retry=lambda who, op_id: device.outbox.retry(who, op_id),
            approve=lambda staff_id, pin, permission: device.auth.approve(staff_id, pin, permission),
            approvers=lambda permission: device.auth.approvers(permission),
            session=self.session,
            offline_text=self.offline_text,
            redownload=self.download_again,
        )
        sheet.finished.connect(self._problems_closed)
        self.problems_sheet = sheet
        sheet.open()

    def _problems_closed(self) -> None:
        self.problems_sheet = None
        self.device.engine.kick()  # a retried op goes now, not at the next timer
        self._refresh_status()

    # --- a manager's "download everything again" ---------------------------------------------

    redownloading = False

    def download_again(self, who: Any) -> None:
        """Runs `device.redownload` on the writer thread (long, synchronous); the engine downloads
        beside the old rows, so the screens keep working from them; progress in the status bar."""
        if self.redownloading:
            return
        session = who if isinstance(who, Session) else Session(who, datetime.now(UTC))  # an approving manager
        device = self.device
        self.redownloading = True
        self.bar.show_activity(self.tr("Downloading everything again…"))

        def done(_result: Any) -> None:
            self.redownloading = False
            self.bar.show_activity("")
            self.say(self.tr("Everything was downloaded again."))
            self._refresh_status()
            self._reread(live=False)

        def failed(_error: BaseException) -> bool:
            self.redownloading = False
            self.bar.show_activity("")
            return False  # the bridge's one path says what went wrong

        CollectionOp(parent=self, op=lambda: device.redownload(session), success=done).failure(
            failed
        ).run_in_background(self.ops)

    def _progress(self, p: Progress) -> None:
        if not self.redownloading:
            return
        pct = f" {min(100, int(100 * p.rows / p.estimated))} %" if p.estimated else f" {p.rows:,}"
        self.bar.show_activity(
            self.tr("Downloading everything again: {what}{pct}")
            .replace("{what}", stream_word(p.stream))
            .replace("{pct}", pct)
        )

    def _oops(self, error: BaseException) -> None:  # kept for callers outside the bridge
        from pos_app.ui.operations import report

        report(self, error)
