"""The main window: search, product view with the size × colour matrix, stock elsewhere,
stock corrections, and a status bar that always says how fresh the data is."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStatusBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.auth import Permission, PermissionDenied
from pos_app.core.stock import CorrectionReason, Level, as_of_text
from pos_app.services.app import Device
from pos_app.services.auth import Session
from pos_app.services.lookup import ProductView, ScanResult
from pos_app.ui import theme
from pos_app.ui.bridge import Bridge, SyncBridge
from pos_app.ui.dialogs import CorrectionDialog, ProblemsDialog
from pos_app.ui.models import PAGE, StyleResultsModel
from sync.client import CentralError
from sync.engine import Changed, SyncStatus

log = logging.getLogger("aisle.ui")

LEVEL_COLOUR = {Level.OUT: theme.OUT, Level.LOW: theme.LOW, Level.OK: theme.OK}


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


class MainWindow(QMainWindow):
    def __init__(self, device: Device, session: Session, bridge: Bridge, sync: SyncBridge) -> None:
        super().__init__()
        self.device = device
        self.session = session
        self.bridge = bridge
        self.view: ProductView | None = None
        self.focus_variant: int | None = None
        self.correction: CorrectionDialog | None = None  # open while a correction is being made
        self._search_seq = 0
        self.setWindowTitle(self.tr("Aisle — {store}").replace("{store}", device.identity.store_name))
        self.resize(1280, 800)

        page = QWidget()
        page.setObjectName("page")
        root = QVBoxLayout(page)
        root.setContentsMargins(16, 12, 16, 8)
        header = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, SKU or barcode — or scan"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._schedule_search)
        self.search.returnPressed.connect(self._search_now)
        who = QLabel(f"{session.staff.name} · {self.tr(session.staff.role.name.title())}")
        who.setObjectName("subtitle")
        self.sign_out = QPushButton(self.tr("Sign out"))
        header.addWidget(self.search, 1)
        header.addWidget(who)
        header.addWidget(self.sign_out)
        root.addLayout(header)
        self.message = QLabel("")
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.hide()
        root.addWidget(self.message)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.results = StyleResultsModel(lambda q, n, o: device.lookup.search(q, n, o))
        self.list = QListView()
        self.list.setModel(self.results)
        self.list.setUniformItemSizes(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.clicked.connect(self._open_index)
        self.list.activated.connect(self._open_index)
        split.addWidget(self.list)
        split.addWidget(self._product_panel())
        split.setSizes([420, 860])
        root.addWidget(split, 1)
        self.setCentralWidget(page)

        bar = QStatusBar()
        bar.setSizeGripEnabled(False)
        self.bar = bar
        self.net = QLabel()
        self.pending = QLabel()
        self.problems = QPushButton()
        self.problems.clicked.connect(self._show_problems)
        bar.addWidget(self.net, 1)
        bar.addPermanentWidget(self.pending)
        bar.addPermanentWidget(self.problems)
        self.setStatusBar(bar)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(120)
        self.search_timer.timeout.connect(self._search_now)
        self.clock = QTimer(self)
        self.clock.timeout.connect(lambda: self.show_status(self.device.engine.status))
        self.clock.start(30000)
        sync.status.connect(self.show_status)
        sync.changed.connect(self._data_changed)
        self.show_status(device.engine.status)
        self.search.setFocus()

    # --- layout ------------------------------------------------------------------------------

    def _product_panel(self) -> QWidget:
        panel = QWidget()
        lay = QVBoxLayout(panel)
        lay.setContentsMargins(16, 0, 0, 0)
        self.title = QLabel(self.tr("Search or scan an item"))
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self.tr("Stock here, in nearby stores and in the warehouse shows up here."))
        self.subtitle.setObjectName("subtitle")
        self.price = QLabel("")
        self.price.setObjectName("price")
        self.price.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.price, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(top)
        self.matrix = QTableWidget()
        self.matrix.setObjectName("matrix")
        self.matrix.setItemDelegate(MatrixCellDelegate(self.matrix))
        # Every colour of the style on screen at once (no half-hidden last row): the matrix is as
        # tall as its rows, and the table of other locations below takes what is left.
        self.matrix.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.matrix.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.matrix.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.matrix.verticalHeader().setDefaultSectionSize(theme.TOUCH)
        self.matrix.horizontalHeader().setDefaultSectionSize(72)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix.cellClicked.connect(self._cell_clicked)
        lay.addWidget(self.matrix)
        actions = QHBoxLayout()
        self.selected = QLabel("")
        self.selected.setObjectName("subtitle")
        self.correct = QPushButton(self.tr("Correct stock…"))
        self.correct.setEnabled(False)
        self.correct.clicked.connect(self._correct)
        actions.addWidget(self.selected, 1)
        actions.addWidget(self.correct)
        lay.addLayout(actions)
        where = QLabel(self.tr("Nearby stores and warehouses"))
        where.setObjectName("subtitle")
        lay.addWidget(where)
        self.elsewhere = QTableWidget(0, 4)
        self.elsewhere.setHorizontalHeaderLabels(
            [self.tr("Location"), self.tr("Type"), self.tr("Available"), self.tr("As of")]
        )
        self.elsewhere.verticalHeader().hide()
        self.elsewhere.verticalHeader().setDefaultSectionSize(48)
        self.elsewhere.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.elsewhere.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.elsewhere.setMinimumHeight(48 * 3)
        head = self.elsewhere.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        lay.addWidget(self.elsewhere, 1)
        return panel

    # --- search and scan -----------------------------------------------------------------------

    def _schedule_search(self) -> None:
        self.search_timer.start()

    def _search_now(self) -> None:
        self.search_timer.stop()
        text = self.search.text()
        self._search_seq += 1
        seq = self._search_seq
        self.bridge.run(
            self.device.lookup.search,
            text,
            PAGE,
            0,
            done=lambda hits: self._show_hits(seq, text, hits),
            failed=self._oops,
            owner=self,
        )

    def _show_hits(self, seq: int, text: str, hits: list) -> None:  # type: ignore[type-arg]
        if seq != self._search_seq:
            return  # a newer search is on its way: drop the stale answer
        self.results.set_results(text, hits)
        if not hits and text.strip():
            self.say(self.tr("Nothing matches “{0}”.").replace("{0}", text.strip()[:40]))
        else:
            self.say("")
        if len(hits) == 1:
            self.open_style(hits[0].code)

    def scanned(self, code: str) -> None:
        self.bridge.run(self.device.lookup.scan, code, done=self._scan_result, failed=self._oops, owner=self)

    def _scan_result(self, result: ScanResult) -> None:
        if result.style_code is None:
            self.say(result.message)
            return
        self.say("")
        self.open_style(result.style_code, result.variant_id)

    def _open_index(self, index: QModelIndex) -> None:
        code = index.data(StyleResultsModel.CodeRole)
        if code:
            self.open_style(str(code))

    # --- product view --------------------------------------------------------------------------

    def open_style(self, style: str, focus: int | None = None, live: bool = True) -> None:
        self.focus_variant = focus
        self.bridge.run(self.device.lookup.product, style, focus, done=self.show_product, failed=self._oops, owner=self)
        if live:
            self.bridge.run(self._refresh_live, style, done=self._live_done, failed=lambda _e: None, owner=self)

    def _refresh_live(self, style: str) -> str:
        with self.device.new_client() as client:
            try:
                self.device.stock.refresh_live(client, style)
            except CentralError:
                self.device.lookup.online = False  # offline: cached figures, each with its age
        return style  # success proves nothing about later: the engine's status sets online

    def _live_done(self, style: str) -> None:
        if style and self.view is not None and self.view.style_code == style:
            self.open_style(style, self.focus_variant, live=False)

    def show_product(self, view: ProductView | None) -> None:
        if view is None:
            self.say(self.tr("This item is no longer in the catalog."))
            return
        self.view = view
        self.title.setText(view.name)
        self.subtitle.setText(f"{view.brand} · {view.category} · {view.style_code}")
        price = view.price_text
        if view.member_price_text:
            price += "   " + self.tr("Members {0}").replace("{0}", view.member_price_text)
        self.price.setText(price)
        m = self.matrix
        m.clear()
        m.setRowCount(len(view.colours))
        m.setColumnCount(len(view.sizes))
        m.setHorizontalHeaderLabels(view.sizes)
        m.setVerticalHeaderLabels(view.colours)
        for r, colour in enumerate(view.colours):
            for c, size in enumerate(view.sizes):
                cell = view.cell(colour, size)
                item = QTableWidgetItem("" if cell is None else str(cell.available) + (" *" if cell.pending else ""))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if cell is None:
                    item.setBackground(QBrush(QColor("#F0F4F8")))
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                else:
                    colour_ = theme.PENDING if cell.pending else LEVEL_COLOUR[cell.level]
                    item.setBackground(QBrush(colour_))
                    item.setData(Qt.ItemDataRole.UserRole, cell.variant_id)
                    item.setToolTip(cell.sku)
                    if cell.variant_id == self.focus_variant:
                        m.setCurrentCell(r, c)
                m.setItem(r, c, item)
        self._show_selected()
        self._fill_elsewhere(view)

    def _fill_elsewhere(self, view: ProductView) -> None:
        t = self.elsewhere
        t.setRowCount(len(view.elsewhere))
        home = self.device.lookup.home()
        tz = ZoneInfo(home.timezone) if home else None
        now = datetime.now(UTC)
        for r, row in enumerate(view.elsewhere):
            kind = self.tr("Warehouse") if row.location.kind == "warehouse" else self.tr("Store")
            avail = "—" if row.available is None else str(row.available)
            if row.live:
                when = self.tr("live")
            elif row.as_of is None:
                when = self.tr("not known offline")
            else:
                when = self.tr("as of {0}").replace("{0}", as_of_text(row.as_of, now, tz))
            values = [f"{row.location.name} ({row.location.code})", kind, avail, when]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if row.available is not None and row.available <= 0:
                        item.setBackground(QBrush(theme.OUT))
                if c == 3 and row.live:
                    item.setForeground(QBrush(QColor("#1F7A3D")))
                t.setItem(r, c, item)

    def _cell_clicked(self, r: int, c: int) -> None:
        item = self.matrix.item(r, c)
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None or self.view is None:
            return
        self.focus_variant = int(item.data(Qt.ItemDataRole.UserRole))
        self.open_style(self.view.style_code, self.focus_variant, live=False)

    def _show_selected(self) -> None:
        view = self.view
        cell = None
        if view is not None and self.focus_variant is not None:
            cell = next((x for x in view.cells.values() if x.variant_id == self.focus_variant), None)
        if cell is None:
            self.selected.setText(self.tr("Tap a size to see it elsewhere or correct its count."))
            self.correct.setEnabled(False)
            return
        pending = (
            self.tr(" (includes {0} not yet confirmed)").replace("{0}", f"{cell.pending:+d}") if cell.pending else ""
        )
        self.selected.setText(
            self.tr("{sku}: {n} in this store").replace("{sku}", cell.sku).replace("{n}", str(cell.available)) + pending
        )
        self.correct.setEnabled(True)

    def _correct(self) -> None:
        view, vid = self.view, self.focus_variant
        if view is None or vid is None:
            return
        cell = next(x for x in view.cells.values() if x.variant_id == vid)
        label = f"{view.name} — {cell.sku}"

        def save(delta: int, reason: CorrectionReason, note: str) -> str | None:
            try:
                self.device.stock.correct(self.session, vid, delta, reason, note)
            except (ValueError, PermissionDenied) as e:
                return str(e)
            return None

        dialog = CorrectionDialog(label, cell.available, save, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._corrected(view.style_code, vid))
        dialog.finished.connect(self._correction_closed)
        self.correction = dialog
        dialog.open()  # window-modal, without a nested event loop

    def _corrected(self, style: str, vid: int) -> None:
        self.open_style(style, vid, live=False)
        self.device.engine.refresh_status()

    def _correction_closed(self) -> None:
        self.correction = None

    # --- sync state ----------------------------------------------------------------------------

    def _data_changed(self, event: Changed) -> None:
        if self.view is not None and event.stream in ("stock", "prices", "catalog"):
            self.open_style(self.view.style_code, self.focus_variant, live=False)

    def show_status(self, status: SyncStatus) -> None:
        if status.online is not None:
            self.device.lookup.online = status.online
        home = self.device.lookup.home()
        tz = ZoneInfo(home.timezone) if home else None
        now = datetime.now(UTC)

        def hhmm(dt: datetime | None) -> str:
            if dt is None:
                return self.tr("never")
            local = dt.astimezone(tz)
            return f"{local:%H:%M}" if now - dt < timedelta(hours=20) else f"{local:%d %b %H:%M}"

        if status.online is None:
            text = self.tr("● Connecting to central…")
        elif status.online:
            text = self.tr("● Online") + (self.tr(" — live updates") if status.live else "")
            text += self.tr(" · last sync {0}").replace("{0}", hhmm(status.last_sync_at))
        else:
            as_of = status.data_as_of or self._cache_as_of()
            text = self.tr("○ Offline — working from data as of {0}").replace("{0}", hhmm(as_of))
        self.net.setText(text)
        offline = status.online is False
        if self.bar.property("offline") != offline:  # the whole bar turns amber while offline
            self.bar.setProperty("offline", offline)
            self.bar.style().unpolish(self.bar)
            self.bar.style().polish(self.bar)
        self.pending.setText(
            self.tr("{0} waiting to send").replace("{0}", str(status.pending_ops))
            if status.pending_ops
            else self.tr("All sent")
        )
        n = len(status.errors) + status.dead_ops
        self.problems.setText(self.tr("{0} problems").replace("{0}", str(n)) if n else self.tr("No problems"))
        self.problems.setStyleSheet("background: #A61B1B;" if n else "")

    def _cache_as_of(self) -> datetime | None:
        states = [self.device.store.stream_state(s).synced_at for s in ("catalog", "stock")]
        known = [s for s in states if s]
        return min(known) if known else None

    def _show_problems(self) -> None:
        can_retry = self.session.staff.role >= Permission.RETRY_DEAD_LETTER.value
        ProblemsDialog(self.device.store, can_retry, self.device.engine.kick, self).exec()
        self.device.engine.refresh_status()

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _oops(self, error: BaseException) -> None:
        ref = uuid.uuid4().hex[:8]
        log.error("UI task failed [%s]", ref, exc_info=error)
        self.say(self.tr("Sorry, something went wrong (reference {0}).").replace("{0}", ref))
