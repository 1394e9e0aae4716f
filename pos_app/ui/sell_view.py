"""The sell screen: search and quick tiles on one side, the basket on the other, the totals and
one large Pay button always in sight; the tender sheet (quick cash amounts, a numeric pad,
split cash payments, change due); a line's quantity, discount and price override, with a
supervisor's PIN on the same sheet when the amount is above the person's limit; parked baskets.

Every read and write goes through the operations bridge: basket changes and the sale are
CollectionOps (one after another, in the order they were tapped), searches QueryOps.

A cash sale of one scanned item is two taps: Pay, then the amount the customer hands over. With
a card terminal set up, Pay starts the card payment for the whole amount at once (one tap);
the quick cash amounts stay on the sheet, and tapping one cancels the card payment on the
terminal and takes the cash when the terminal says it was cancelled.
Portrait (narrower than NARROW): tiles on top, the basket under them, totals + Pay pinned at the
bottom."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import qrcode
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.money import exponent
from pos_app.services.auth import Session
from pos_app.services.basket import UNDO_SECONDS, Basket, BasketView, LineView, Tender, TenderType
from pos_app.services.errors import PermissionNeeded
from pos_app.ui.messages import error_text, text_of
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.widgets import NARROW, ApprovalPanel, Sheet, TileButton

log = logging.getLogger(__name__)

REASONS = ("Damaged", "Price match", "Loyalty", "Staff")
TILES = 8


PAY_KEYS = ("F12", "Ctrl+Return", "Ctrl+Enter")


def minor_units(text: str, currency: str) -> int | None:
    """ "12.5" → 1250 (EUR), "3280" → 3280 (JPY); None when it is not an amount."""
    try:
        d = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not d.is_finite():
        return None
    scaled = d * (10 ** exponent(currency))
    return int(scaled) if scaled == scaled.to_integral_value() else None


class NumberPad(QWidget):
    """Digits, a decimal point and delete, writing into `field`."""

    def __init__(self, field: QLineEdit, decimals: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        keys = ["7", "8", "9", "4", "5", "6", "1", "2", "3", "." if decimals else "00", "0", "⌫"]
        for i, key in enumerate(keys):
            b = QPushButton(key)
            b.setObjectName("pad")
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            if key == "⌫":
                b.setAccessibleName(self.tr("Delete"))
            b.clicked.connect(lambda _=False, k=key: self._key(k))
            grid.addWidget(b, i // 3, i % 3)

    def _key(self, key: str) -> None:
        if key == "⌫":
            self.field.backspace()
        else:
            self.field.insert(key)


def _clear_layout(lay: Any) -> None:
    while lay.count():
        item = lay.takeAt(0)
        w = item.widget() if item is not None else None
        if w is not None:
            w.hide()
            w.deleteLater()
        elif item is not None and item.layout() is not None:
            _clear_layout(item.layout())


class LineWords(QLabel):
    """A basket line's words: rich text that wraps, as tall as its text at its width.

    A wrapping QLabel is "height for width": every layout above it (the row's grid, the
    basket's column, the scroll area) asks its height for a width, for its minimum and for its
    hint, and QLabel parses its HTML and lays it out anew on each ask, at widths down to 0
    (a word a line). On a re-priced 100-line basket some thirty rows' savings change at each
    scan, and those asks were most of the frame. So this label is not height-for-width: its
    hint is the height QLabel gives for its present width, worked out once per text and width
    (`heightForWidth`, QLabel's own answer); when its width changes it asks for a new layout
    if that height differs. Its width is the row's (policy Ignored), so the width in its
    hints is only the padding."""

    # Height of n unwrapped lines, by (font, n, top + bottom margin): QLabel's own answer for the
    # first label that had them, shared by every row (see `set_lines`).
    _unwrapped: dict[tuple[str, int, int], int] = {}

    def __init__(self) -> None:
        super().__init__()
        self._tall: tuple[int, int] | None = None  # (width, height at that width)
        self._plain: tuple[str, ...] = ()  # the text's lines as plain text, when set_lines said them
        self.setIndent(self.fontMetrics().horizontalAdvance("x") // 2)  # see changeEvent

    def setText(self, text: str) -> None:
        self._tall = None
        self._plain = ()
        super().setText(text)

    def set_lines(self, text: str, plain: tuple[str, ...]) -> None:
        """Rich `text` whose lines are `plain` (one each, all in the label's font). Where every
        line fits the width unwrapped, the height is that of so many lines, known from the first
        label that measured it: a re-priced basket changes some thirty rows' savings at once, and
        QLabel lays out each one's HTML again to answer."""
        self.setText(text)
        self._plain = plain

    def _fits(self, width: int) -> bool:
        m = self.contentsMargins()
        room = width - m.left() - m.right() - 2 * self.indent() - 2
        fm = self.fontMetrics()
        return all(fm.horizontalAdvance(x) <= room for x in self._plain)

    def changeEvent(self, event: Any) -> None:  # font, style sheet, padding: another height
        self._tall = None
        if event.type() == QEvent.Type.FontChange:
            # The indent QLabel gives a label the theme pads (half an "x"), set here as the row
            # pads its words itself: they stand where they stood as one #lineInfo label.
            self.setIndent(self.fontMetrics().horizontalAdvance("x") // 2)
        super().changeEvent(event)

    def hasHeightForWidth(self) -> bool:
        return False

    def height_at(self, width: int) -> int:
        if self._tall is None or self._tall[0] != width:
            if self._plain and self._fits(width):
                m = self.contentsMargins()
                key = (self.font().key(), len(self._plain), m.top() + m.bottom())
                tall = self._unwrapped.get(key)
                if tall is None:
                    tall = self._unwrapped[key] = super().heightForWidth(width)
                self._tall = (width, tall)
            else:
                self._tall = (width, super().heightForWidth(width))
        return self._tall[1]

    def sizeHint(self) -> QSize:
        m = self.contentsMargins()
        return QSize(m.left() + m.right(), self.height_at(self.width()))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width() and self.height_at(self.width()) != self.height():
            self.updateGeometry()  # another width, another height: the row is laid out again


class LineRow(QFrame):
    """One basket line: name, colour · size · unit price, and under them what it saved; − qty +;
    total; remove. Portrait (`narrow`): the words on their own row, the buttons under them.

    A row stays on screen while its line is in the basket (SellView keeps them by line key):
    `show_line` puts a new view of the same line in it and touches only what changed."""

    def __init__(self, line: LineView, view: SellView, narrow: bool = False) -> None:
        super().__init__()
        self.setObjectName("basketLine")
        self.key = line.key
        self.line = line
        self.narrow = narrow
        lay = QGridLayout(self)
        lay.setContentsMargins(10, 6, 6, 6)
        lay.setHorizontalSpacing(6)
        lay.setVerticalSpacing(2)
        # A label (wraps, as tall as its text); tapping it — or anywhere on the row outside the
        # buttons — opens the line's quantity, discount and price.
        self.info = LineWords()
        self.info.setWordWrap(True)
        self.info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.info.setContentsMargins(6, 4, 6, 4)  # the 4px 6px padding (no style sheet: see `show_line`)
        # What the line saves, right under the words, the bottom padding moved below it. A label
        # of its own: re-pricing changes the savings of many lines at once (a spend-and-save
        # shares its amount over every line), and only these short texts are measured again,
        # not the name and the price.
        self.saved = LineWords()
        self.saved.setWordWrap(True)
        self.saved.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.saved.setContentsMargins(6, 0, 6, 4)
        self.saved.hide()
        words = QVBoxLayout()
        words.setSpacing(0)
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(self.info)
        words.addWidget(self.saved)
        self.setToolTip(self.tr("Tap for quantity, discount or price"))
        # The buttons read the row's line when tapped: the row outlives the view it was made with.
        self.edit = lambda: view.edit_line(self.key)
        self.minus = QPushButton("−")
        self.minus.setObjectName("qty")
        self.minus.setAccessibleName(self.tr("One fewer"))
        self.minus.clicked.connect(lambda: view.change_quantity(self.key, self.line.quantity - 1))
        self.qty = QLabel()
        self.qty.setObjectName("qtyValue")
        self.qty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.plus = QPushButton("+")
        self.plus.setObjectName("qty")
        self.plus.setAccessibleName(self.tr("One more"))
        self.plus.clicked.connect(lambda: view.change_quantity(self.key, self.line.quantity + 1))
        self.total = QLabel()
        self.total.setObjectName("lineTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.remove = QPushButton("✕")
        self.remove.setObjectName("qty")
        self.remove.setAccessibleName(self.tr("Remove this line"))
        self.remove.setToolTip(self.tr("Remove this line"))
        self.remove.clicked.connect(lambda: view.remove_line(self.key))
        controls = (self.minus, self.qty, self.plus, self.total, self.remove)
        if narrow:
            lay.addLayout(words, 0, 0, 1, 6)
            for c, w in enumerate(controls[:3]):
                lay.addWidget(w, 1, c)
            lay.setColumnStretch(3, 1)
            lay.addWidget(self.total, 1, 4)
            lay.addWidget(self.remove, 1, 5)
        else:
            lay.addLayout(words, 0, 0)
            lay.setColumnStretch(0, 1)
            for c, w in enumerate(controls, start=1):
                lay.addWidget(w, 0, c, Qt.AlignmentFlag.AlignVCenter)
        self._shown: tuple[str, str, str, str, bool] | None = None  # (words, saved, qty, total, minus)
        self.show_line(line)

    @staticmethod
    def info_text(line: LineView) -> str:
        words = (
            f"<b>{line.name}</b><br><span style='color:#52606D'>{line.colour} · {line.size} · {line.unit_price}</span>"
        )
        if line.fulfilment == "ship":  # endless aisle: paid now, sent from elsewhere
            shipped = QCoreApplication.translate("LineRow", "Delivered to the customer")
            words += f"<br><span style='color:#0B5FA5; font-weight:700'>{shipped}</span>"
        elif line.fulfilment == "pickup" and line.note:  # click-and-collect: paid now, handed over from the shelf
            words += f"<br><span style='color:#8A4B00; font-weight:700'>{line.note}</span>"
        return words

    @staticmethod
    def saved_text(line: LineView) -> str:
        return "<br>".join(f"<span style='color:#1F7A3D'>{s}</span>" for s in line.savings)

    def show_line(self, line: LineView) -> bool:
        """This line's values on the row, setting only the ones that differ; whether any did."""
        self.line = line
        fixed = line.fulfilment == "pickup"  # the order's quantity: no − or +
        shown = (
            self.info_text(line),
            self.saved_text(line),
            str(line.quantity),
            line.total,
            line.quantity > 1 and not fixed,
        )
        old = self._shown
        if shown == old:
            return False
        if old is None or shown[0] != old[0]:
            self.info.setText(shown[0])
        if old is None or shown[1] != old[1]:
            if bool(shown[1]) != (old is not None and bool(old[1])):
                # The padding below the savings, or below the words. Set here, not by a style
                # sheet rule: polishing would put the rule's padding back.
                self.info.setContentsMargins(6, 4, 6, 0 if shown[1] else 4)
                self.saved.setVisible(bool(shown[1]))
            self.saved.set_lines(shown[1], line.savings)
        if old is None or shown[2] != old[2]:
            self.qty.setText(shown[2])
        if old is None or shown[3] != old[3]:
            self.total.setText(shown[3])
        if old is None or shown[4] != old[4]:
            self.minus.setEnabled(shown[4])
            self.plus.setEnabled(line.fulfilment != "pickup")  # a pickup line is the order's quantity
        self._shown = shown
        return True

    def mouseReleaseEvent(self, event: Any) -> None:  # the row, not its buttons
        if event.button() == Qt.MouseButton.LeftButton:
            self.edit()
        super().mouseReleaseEvent(event)


class SellView(QWidget):
    """`basket_changed(BasketView)` and `sale_done(object, BasketView)` feed the customer display."""

    basket_changed = Signal(object)
    sale_done = Signal(object, object)
    look_up = Signal()  # "‹ Look up": back to the product screen
    pickup_paid = Signal(object, object)  # (PickupSale, CompletedSale): the sale that handed a pickup over

    def __init__(self, device: Any, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.device = device
        self.session = session
        self.ops = ops
        self.service = device.basket
        self.basket: Basket = self.service.new()
        self.current: BasketView | None = None
        self.recent: list[tuple[int, str]] = []  # (variant, label): quick tiles of this shift
        self.tender: TenderSheet | None = None
        self.card_info: tuple[bool, str] = (False, self.tr("Card — no card terminal set up on this till"))
        self.line_sheet: LineSheet | None = None
        self.parked_sheet: ParkedSheet | None = None
        self.narrow: bool | None = None

        self.left = QWidget()
        left = QVBoxLayout(self.left)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(6)
        top = QHBoxLayout()
        self.back = QPushButton(self.tr("‹ Look up"))
        self.back.clicked.connect(self.look_up)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Scan, or search to add"))
        self.search.setAccessibleName(self.search.placeholderText())
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        top.addWidget(self.back)
        top.addWidget(self.search, 1)
        left.addLayout(top)
        self.tiles_title = QLabel(self.tr("Scan an item, or search for it."))
        self.tiles_title.setObjectName("hint")
        self.tiles_title.setWordWrap(True)
        left.addWidget(self.tiles_title)
        self.tiles_box = QWidget()
        self.tiles = QGridLayout(self.tiles_box)
        self.tiles.setContentsMargins(0, 0, 0, 0)
        self.tiles.setSpacing(8)
        tiles_scroll = QScrollArea()
        tiles_scroll.setWidgetResizable(True)
        tiles_scroll.setFrameShape(QFrame.Shape.NoFrame)
        tiles_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        holder.setObjectName("page")
        hl = QVBoxLayout(holder)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.addWidget(self.tiles_box)
        hl.addStretch(1)
        tiles_scroll.setWidget(holder)
        self.tiles_scroll = tiles_scroll
        left.addWidget(tiles_scroll, 1)

        self.right = QFrame()
        self.right.setObjectName("basket")
        right = QVBoxLayout(self.right)
        right.setContentsMargins(10, 8, 10, 10)
        right.setSpacing(6)
        head = QHBoxLayout()
        self.count = QLabel(self.tr("Basket"))
        self.count.setObjectName("basketTitle")
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the screen
        self.park = QPushButton(self.tr("Park"))
        self.park.setToolTip(self.tr("Put this basket aside and start another"))
        self.park.clicked.connect(self.park_basket)
        self.parked = QPushButton(self.tr("Parked"))
        self.parked.clicked.connect(self.show_parked)
        self.discount = QPushButton(self.tr("Discount"))
        self.discount.setToolTip(self.tr("A discount on the whole basket"))
        self.discount.clicked.connect(self.edit_basket_discount)
        # The customer on this sale (docs/customers.md): the sheet searches, attaches, detaches.
        self.customer_chip = QPushButton(self.tr("Customer"))
        self.customer_chip.setObjectName("customerChip")
        self.customer_chip.clicked.connect(self.open_customers)
        self.customer_sheet: Any = None
        # The attached customer's points and tier (docs/loyalty.md): tap for the loyalty sheet,
        # whose one button uses the points (two taps after the customer is attached).
        self.points_chip = QPushButton("")
        self.points_chip.setObjectName("customerChip")
        self.points_chip.clicked.connect(self.open_loyalty)
        self.points_chip.hide()
        self.balances: Any = None  # pos_app.services.accounts.Balances of the attached customer
        self._balances_for: int | None = None
        self.loyalty_sheet: Any = None
        self.gift_sheet: Any = None
        accounts = getattr(device, "accounts", None)
        if accounts is not None:  # stored value taken for baskets an earlier run lost goes back
            CollectionOp(parent=self, op=accounts.recover).failure(lambda _e: True).run_in_background(ops)
        head.addWidget(self.count, 1)
        head.addWidget(self.customer_chip)
        head.addWidget(self.points_chip)
        head.addWidget(self.discount)
        head.addWidget(self.park)
        head.addWidget(self.parked)
        right.addLayout(head)
        # Narrower than landscape: the points chip gets a row of its own under the buttons.
        self.head = head
        # When the buttons do not fit one row (large text on a tablet), Park and Parked go to a
        # second row under the others (`_fit_title`): never a button with its word cut off.
        self.head2 = QHBoxLayout()
        self._head_split = False
        right.addLayout(self.head2)
        self.points_line = QHBoxLayout()
        self._chip_own_row = False
        right.addLayout(self.points_line)
        self.message = QLabel("")
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        self.message.hide()
        right.addWidget(self.message)
        # An exchange (docs/returns.md): the graded return's credit waits for Pay here.
        self.exchange: tuple[Any, Any, int] | None = None  # (ReturnCase, graded ReturnDraft, credit)
        self.exchange_row = QWidget()
        xr = QHBoxLayout(self.exchange_row)
        xr.setContentsMargins(0, 0, 0, 0)
        self.exchange_text = QLabel("")
        self.exchange_text.setObjectName("notice")
        self.exchange_text.setWordWrap(True)
        self.exchange_cancel = QPushButton(self.tr("Cancel exchange"))
        self.exchange_cancel.clicked.connect(self.cancel_exchange)
        xr.addWidget(self.exchange_text, 1)
        xr.addWidget(self.exchange_cancel)
        self.exchange_row.hide()
        right.addWidget(self.exchange_row)
        # Endless aisle: where the ship lines go, the option and its fee (pos_app/ui/delivery_view.py).
        from pos_app.ui.delivery_view import DeliveryRow

        self.delivery_row = DeliveryRow()
        self.delivery_row.clicked.connect(lambda: self.open_delivery())
        self.delivery_row.hide()
        self.delivery_sheet: Any = None
        right.addWidget(self.delivery_row)
        self.undo_row = QWidget()
        ur = QHBoxLayout(self.undo_row)
        ur.setContentsMargins(0, 0, 0, 0)
        self.undo_text = QLabel("")
        self.undo_text.setObjectName("hint")
        self.undo_text.setWordWrap(True)
        self.undo = QPushButton(self.tr("Undo"))
        self.undo.clicked.connect(self.undo_remove)
        ur.addWidget(self.undo_text, 1)
        ur.addWidget(self.undo)
        self.undo_row.hide()
        right.addWidget(self.undo_row)
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(int(UNDO_SECONDS * 1000) - 500)
        self.undo_timer.timeout.connect(self.undo_row.hide)
        self.lines_box = QWidget()
        self.lines_box.setObjectName("page")
        self.lines = QVBoxLayout(self.lines_box)
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.lines.setSpacing(6)
        self.lines_scroll = QScrollArea()
        self.lines_scroll.setWidgetResizable(True)
        self.lines_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.lines_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder2 = QWidget()
        holder2.setObjectName("page")
        h2 = QVBoxLayout(holder2)
        h2.setContentsMargins(0, 0, 0, 0)
        h2.addWidget(self.lines_box)
        h2.addStretch(1)
        self.lines_scroll.setWidget(holder2)
        right.addWidget(self.lines_scroll, 1)
        self.empty = QLabel(self.tr("The basket is empty. Scan an item to start a sale."))
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lines.addWidget(self.empty)  # always item 0 of the layout, hidden under lines
        # The rows on screen by line key, in the basket's order (`_show_lines` keeps them in step).
        self.rows: dict[str, LineRow] = {}
        self.rows_narrow = False  # the rows' form (words above the buttons)
        self.sum_rows: list[tuple[QLabel, QLabel]] = []  # subtotal, savings, tax above Total

        # Totals and Pay: always in sight (pinned at the bottom in portrait).
        self.totals = QFrame()
        self.totals.setObjectName("totals")
        tl = QGridLayout(self.totals)
        tl.setContentsMargins(12, 8, 12, 8)
        tl.setVerticalSpacing(2)
        self.totals_grid = tl
        self.total_label = QLabel(self.tr("Total"))
        self.total_label.setObjectName("totalWord")
        self.total = QLabel("")
        self.total.setObjectName("total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.pay = QPushButton(self.tr("Pay"))
        self.pay.setObjectName("pay")
        self.pay.setEnabled(False)
        self.pay.clicked.connect(self.open_tender)
        self.bottom = QWidget()
        bl = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.bottom)
        self.bottom_box = bl
        bl.setContentsMargins(0, 0, 0, 0)
        bl.setSpacing(6)
        bl.addWidget(self.totals)
        bl.addWidget(self.pay)
        self.summary = QLabel("")  # compact: "3 items · ¥91,870 · saved ¥6,348 · incl. tax ¥7,774"
        self.summary.setObjectName("sum")
        self.summary.setWordWrap(True)
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.summary.hide()
        right.addWidget(self.summary)
        right.addWidget(self.bottom)

        # The main window's stack is as small as its largest page's minimum: this page never
        # sets it (its parts fit 533 wide in portrait and 533 high in the compact form).
        self.setMinimumSize(360, 360)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(12, 10, 12, 8)
        self.box.setSpacing(12)
        self.box.addWidget(self.left, 4)
        self.box.addWidget(self.right, 5)

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(150)
        self.search_timer.timeout.connect(self._search_now)
        # Whether card may be offered is read on a worker once the basket has been still for a
        # moment, not inside the frame that shows a scanned line (that worker took the GIL from
        # the screen mid-update), and once for a burst of scans.
        self.card_timer = QTimer(self)
        self.card_timer.setSingleShot(True)
        self.card_timer.setInterval(200)
        self.card_timer.timeout.connect(self.refresh_card)
        self.title_timer = QTimer(self)
        self.title_timer.setSingleShot(True)
        self.title_timer.setInterval(0)
        self.title_timer.timeout.connect(self._fit_title)
        # The keyboard's Pay (docs/accessibility.md): F12, or Ctrl+Enter, from anywhere on this screen.
        for keys in PAY_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.pay_key)
        self.pay.setToolTip(self.tr("Pay (F12)"))
        self.show_basket(None)
        self._show_tiles()

    def pay_key(self) -> None:
        """F12 / Ctrl+Enter: Pay, when this screen shows and no sheet is over it."""
        from pos_app.ui.keys import top_sheet

        if self.isVisible() and self.pay.isEnabled() and top_sheet(self.window()) is None:
            self.open_tender()

    # --- layout ----------------------------------------------------------------------------

    compact = False  # a short screen (853×533) or portrait: one line of totals, Total beside Pay
    two_level = False  # basket rows: the words above the buttons (narrower than 1000)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        compact = self.height() < 650 or self.width() < NARROW  # portrait: room for the lines
        narrow = self.width() < NARROW
        two_level = self.width() < 1000
        if compact != self.compact or narrow != self.narrow or two_level != self.two_level:
            self.two_level = two_level
            self.compact = compact
            self.bottom_box.setDirection(
                QBoxLayout.Direction.LeftToRight if compact else QBoxLayout.Direction.TopToBottom
            )
            self.bottom_box.setStretch(0, 3 if compact else 0)
            self.bottom_box.setStretch(1, 2 if compact else 0)
            self.count.setVisible(not compact)  # the count goes into the totals' line
            self._relayout(narrow)
            self.show_basket(self.current, emit=False)  # the same basket: the customer display stays
        own_row = self.width() < 1000  # five header buttons need the landscape width
        if own_row != self._chip_own_row:
            self._chip_own_row = own_row
            (self.head if own_row else self.points_line).removeWidget(self.points_chip)
            if own_row:
                self.points_line.addWidget(self.points_chip, 1)
            else:
                self.head.insertWidget(self.head.indexOf(self.customer_chip) + 1, self.points_chip)
        cols = 3 if self.width() < NARROW else (2 if self.width() >= 1000 else 1)
        if cols != self.cols:
            self.cols = cols
            self._show_tiles(self.hits)
        self._fit_title()
        self.title_timer.start()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.title_timer.start()  # the buttons' sizes are known once they are polished

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.title_timer.start()  # another text size: the buttons' rows are measured again

    def _fit_title(self) -> None:
        """ "Basket · 3 items" beside the header buttons while both fit; a row of its own above
        them when they do not (large text, docs/accessibility.md), never cut off. The buttons
        themselves take two rows when one is too narrow for them."""
        if not hasattr(self, "head2"):
            return
        spacing = max(self.head.spacing(), 6)
        row = (self.customer_chip, self.points_chip, self.discount, self.park, self.parked)
        shown = [w for w in row if not w.isHidden() and self.points_line.indexOf(w) < 0]
        need = sum(w.sizeHint().width() for w in shown) + spacing * (len(shown) - 1)
        split = need > self.right.contentsRect().width()
        if split != self._head_split:
            self._head_split = split
            for w in (self.park, self.parked):
                (self.head if split else self.head2).removeWidget(w)
                (self.head2 if split else self.head).addWidget(w)
        others = [self.head.itemAt(i).widget() for i in range(self.head.count())]
        buttons = [w for w in others if w is not None and w is not self.count and not w.isHidden()]
        need = self.count.fontMetrics().horizontalAdvance(self.count.text()) + 12
        need += sum(w.sizeHint().width() + max(self.head.spacing(), 6) for w in buttons)
        own_row = need > self.right.contentsRect().width()
        right = self.right.layout()
        if own_row and self.head.indexOf(self.count) >= 0:
            self.head.removeWidget(self.count)
            at = next(i for i in range(right.count()) if right.itemAt(i).layout() is self.head)
            right.insertWidget(at, self.count)  # type: ignore[attr-defined]
        elif not own_row and self.head.indexOf(self.count) < 0:
            right.removeWidget(self.count)
            self.head.insertWidget(0, self.count, 1)

    def _relayout(self, narrow: bool) -> None:
        if narrow != self.narrow:
            self.narrow = narrow
            self.box.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
            self.box.setStretch(0, 1 if narrow else 4)
            self.box.setStretch(1, 4 if narrow else 5)
            self.back.setText(self.tr("‹") if narrow else self.tr("‹ Look up"))

    # --- messages --------------------------------------------------------------------------

    def say(self, text: str, kind: str = "notice") -> None:
        if self.message.objectName() != kind:
            self.message.setObjectName(kind)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_problem(self, text: str) -> None:
        self.say(text, "error")

    # --- the basket ------------------------------------------------------------------------

    def _change(self, fn: Callable[[], BasketView], after: Callable[[BasketView], None] | None = None) -> None:
        """A basket change on the writer thread (in the order tapped), then the new view."""

        def done(view: BasketView) -> None:
            self.show_basket(view)
            if after is not None:
                after(view)

        self.say("")
        CollectionOp(parent=self, op=fn, success=done).run_in_background(self.ops)

    def scanned(self, code: str) -> None:
        if self.tender is not None and self.tender.isVisible():  # the amount due is on screen
            if self.tender.sale is None and code.strip().upper().startswith("GC"):  # a gift card as a tender
                self.tender.stored.card.setText(code.strip())
                self.tender.stored.use_card()
                return
            if self.tender.sale is None:
                self.tender.show_problem(self.tr("Finish this payment first, or go back to the basket to add items."))
                return
            self.tender.accept()  # the sale is done: the scan starts the next one
        basket, service = self.basket, self.service
        accounts = getattr(self.device, "accounts", None)
        if accounts is not None and code.strip().startswith("aisle:m1:"):  # a member QR: attach them
            self._change(lambda: service.attach_customer(basket, accounts.member(code)))
            return
        if accounts is not None and self.open_gift_card(code):  # a gift card: its balance, load, void
            return
        self._change(lambda: service.add_scan(basket, code), self._remember_last)

    def add_variant(self, variant_id: int) -> None:
        basket, service = self.basket, self.service
        self._change(lambda: service.add(basket, variant_id), self._remember_last)

    def change_quantity(self, key: str, quantity: int) -> None:
        basket, service = self.basket, self.service
        self._change(lambda: service.set_quantity(basket, key, quantity))

    def remove_line(self, key: str) -> None:
        basket, service = self.basket, self.service
        self._change(lambda: service.remove(basket, key))

    def undo_remove(self) -> None:
        basket, service = self.basket, self.service
        self.undo_row.hide()
        self._change(lambda: service.undo(basket))

    def _show_pay(self, view: BasketView | None) -> None:
        """The Pay button says what is left to pay: in an exchange, the total less the credit
        waiting (nothing left: "Complete exchange"; the rest of the credit goes back at Pay)."""
        if view is None or view.empty or self.compact:
            self.pay.setText(self.tr("Pay"))
        elif self.exchange is None:
            self.pay.setText(self.tr("Pay {0}").replace("{0}", view.total))
        elif view.total_minor > self.exchange[2]:
            self.pay.setText(self.tr("Pay {0}").replace("{0}", view.money(view.total_minor - self.exchange[2])))
        else:
            self.pay.setText(self.tr("Complete exchange"))

    def _remember_last(self, view: BasketView) -> None:
        if not view.lines:
            return
        last = view.lines[-1]
        label = f"{last.name}\n{last.colour} · {last.size}"
        self.recent = [(last.variant_id, label)] + [r for r in self.recent if r[0] != last.variant_id]
        self.recent = self.recent[:TILES]
        if not self.search.text().strip():
            self._show_tiles()

    def show_basket(self, view: BasketView | None, emit: bool = True) -> None:
        if view is not None and view.sale_id != self.basket.sale_id:
            return  # an answer for a basket that was parked or paid meanwhile
        self.current = view
        if view is not None and not view.empty and hasattr(self.device, "payments"):
            self.card_timer.start()  # card or not, and the offline notice, ready for Pay
        who = view.customer if view is not None else None
        name = "" if who is None else (who.name if len(who.name) <= 10 else who.name[:9] + "…")
        self.customer_chip.setText(self.tr("Customer") if who is None else name)
        tip = "" if who is None else who.name
        if self.customer_chip.toolTip() != tip:  # Qt sends a ToolTipChange for the same text too
            self.customer_chip.setToolTip(tip)
        if (who.id if who is not None else None) != self._balances_for:
            self._balances_for = who.id if who is not None else None
            self.balances = None
            self.points_chip.hide()
            if who is not None:
                self.load_balances()
        self._show_lines(view)
        items = view.items if view else 0
        if not items:
            self.count.setText(self.tr("Basket"))
        elif items == 1:
            self.count.setText(self.tr("Basket · 1 item"))
        else:
            self.count.setText(self.tr("Basket · {0} items").replace("{0}", str(items)))
        self.title_timer.start()  # the words changed: beside the buttons or above them, once laid out
        rows: list[tuple[str, str, str]] = []
        if view is not None and not view.empty and self.compact:
            t = view.priced.totals if view.priced else None
            bits = [self.tr("1 item") if view.items == 1 else self.tr("{0} items").replace("{0}", str(view.items))]
            bits.append(view.subtotal)
            if t is not None and t.promotions + t.discounts:
                bits.append(self.tr("saved {0}").replace("{0}", view.money(t.promotions + t.discounts)))
            included = view.priced is not None and view.priced.tax_mode == "included"
            bits.append((self.tr("incl. tax {0}") if included else self.tr("tax {0}")).replace("{0}", view.tax))
            self.summary.setText(" · ".join(bits))
        self.summary.setVisible(self.compact and view is not None and not view.empty)
        if view is not None and not view.empty and not self.compact:
            if view.savings:
                rows.append((self.tr("Subtotal"), view.subtotal, "sum"))
                rows += [(what, amount, "saving") for what, amount in view.savings]
            rows.append(
                (
                    self.tr("incl. tax") if view.priced and view.priced.tax_mode == "included" else self.tr("Tax"),
                    view.tax,
                    "sum",
                )
            )
        self._show_sums(rows)
        self.total.setText(view.total if view else "")
        has = view is not None and not view.empty
        self.pay.setEnabled(has)
        self._show_pay(view)
        self.park.setEnabled(has)
        self.discount.setEnabled(has)
        if view is not None and view.can_undo:
            self.undo_text.setText(self.tr("Removed: {0}").replace("{0}", view.undo_text))
            self.undo_row.show()
            self.undo_timer.start()
        elif view is not None and not view.can_undo:
            self.undo_row.hide()
        self.total_label.setVisible(has)
        self._show_delivery(view)
        if emit:
            self.basket_changed.emit(view)

    # --- endless aisle ---------------------------------------------------------------------

    def _show_delivery(self, view: BasketView | None) -> None:
        d = view.delivery if view is not None else None
        if view is None or not view.ships:
            self.delivery_row.hide()
            return
        if d is None:
            self.delivery_row.setText(self.tr("Delivery: tap to choose the customer, address and option"))
        else:
            words = (
                self.tr("Sent to {where} for pickup\n{option} · {days} · fee {fee}")
                if d.kind == "store"
                else self.tr("Delivered to the customer: {where}\n{option} · {days} · fee {fee}")
            )
            self.delivery_row.setText(
                words.replace("{where}", d.destination)
                .replace("{option}", d.option)
                .replace("{days}", d.days)
                .replace("{fee}", d.fee)
            )
        self.delivery_row.show()

    def add_ship(self, variant_id: int, kind: str = "home") -> None:
        """An item delivered to the customer (or to a store): the line, then the delivery sheet
        when the basket has no delivery yet."""
        basket, service = self.basket, self.service

        def after(view: BasketView) -> None:
            if view.delivery is None:
                self.open_delivery(kind)

        self._change(lambda: service.add_ship(basket, variant_id), after)

    def open_delivery(self, kind: str | None = None) -> None:
        from pos_app.ui.delivery_view import DeliverySheet

        if self.delivery_sheet is not None:
            return
        d = self.basket.delivery
        self.delivery_sheet = DeliverySheet(self, kind or (d.kind if d is not None else "home"))
        self.delivery_sheet.finished.connect(lambda: setattr(self, "delivery_sheet", None))
        self.delivery_sheet.open()

    def _show_lines(self, view: BasketView | None) -> None:
        """The rows in step with the view's lines, in place: a row per line key stays while its
        line is in the basket and only its changed values are set (LineRow.show_line); rows
        come and go only for lines that did. Rebuilding all of them on each scan cost ~1.7 ms
        a row plus their layout and paint, several hundred ms for a 100-line basket
        (docs/performance.md, "Scan to basket"). A change of form (narrower than 1000) makes
        them again."""
        lines = view.lines if view is not None else ()
        narrow = self.width() < 1000
        if narrow != self.rows_narrow:
            self.rows_narrow = narrow
            self._drop_rows(list(self.rows))
        keys = {line.key for line in lines}
        self._drop_rows([k for k in self.rows if k not in keys])
        self.empty.setVisible(not lines)
        lay = self.lines
        like = next((r for r in self.rows.values() if r.isVisible()), None)
        for i, line in enumerate(lines, start=1):  # item 0 is the empty basket's words
            row = self.rows.get(line.key)
            if row is None:
                row = self.rows[line.key] = LineRow(line, self, narrow)
                if like is not None:  # sized as its neighbours: its words measured once, at their width
                    row.resize(like.width(), row.height())
                    row.info.resize(like.info.width(), row.info.height())
                lay.insertWidget(i, row)
                continue
            if row.line != line:
                row.show_line(line)
            item = lay.itemAt(i)
            if item is None or item.widget() is not row:  # moved (an undo puts a line back)
                lay.removeWidget(row)
                lay.insertWidget(i, row)

    def _drop_rows(self, keys: list[str]) -> None:
        for key in keys:
            row = self.rows.pop(key)
            self.lines.removeWidget(row)
            row.hide()
            row.deleteLater()  # kept a child till then: Qt owns it, never Python's collector

    def _show_sums(self, rows: list[tuple[str, str, str]]) -> None:
        """Subtotal, savings and tax above Total: their labels kept, texts set in place."""
        grid = self.totals_grid
        while len(self.sum_rows) > len(rows):
            for w in self.sum_rows.pop():
                grid.removeWidget(w)
                w.hide()
                w.deleteLater()
        for r, (what, amount, kind) in enumerate(rows):
            if r == len(self.sum_rows):
                a, b = QLabel(what), QLabel(amount)
                a.setObjectName(kind)
                b.setObjectName(kind)
                a.setWordWrap(True)
                b.setAlignment(Qt.AlignmentFlag.AlignRight)
                grid.addWidget(a, r, 0)
                grid.addWidget(b, r, 1)
                self.sum_rows.append((a, b))
                continue
            a, b = self.sum_rows[r]
            for w, text in ((a, what), (b, amount)):
                if w.objectName() != kind:  # "sum" or "saving": another look from the theme
                    w.setObjectName(kind)
                    w.style().unpolish(w)
                    w.style().polish(w)
                w.setText(text)
        n = len(rows)
        if grid.indexOf(self.total) < 0 or grid.getItemPosition(grid.indexOf(self.total))[0] != n:
            for w in (self.total_label, self.total):
                grid.removeWidget(w)
            grid.addWidget(self.total_label, n, 0)
            grid.addWidget(self.total, n, 1)
            grid.setColumnStretch(0, 1)

    # --- search and tiles ------------------------------------------------------------------

    def _search_now(self) -> None:
        self.search_timer.stop()
        text = self.search.text().strip()
        if not text:
            self._show_tiles()
            return
        typed_enter = self.sender() is self.search
        if text.upper().startswith("GC") and typed_enter and self.open_gift_card(text):
            self.search.clear()  # a gift card number typed and Enter: its sheet
            return
        lookup = self.device.lookup
        if typed_enter:  # Enter: an exact barcode or SKU goes in the basket, as a scan would
            QueryOp(
                parent=self, op=lambda: lookup.scan(text), success=lambda r: self._typed_code(text, r), kind="search"
            ).run_in_background(self.ops)
            return
        QueryOp(
            parent=self, op=lambda: lookup.search(text, TILES, 0), success=self._show_hits, kind="search"
        ).run_in_background(self.ops)

    def _typed_code(self, text: str, result: Any) -> None:
        if getattr(result, "variant_id", None) is not None:
            if self.search.text().strip() == text:
                self.search.clear()
            self.search_timer.stop()
            self.scanned(text)
            return
        lookup = self.device.lookup
        QueryOp(
            parent=self, op=lambda: lookup.search(text, TILES, 0), success=self._show_hits, kind="search"
        ).run_in_background(self.ops)

    cols = 2
    hits: list[Any] | None = None

    def _show_tiles(self, hits: list[Any] | None = None) -> None:
        _clear_layout(self.tiles)
        self.hits = hits
        cols = self.cols
        if hits is None:
            self.tiles_title.setText(
                self.tr("Recent items — tap to add one more")
                if self.recent
                else self.tr("Scan an item, or search for it.")
            )
            for i, (vid, label) in enumerate(self.recent[: (6 if self.narrow else TILES)]):
                b = TileButton(label)
                b.setObjectName("tile")
                b.clicked.connect(lambda _=False, v=vid: self.add_variant(v))
                self.tiles.addWidget(b, i // cols, i % cols)
            return
        self.tiles_title.setText(
            self.tr("Tap an item, then its colour and size") if hits else self.tr("Nothing matches.")
        )
        for i, hit in enumerate(hits[: (6 if self.narrow else TILES)]):
            price = f"\n{hit.price_text}" if getattr(hit, "price_text", "") else ""
            b = TileButton(f"{getattr(hit, 'local_name', '') or hit.name}{price}")
            b.setObjectName("tile")
            b.clicked.connect(lambda _=False, code=hit.code: self.choose_variant(code))
            self.tiles.addWidget(b, i // cols, i % cols)

    def _show_hits(self, hits: list[Any]) -> None:
        self._show_tiles(list(hits))

    def choose_variant(self, style: str) -> None:
        lookup = self.device.lookup
        QueryOp(
            parent=self, op=lambda: lookup.product(style), success=self._variants, kind="product"
        ).run_in_background(self.ops)

    def _variants(self, view: Any) -> None:
        if view is None:
            return
        sheet = VariantSheet(self, view)
        sheet.chosen.connect(self.add_variant)
        sheet.open()

    # --- lines: quantity, discount, override ------------------------------------------------

    def _line(self, key: str) -> LineView | None:
        if self.current is None:
            return None
        return next((x for x in self.current.lines if x.key == key), None)

    def edit_line(self, key: str) -> None:
        line = self._line(key)
        if line is None or self.current is None:
            return
        self.line_sheet = LineSheet(self, self.current, line)
        self.line_sheet.finished.connect(lambda: setattr(self, "line_sheet", None))
        self.line_sheet.open()

    def edit_basket_discount(self) -> None:
        if self.current is None or self.current.empty:
            return
        self.line_sheet = LineSheet(self, self.current, None)
        self.line_sheet.finished.connect(lambda: setattr(self, "line_sheet", None))
        self.line_sheet.open()

    # --- parking ---------------------------------------------------------------------------

    def park_basket(self) -> None:
        basket, service, session = self.basket, self.service, self.session

        def parked(entry: Any) -> None:
            self.new_sale()
            self.say(self.tr("Parked ({0}). Tap “Parked” to bring it back.").replace("{0}", entry.total))

        CollectionOp(parent=self, op=lambda: service.park(basket, session), success=parked).run_in_background(self.ops)

    def open_customers(self) -> None:
        from pos_app.ui.customer_view import CustomerSheet

        self.customer_sheet = CustomerSheet(self)
        self.customer_sheet.finished.connect(lambda: setattr(self, "customer_sheet", None))
        self.customer_sheet.open()

    def show_parked(self) -> None:
        service = self.service
        self.parked_sheet = ParkedSheet(self)
        self.parked_sheet.finished.connect(lambda: setattr(self, "parked_sheet", None))
        self.parked_sheet.open()
        QueryOp(parent=self.parked_sheet, op=service.parked, success=self.parked_sheet.show_entries).run_in_background(
            self.ops
        )

    def resume(self, parked_id: str) -> None:
        service = self.service
        current = self.basket

        def op() -> tuple[Basket, BasketView]:
            if current.lines:  # the basket on screen is parked first: nothing is lost
                service.park(current, self.session)
            b = service.resume(parked_id)
            return b, service.view(b)

        def done(result: tuple[Basket, BasketView]) -> None:
            self.basket = result[0]
            self.show_basket(result[1])
            if self.parked_sheet is not None:
                self.parked_sheet.accept()

        CollectionOp(parent=self, op=op, success=done).run_in_background(self.ops)

    # --- paying ----------------------------------------------------------------------------

    # --- stored value (pos_app/ui/loyalty_view.py) --------------------------------------------

    def open_gift_card(self, text: str) -> bool:
        """A gift card number (scanned or typed): its sheet (balance, load, void). False when the
        text is not one (a bad check digit is said)."""
        t = text.strip()
        if not re.fullmatch(r"(?i)gc[\s-]*[0-9][0-9\s-]*", t):  # "GC" and digits only: else a search
            return False
        from pos_app.services.accounts import card_number
        from pos_app.services.errors import ValidationFailed
        from pos_app.ui.loyalty_view import GiftCardSheet

        try:
            number = card_number(t)
        except ValidationFailed as e:
            self.say(error_text(e), "error")
            return True

        if self.gift_sheet is not None:
            self.gift_sheet.reject()
        self.gift_sheet = GiftCardSheet(self, number)
        self.gift_sheet.finished.connect(lambda: setattr(self, "gift_sheet", None))
        self.gift_sheet.open()
        return True

    def load_balances(self, live: bool = True) -> None:
        """The attached customer's points, tier and credit: central's (live) or the cached ones."""
        accounts = getattr(self.device, "accounts", None)
        cid = self._balances_for
        if accounts is None or cid is None:
            return

        def got(b: Any) -> None:
            if b.customer_id != self._balances_for:
                return
            self.balances = b
            from pos_app.ui.loyalty_view import points_text

            self.points_chip.setText(points_text(b))
            self.points_chip.show()
            if self.tender is not None and self.tender.sale is None:
                self.tender.show_balances()

        op = (lambda: accounts.balances(cid)) if live else (lambda: accounts.cached(cid))
        QueryOp(parent=self, op=op, success=got, kind="balances").run_in_background(self.ops)

    def balances_changed(self, event: Any) -> None:
        """The engine pulled `balances` rows: the attached customer's may be among them."""
        if getattr(event, "stream", "") != "balances" or self._balances_for is None:
            return
        keys = getattr(event, "keys", ())
        if not keys or any(k and k[0] == self._balances_for for k in keys):
            self.load_balances(live=False)

    def redeemed_value(self) -> int:
        d = self.basket.discount
        if d is None or not d.reason.startswith("points:"):
            return 0
        return int(d.value)

    def open_loyalty(self) -> None:
        if self.balances is None or self.current is None or self.loyalty_sheet is not None:
            return
        from pos_app.ui.loyalty_view import LoyaltySheet

        self.loyalty_sheet = LoyaltySheet(self, self.balances, self.current, self.service.redeemed(self.basket))
        self.loyalty_sheet.finished.connect(lambda: setattr(self, "loyalty_sheet", None))
        self.loyalty_sheet.open()

    def redeem_points(self, points: int, value: int, sheet: Any) -> None:
        basket, service = self.basket, self.service
        self._change(lambda: service.redeem_points(basket, points, value), lambda _v: sheet.accept())

    def stop_points(self, sheet: Any) -> None:
        basket, service = self.basket, self.service
        self._change(lambda: service.remove_discount(basket), lambda _v: sheet.accept())

    def open_tender(self) -> None:
        """Pay. Whether card may be offered was read on a worker when the basket last changed
        (`refresh_card`); with a terminal set up the sheet starts a card payment at once."""
        view = self.current
        if view is None or view.empty or self.tender is not None:
            return
        if view.ships and (view.customer is None or view.delivery is None):  # no money before the delivery is known
            self.say(self.tr("Choose the customer and the delivery first."), "error")
            self.open_delivery()
            return
        self.tender = TenderSheet(self, view)
        self.tender.finished.connect(self._tender_closed)
        self.tender.open()
        self.tender.amount.setFocus()  # the keyboard types the cash handed over (Enter takes it)

    def refresh_card(self) -> None:
        def got(state: tuple[bool, str]) -> None:
            self.card_info = state

        QueryOp(parent=self, op=self._card_state, success=got, kind="card").run_in_background(self.ops)

    def pay_pickup(self, sale: Any) -> None:
        """A pay-on-pickup order's "Take payment" (the pickup page): its collected lines into
        this basket as pickup lines, then the pay sheet; the sale's completion hands it over."""
        basket, service = self.basket, self.service

        def card_read(state: tuple[bool, str]) -> None:
            self.card_info = state
            self.open_tender()

        def after(_view: BasketView) -> None:
            QueryOp(parent=self, op=self._card_state, success=card_read, kind="card").run_in_background(self.ops)

        self._change(lambda: service.add_pickup(basket, sale), after)

    # --- an exchange ---------------------------------------------------------------------------

    def start_exchange(self, case: Any, draft: Any, credit: int, credit_text: str) -> None:
        """From the returns page's "Exchange": the return's credit waits; the new items are
        scanned into this basket and at Pay the credit is the sale's exchange tender."""
        self.exchange = (case, draft, credit)
        self.exchange_text.setText(
            self.tr("Exchange for {number}: {credit} of credit waiting. Scan the new items, then Pay.")
            .replace("{number}", case.number)
            .replace("{credit}", credit_text)
        )
        self.exchange_row.show()
        self._show_pay(self.current)

    def cancel_exchange(self) -> None:
        """Nothing was written: the return is not taken back (start it again on the returns page)."""
        self.exchange = None
        self.exchange_row.hide()
        self._show_pay(self.current)

    def _tender_closed(self) -> None:
        sheet = self.tender
        self.tender = None
        if sheet is not None and sheet.sale is not None and self.exchange is not None:
            self.cancel_exchange()  # made: the credit is used
        if sheet is not None and sheet.sale is not None:
            sale, view = sheet.sale, sheet.view
            if view.pickup is not None:
                self.pickup_paid.emit(view.pickup, sale)
            self.new_sale()
            change = view.money(sale.change) if sale.change else self.tr("none")
            self.say(
                self.tr("Last sale: receipt {no} · {total} · change {change}")
                .replace("{no}", sale.receipt_no)
                .replace("{total}", view.money(sale.total))
                .replace("{change}", change)
            )

    def complete(self, tenders: list[Tender], sheet: TenderSheet) -> None:
        basket, service, session = self.basket, self.service, self.session
        receipts = getattr(self.device, "sale_receipts", None)
        view = self.current
        exchange = self.exchange
        made: list[Any] = []

        def op() -> tuple[Any, Any]:
            if exchange is not None:  # the return and the sale in one transaction (docs/returns.md)
                case, draft, _credit = exchange
                made.append(self.device.returns.exchange(session, case, draft, basket, tenders))
                sale = made[0].sale
            else:
                sale = service.complete(session, basket, tenders)
            if receipts is None:
                return sale, None
            try:  # the sale is complete: nothing the receipt does may undo that on screen
                return sale, receipts.issue(sale, session)
            except Exception as e:  # shown as a line under the completed sale
                log.exception("receipt of %s", sale.receipt_no)
                return sale, e

        def done(result: tuple[Any, Any]) -> None:
            sale, printed = result
            sheet.show_done(sale, printed)
            if made:
                sheet.show_exchange(made[0])
            self.sale_done.emit(sale, view)

        CollectionOp(parent=sheet, op=op, success=done).failure(sheet.failed).run_in_background(self.ops)

    def card_state(self) -> tuple[bool, str]:
        """What the worker found when Pay was tapped (no disk here)."""
        return self.card_info

    def _card_state(self) -> tuple[bool, str]:
        """(card may be offered, the line to show under it): a worker's call (settings, keyring,
        the offline total); no terminal call."""
        payments = getattr(self.device, "payments", None)
        if payments is None or not payments.configured():
            return False, self.tr("Card — no card terminal set up on this till")
        a = payments.availability()
        if not a.ok:
            return False, self.tr("Card unavailable: {0}").replace("{0}", text_of(a.reason))
        return True, text_of(a.notice)

    def pay_card(self, sheet: TenderSheet, cash: int, amount: int | None = None) -> None:
        """The card payment for what is still due, or ``amount`` of it (split tender: an amount
        typed before Card); one at a time: the service refuses a second."""
        basket, service, session = self.basket, self.service, self.session
        CollectionOp(
            parent=sheet, op=lambda: service.pay_card(session, basket, amount, cash=cash), success=sheet.card_done
        ).failure(sheet.card_failed).run_in_background(self.ops)

    def give_back_card(self, sheet: TenderSheet, service_id: str) -> None:
        """Reverse one approved card payment of this basket on the terminal (the tender sheet's
        "Give back"), referenced to its transaction; the terminal's word comes back to the sheet."""
        payments, session = self.device.payments, self.session
        CollectionOp(
            parent=sheet,
            op=lambda: (service_id, payments.reverse(session, service_id)),
            success=sheet.given_back,
        ).failure(sheet.give_back_failed).run_in_background(self.ops)

    def abort_card(self) -> None:
        """Cancel from the till: the payment's own answer says how it ended (no worker queue:
        the pay op is blocking it)."""
        payments, sale_id = self.device.payments, self.basket.sale_id
        threading.Thread(target=lambda: payments.abort(sale_id), daemon=True).start()

    def decide_card(self, sheet: TenderSheet, service_id: str, approved: bool, code: str) -> None:
        payments, session = self.device.payments, self.session
        CollectionOp(
            parent=sheet,
            op=lambda: payments.decide(session, service_id, approved=approved, approval_code=code),
            success=sheet.card_done,
        ).failure(sheet.card_failed).run_in_background(self.ops)

    def receipt_action(self, kind: str, number: str, sheet: TenderSheet) -> None:
        """A gift receipt or a reprint of the sale just made (journaled by the service)."""
        receipts, session = self.device.sale_receipts, self.session

        def op() -> Any:
            if kind == "gift":
                return receipts.receipts.gift(number)
            return receipts.reprint(number, session, reason="asked at the counter")

        def done(outcome: Any) -> None:
            sheet.receipt_done(self.tr("Printed.") if outcome.printed else sheet._printed_text(outcome))

        CollectionOp(parent=sheet, op=op, success=done).failure(lambda e: sheet.receipt_done(error_text(e))).run_in_background(
            self.ops
        )

    def email_receipt(self, number: str, address: str, sheet: TenderSheet) -> None:
        receipts, session = self.device.sale_receipts, self.session

        def done(req: Any) -> None:
            if req.state == "taken":
                text = self.tr("Central e-mails the receipt to {0}.")
            elif req.state == "refused":
                text = self.tr("Central refused {0}: check the address.")
            else:
                text = self.tr("Queued for {0}: it goes as soon as the till is online.")
            sheet.email_box.hide()
            sheet.receipt_done(text.replace("{0}", req.address))

        CollectionOp(parent=sheet, op=lambda: receipts.email(number, address, session), success=done).failure(
            lambda e: sheet.receipt_done(error_text(e))
        ).run_in_background(self.ops)

    def clear_basket(self) -> None:
        """The basket goes; a card payment it holds is given back first (never money taken
        without a sale)."""
        basket, service, session = self.basket, self.service, self.session

        def op() -> BasketView:
            service.abandon(session, basket)
            return service.clear(basket)

        self._change(op)

    def new_sale(self) -> None:
        self.basket = self.service.new()
        self.show_basket(None)
        self.search.clear()
        self._show_tiles()


class VariantSheet(Sheet):
    """The style's colours and sizes as buttons (only the ones that exist)."""

    chosen = Signal(int)

    def __init__(self, host: SellView, view: Any) -> None:
        super().__init__(host, 760)
        title = QLabel(getattr(view, "local_name", "") or view.name)
        title.setObjectName("title")
        title.setWordWrap(True)
        self.layout_.addWidget(title)
        hint = QLabel(self.tr("Tap the colour and size to add"))
        hint.setObjectName("hint")
        self.layout_.addWidget(hint)
        grid = QGridLayout()
        for r, colour in enumerate(view.colours):
            names = getattr(view, "colour_names", None) or {}
            label = QLabel(
                names.get(colour, colour) if names.get(colour, colour) == colour else f"{names[colour]}\n{colour}"
            )
            grid.addWidget(label, r, 0)
            for c, size in enumerate(view.sizes):
                cell = view.cell(colour, size)
                if cell is None:
                    continue
                b = QPushButton(f"{size}")
                b.setObjectName("size")
                b.setToolTip(f"{cell.sku} · {cell.available}")
                b.clicked.connect(lambda _=False, v=cell.variant_id: self._pick(v))
                grid.addWidget(b, r, c + 1)
        self.layout_.addLayout(grid)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.footer.addStretch(1)
        self.footer.addWidget(cancel)

    def _pick(self, vid: int) -> None:
        self.chosen.emit(vid)
        self.accept()


class LineSheet(Sheet):
    """One line's quantity, discount or new price — or (line None) the basket's discount.
    Above the person's limit the sheet turns into the supervisor's PIN, then applies."""

    def __init__(self, host: SellView, view: BasketView, line: LineView | None) -> None:
        super().__init__(host, 760)
        self.host_view = host
        self.view = view
        self.line = line
        self.approver: Any = None
        title = QLabel(
            f"{line.name} · {line.colour} · {line.size}" if line else self.tr("Discount on the whole basket")
        )
        title.setObjectName("title")
        title.setWordWrap(True)
        self.layout_.addWidget(title)
        sub = QLabel(
            self.tr("{q} × {p} = {t}")
            .replace("{q}", str(line.quantity))
            .replace("{p}", line.unit_price)
            .replace("{t}", line.total)
            if line
            else self.tr("Basket total {0}").replace("{0}", view.total)
        )
        sub.setObjectName("subtitle")
        self.layout_.addWidget(sub)
        self.form = QWidget()
        form = QGridLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        modes = QHBoxLayout()
        self.modes: dict[str, QPushButton] = {}
        names = (
            [
                ("quantity", self.tr("Quantity")),
                ("percent", self.tr("% off")),
                ("amount", self.tr("Amount off")),
                ("price", self.tr("New price")),
            ]
            if line
            else [("percent", self.tr("% off")), ("amount", self.tr("Amount off"))]
        )
        for key, text in names:
            b = QPushButton(text)
            b.setCheckable(True)
            b.setAutoExclusive(True)
            b.clicked.connect(lambda _=False, k=key: self._mode(k))
            modes.addWidget(b)
            self.modes[key] = b
        left = QVBoxLayout()
        left.addLayout(modes)
        self.value = QLineEdit()
        self.value.setObjectName("counted")
        self.value.setAccessibleName(self.tr("Discount"))
        self.value.setAlignment(Qt.AlignmentFlag.AlignRight)
        left.addWidget(self.value)
        self.reason_title = QLabel(self.tr("Reason"))
        self.reason_title.setObjectName("hint")
        left.addWidget(self.reason_title)
        self.reasons: dict[str, QPushButton] = {}
        rg = QGridLayout()
        for i, reason in enumerate(REASONS):
            b = QPushButton(self.tr(reason))
            b.setCheckable(True)
            b.setAutoExclusive(True)
            rg.addWidget(b, i // 2, i % 2)
            self.reasons[reason] = b
        self.reason_box = QWidget()
        self.reason_box.setLayout(rg)
        rg.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.reason_box)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        left.addWidget(self.error)
        left.addStretch(1)
        lw = QWidget()
        lw.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        self.pad = NumberPad(self.value)
        self.form_grid = form
        form.addWidget(lw, 0, 0)
        form.addWidget(self.pad, 0, 1)
        self.layout_.addWidget(self.form)
        self.approval = ApprovalPanel()
        self.approval.submitted.connect(self._approve)
        self.approval.cancelled.connect(self._back_to_form)
        self.approval.hide()
        self.layout_.addWidget(self.approval)
        self.remove_discount = QPushButton(self.tr("No discount"))
        self.remove_discount.clicked.connect(self._no_discount)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.clicked.connect(self.reject)
        self.ok = QPushButton(self.tr("Apply"))
        self.ok.setObjectName("primary")
        self.ok.clicked.connect(self.apply)
        self.footer.addWidget(self.remove_discount)
        self.footer.addStretch(1)
        self.footer.addWidget(self.cancel)
        self.footer.addWidget(self.ok)
        self.mode = ""
        first = "quantity" if line else "percent"
        self.modes[first].setChecked(True)
        self._mode(first)

    def resizeEvent(self, event: Any) -> None:
        stacked = self.host.width() < NARROW
        if (self.form_grid.itemAtPosition(1, 0) is not None) != stacked:
            self.form_grid.removeWidget(self.pad)
            self.form_grid.addWidget(self.pad, *((1, 0) if stacked else (0, 1)))
        super().resizeEvent(event)

    def show_problem(self, text: str) -> None:
        if self.approval.isVisible():
            self.approval.error.setText(text)
        else:
            self.error.setText(text)

    def _mode(self, key: str) -> None:
        self.mode = key
        self.error.setText("")
        self.reason_box.setVisible(key != "quantity")
        self.reason_title.setVisible(key != "quantity")
        cur = self.view.currency
        if key == "quantity" and self.line is not None:
            self.value.setText(str(self.line.quantity))
            self.value.setPlaceholderText("")
        else:
            self.value.clear()
            self.value.setPlaceholderText({"percent": "%", "amount": cur, "price": cur}.get(key, ""))
        self.value.setFocus()
        self.fit()

    def _reason(self) -> str:
        return next((r for r, b in self.reasons.items() if b.isChecked()), "")

    def apply(self) -> None:
        host, service, basket, session = (
            self.host_view,
            self.host_view.service,
            self.host_view.basket,
            self.host_view.session,
        )
        text = self.value.text().strip()
        self.error.setText("")
        approver = self.approver
        key = self.line.key if self.line else None
        cur = self.view.currency
        if self.mode == "quantity":
            if not text.lstrip("-").isdigit():
                self.error.setText(self.tr("Type how many, as a whole number."))
                return
            qty = int(text)

            def op() -> BasketView:
                assert key is not None
                return service.set_quantity(basket, key, qty)

        else:
            reason = self._reason()
            if self.mode == "percent":
                value = text
            else:
                minor = minor_units(text, cur)
                if minor is None:
                    self.error.setText(self.tr("Type an amount, like 500 or 12.50."))
                    return
                value = str(minor)
            if not reason:
                self.error.setText(self.tr("Choose a reason."))
                return
            mode = self.mode

            def op() -> BasketView:
                if mode == "price":
                    assert key is not None
                    return service.override(basket, key, int(value), reason, session, approver)
                if key is None:
                    return service.discount_basket(basket, mode, value, reason, session, approver)
                return service.discount_line(basket, key, mode, value, reason, session, approver)

        def done(view: BasketView) -> None:
            host.show_basket(view)
            self.accept()

        CollectionOp(parent=self, op=op, success=done).failure(self._refused).run_in_background(host.ops)

    def _refused(self, error: BaseException) -> bool:
        if isinstance(error, PermissionNeeded) and error.code in ("discount.approval", "override.approval"):
            self.ask_approval(error_text(error), error.needed)
            return True
        return False

    def ask_approval(self, why: str, needed: Any) -> None:
        service, auth = self.host_view.service, self.host_view.device.auth
        permission = service.approval_permission(needed)
        self.permission = permission
        self.form.hide()
        self.ok.hide()
        self.remove_discount.hide()
        self.approval.heading.setText(why)
        self.approval.show()
        QueryOp(parent=self, op=lambda: auth.approvers(permission), success=self.approval.set_people).run_in_background(
            self.host_view.ops
        )
        self.fit()

    def _approve(self, staff_id: int, pin: str) -> None:
        auth, permission = self.host_view.device.auth, self.permission

        def approved(member: Any) -> None:
            self.approver = member
            self._back_to_form()
            self.apply()

        CollectionOp(
            parent=self, op=lambda: auth.approve(staff_id, pin, permission), success=approved
        ).run_in_background(self.host_view.ops)

    def _back_to_form(self) -> None:
        self.approval.hide()
        self.form.show()
        self.ok.show()
        self.remove_discount.show()
        self.fit()

    def _no_discount(self) -> None:
        host, service, basket = self.host_view, self.host_view.service, self.host_view.basket
        key = self.line.key if self.line else None

        def done(view: BasketView) -> None:
            host.show_basket(view)
            self.accept()

        CollectionOp(parent=self, op=lambda: service.remove_discount(basket, key), success=done).run_in_background(
            host.ops
        )


class ParkedSheet(Sheet):
    def __init__(self, host: SellView) -> None:
        super().__init__(host, 700)
        self.host_view = host
        title = QLabel(self.tr("Parked baskets"))
        title.setObjectName("title")
        self.layout_.addWidget(title)
        self.list = QVBoxLayout()
        self.layout_.addLayout(self.list)
        self.none = QLabel(self.tr("Loading…"))
        self.none.setObjectName("hint")
        self.list.addWidget(self.none)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.footer.addStretch(1)
        self.footer.addWidget(close)

    def show_problem(self, text: str) -> None:
        self.none.setText(text)

    def show_entries(self, entries: list[Any]) -> None:
        _clear_layout(self.list)
        if not entries:
            self.none = QLabel(self.tr("No basket is parked on this device."))
            self.none.setObjectName("hint")
            self.list.addWidget(self.none)
            self.none.show()
        for e in sorted(entries, key=lambda x: x.parked_at, reverse=True):
            tz = getattr(self.host_view.window(), "tz", None)  # the store's zone (the main window's)
            when = e.parked_at.astimezone(tz).strftime("%H:%M")
            items = self.tr("1 item") if e.items == 1 else self.tr("{0} items").replace("{0}", str(e.items))
            label = e.label or items
            b = QPushButton(
                self.tr("{when} · {what} · {total} — Resume")
                .replace("{when}", when)
                .replace("{what}", label)
                .replace("{total}", e.total)
            )
            b.setObjectName("parkedEntry")
            b.clicked.connect(lambda _=False, pid=e.id: self.host_view.resume(pid))
            self.list.addWidget(b)
            b.show()  # now, so the card is measured with it
        self.fit()


class TenderSheet(Sheet):
    """Pay: the amount due, quick cash amounts (one tap pays), a pad for another amount, cash
    in several parts, card (next issue), then the receipt number and the change."""

    def __init__(self, host: SellView, view: BasketView) -> None:
        super().__init__(host, 820)
        self.host_view = host
        self.view = view
        self.tenders: list[Tender] = []
        self.sale: Any = None
        self.busy = False
        self.due_label = QLabel("")
        self.due_label.setObjectName("due")
        self.layout_.addWidget(self.due_label)
        self.paid_label = QLabel("")
        self.paid_label.setObjectName("hint")
        self.paid_label.setWordWrap(True)
        self.layout_.addWidget(self.paid_label)
        # One "Give back" per approved card of an unfinished split (PaymentService.reverse).
        self.give_back_box = QGridLayout()
        self.give_back_box.setSpacing(8)
        self.layout_.addLayout(self.give_back_box)
        self.give_back_buttons: dict[str, QPushButton] = {}
        self.form = QWidget()
        grid = QGridLayout(self.form)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        self.form_grid = grid
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        cash = QLabel(self.tr("Cash — tap what you are handed"))
        cash.setObjectName("subtitle")
        left.addWidget(cash)
        self.quick_box = QGridLayout()
        self.quick_box.setSpacing(8)
        left.addLayout(self.quick_box)
        self.card_ok, card_note = host.card_state() if hasattr(host, "card_state") else (False, "")
        self.card_button = QPushButton(self.tr("Card") if self.card_ok else card_note)
        self.card_button.setObjectName("primary" if self.card_ok else "later")
        self.card_button.setEnabled(self.card_ok)
        self.card_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.card_button.clicked.connect(self.pay_by_card)
        left.addWidget(self.card_button)
        self.card_note = QLabel(card_note if self.card_ok else "")
        self.card_note.setObjectName("hint")
        self.card_note.setWordWrap(True)
        self.card_note.setVisible(bool(self.card_ok and card_note))
        left.addWidget(self.card_note)
        # Store credit and gift cards (pos_app/ui/loyalty_view.py): spends taken for this basket.
        from pos_app.ui.loyalty_view import StoredValuePanel

        self.spends: list[Any] = []
        self.stored = StoredValuePanel(self)
        left.addWidget(self.stored)
        # Waiting for the customer at the terminal, and what staff record when it cannot say.
        self.paying = False
        self.cards: list[Any] = []  # approved card payments of this basket (CardPayment)
        self.pending_cash: int | None = None
        self.unknown: Any = None
        self.waiting = QLabel("")
        self.waiting.setObjectName("subtitle")
        self.waiting.setWordWrap(True)
        self.waiting.hide()
        self.layout_.addWidget(self.waiting)
        self.cancel_card = QPushButton(self.tr("Cancel card payment"))
        self.cancel_card.clicked.connect(self._cancel_card)
        self.cancel_card.hide()
        self.layout_.addWidget(self.cancel_card)
        self.decide_box = QWidget()
        dbl = QHBoxLayout(self.decide_box)
        dbl.setContentsMargins(0, 0, 0, 0)
        self.approval = QLineEdit()
        self.approval.setObjectName("search")
        self.approval.setPlaceholderText(self.tr("Approval code the terminal shows"))
        self.approval.setAccessibleName(self.approval.placeholderText())
        self.shows_approved = QPushButton(self.tr("It shows approved"))
        self.shows_approved.clicked.connect(lambda: self._decide(True))
        self.shows_nothing = QPushButton(self.tr("Nothing charged"))
        self.shows_nothing.clicked.connect(lambda: self._decide(False))
        dbl.addWidget(self.approval, 1)
        dbl.addWidget(self.shows_approved)
        dbl.addWidget(self.shows_nothing)
        self.decide_box.hide()
        self.layout_.addWidget(self.decide_box)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        left.addWidget(self.error)
        left.addStretch(1)
        lw = QWidget()
        lw.setLayout(left)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        self.amount = QLineEdit()
        self.amount.setObjectName("counted")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setPlaceholderText(self.tr("Other amount"))
        self.amount.setAccessibleName(self.amount.placeholderText())
        self.amount.returnPressed.connect(self._typed)
        right.addWidget(self.amount)
        right.addWidget(NumberPad(self.amount, decimals=exponent(view.currency) > 0))
        self.take = QPushButton(self.tr("Take cash"))
        self.take.setObjectName("primary")
        self.take.clicked.connect(self._typed)
        right.addWidget(self.take)
        self.pad_box = QWidget()
        self.pad_box.setLayout(right)
        grid.addWidget(lw, 0, 0)
        grid.addWidget(self.pad_box, 0, 1)
        self.layout_.addWidget(self.form)
        # The result: receipt number and change, big.
        self.done = QWidget()
        dl = QVBoxLayout(self.done)
        dl.setContentsMargins(0, 0, 0, 0)
        self.change = QLabel("")
        self.change.setObjectName("change")
        self.change.setWordWrap(True)
        self.receipt = QLabel("")
        self.receipt.setObjectName("subtitle")
        self.receipt.setWordWrap(True)
        self.receipt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.change)
        dl.addWidget(self.receipt)
        # The receipt's own actions: a gift receipt, a reprint, or an e-mail (typed here).
        acts = QHBoxLayout()
        self.gift_button = QPushButton(self.tr("Gift receipt"))
        self.gift_button.clicked.connect(lambda: self._receipt_action("gift"))
        self.reprint_button = QPushButton(self.tr("Print again"))
        self.reprint_button.clicked.connect(lambda: self._receipt_action("reprint"))
        self.email_button = QPushButton(self.tr("E-mail receipt"))
        self.email_button.clicked.connect(self._ask_email)
        for b in (self.gift_button, self.reprint_button, self.email_button):
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            acts.addWidget(b)
        dl.addLayout(acts)
        self.email_box = QWidget()
        el = QHBoxLayout(self.email_box)
        el.setContentsMargins(0, 0, 0, 0)
        self.email = QLineEdit()
        self.email.setObjectName("search")
        self.email.setPlaceholderText(self.tr("The customer's e-mail address"))
        self.email.setAccessibleName(self.email.placeholderText())
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.email.returnPressed.connect(self._send_email)
        self.send_email = QPushButton(self.tr("Send"))
        self.send_email.setObjectName("primary")
        self.send_email.clicked.connect(self._send_email)
        el.addWidget(self.email, 1)
        el.addWidget(self.send_email)
        self.email_box.hide()
        dl.addWidget(self.email_box)
        self.receipt_note = QLabel("")
        self.receipt_note.setObjectName("hint")
        self.receipt_note.setWordWrap(True)
        dl.addWidget(self.receipt_note)
        self.done.hide()
        self.layout_.addWidget(self.done)
        self.back = QPushButton(self.tr("Back to the basket"))
        self.back.clicked.connect(self.reject)
        self.next = QPushButton(self.tr("New sale"))
        self.next.setObjectName("primary")
        self.next.clicked.connect(self.accept)
        self.next.hide()
        self.footer.addWidget(self.back)
        self.footer.addStretch(1)
        self.footer.addWidget(self.next)
        exchange = getattr(host, "exchange", None)
        self.credit_covers = False
        if exchange is not None:  # the return's credit first; what it does not cover is paid as usual
            case, _draft, credit = exchange
            self.tenders.append(Tender(TenderType.EXCHANGE, min(credit, view.total_minor), case.number[:100]))
            self.credit_covers = credit >= view.total_minor
        self._refresh()
        self.show_balances()
        if self.credit_covers:  # cheaper or even: nothing to pay; the rest goes back as the sale was paid
            QTimer.singleShot(0, self._complete)
        elif self.card_ok:  # decision (docs/checkout.md): with a terminal, Pay is a card payment at once
            QTimer.singleShot(0, self.pay_by_card)

    def resizeEvent(self, event: Any) -> None:
        stacked = self.host.width() < NARROW
        if (self.form_grid.itemAtPosition(1, 0) is not None) != stacked:
            self.form_grid.removeWidget(self.pad_box)
            self.form_grid.addWidget(self.pad_box, *((1, 0) if stacked else (0, 1)))
        super().resizeEvent(event)

    def show_problem(self, text: str) -> None:
        self.error.setText(text)

    def paid(self) -> int:
        return sum(t.amount for t in self.tenders) + self.card_paid()

    def due_now(self) -> int:
        v = self.view
        return max(0, (v.cash_total_minor if not self.cards else v.total_minor) - self.paid())

    def show_balances(self) -> None:
        self.stored.show_balances(getattr(self.host_view, "balances", None), self.due_now(), self.view.money)

    def take_stored_value(self, kind: str, card_no: str | None = None) -> None:
        """Store credit or a gift card for what is still due (as much as it holds): a spend at
        central now (offline: within the cached balance and today's cap)."""
        if self.busy or self.sale is not None or self.paying:
            return
        due = self.due_now()
        accounts = self.host_view.device.accounts
        sale_id = str(self.view.sale_id)
        customer = self.view.customer
        if kind == "credit" and customer is None:
            self.show_problem(self.tr("Attach the customer first: store credit is theirs."))
            return
        self.error.setText("")

        def op() -> Any:
            if kind == "gift":
                card = accounts.gift_card(card_no or "")
                amount = min(due, max(0, card.balance))
                return accounts.spend(sale_id, "gift", amount, card_no=card.number)
            balance = self.host_view.balances.credit if self.host_view.balances is not None else due
            return accounts.spend(sale_id, "credit", min(due, balance), customer_id=customer.id if customer else None)

        def done(spend: Any) -> None:
            kind_ = TenderType.GIFT_CARD if spend.kind == "gift" else TenderType.STORE_CREDIT
            self.tenders.append(Tender(kind_, spend.amount, spend.reference))
            self.spends.append(spend)
            self.stored.taken()
            if spend.offline:
                self.stored.note.setText(
                    self.tr(
                        "Taken offline: {0}. Central checks it when it is back; what is short goes to head office."
                    ).replace("{0}", self.view.money(spend.amount))
                )
                self.stored.note.show()
            due_total = self.view.cash_total_minor if not self.cards else self.view.total_minor
            if self.paid() >= due_total:
                self._complete()
                return
            self._refresh()
            self.show_balances()

        def refused(e: BaseException) -> bool:
            self.show_problem(error_text(e))
            return True

        CollectionOp(parent=self, op=op, success=done).failure(refused).run_in_background(self.host_view.ops)

    def _give_back_spends(self) -> None:
        """ "Start again": the spends taken for this basket go back on their accounts."""
        spends, self.spends = self.spends, []
        if not spends:
            return
        accounts = self.host_view.device.accounts
        sale_id = str(self.view.sale_id)

        def op() -> None:
            for sp in spends:
                accounts.cancel(sp, sale_id)

        CollectionOp(parent=self.host_view, op=op).run_in_background(self.host_view.ops)

    def card_paid(self) -> int:
        return sum(p.approved_amount for p in self.cards)

    # --- card ---------------------------------------------------------------------------------

    def pay_by_card(self) -> None:
        """Card for what is still due (a double tap never starts two: `paying`, and the service
        refuses a second payment of the same basket)."""
        if self.paying or self.busy or self.sale is not None or not self.card_ok:
            return
        self.paying = True
        self.error.setText("")
        self.waiting.setText(self.tr("Customer is paying on the terminal…"))
        self.waiting.show()
        self.cancel_card.show()
        self.cancel_card.setEnabled(True)
        self.card_button.setEnabled(False)
        self.back.setEnabled(False)
        self.fit()
        part = minor_units(self.amount.text(), self.view.currency) if self.amount.text().strip() else None
        self.amount.clear()
        self.host_view.pay_card(self, sum(t.amount for t in self.tenders), part if part and part > 0 else None)

    def _cancel_card(self) -> None:
        if self.paying:
            self.cancel_card.setEnabled(False)
            self.waiting.setText(self.tr("Cancelling on the terminal… its answer decides."))
            self.host_view.abort_card()

    def _end_paying(self) -> None:
        self.paying = False
        self.waiting.hide()
        self.cancel_card.hide()
        self.back.setEnabled(True)
        self.card_button.setEnabled(self.card_ok)

    def card_done(self, p: Any) -> None:
        """The terminal's final word on one card payment."""
        self._end_paying()
        self.decide_box.hide()
        self.unknown = None
        v = self.view
        cash, self.pending_cash = self.pending_cash, None
        if p.state == "approved":
            self.cards.append(p)
            left = v.total_minor - self.card_paid() - sum(t.amount for t in self.tenders)
            if left <= 0:
                self._complete()
                return
            self.error.setText(
                self.tr("Card paid {0}; {1} still due.")
                .replace("{0}", v.money(p.approved_amount))
                .replace("{1}", v.money(left))
            )
        elif p.state == "unknown":
            self.unknown = p
            self.error.setText(
                self.tr(
                    "The terminal cannot say how this payment ended. Look at the terminal and record what it shows."
                )
            )
            self.decide_box.show()
            self.card_button.setEnabled(False)
        elif p.state == "cancelled":
            self.error.setText(self.tr("Card payment cancelled."))
            if cash is not None:
                self.cash(cash)
                return
        else:
            self.error.setText(p.message or self.tr("The card was declined — ask for another card or take cash."))
        self._refresh()
        self._show_error()

    def card_failed(self, error: BaseException) -> None:
        self._end_paying()
        self.pending_cash = None
        self.error.setText(error_text(error))
        self._refresh()
        self._show_error()

    def _give_back(self, service_id: str) -> None:
        if self.paying or self.busy or self.sale is not None:
            return
        for b in self.give_back_buttons.values():
            b.setEnabled(False)
        self.error.setText("")
        self.waiting.setText(self.tr("Giving the card payment back on the terminal…"))
        self.waiting.show()
        self.back.setEnabled(False)
        self.fit()
        self.host_view.give_back_card(self, service_id)

    def given_back(self, result: tuple[str, Any]) -> None:
        service_id, q = result
        self.waiting.hide()
        self.back.setEnabled(True)
        card = next((p for p in self.cards if p.service_id == service_id), None)
        if q.state == "refunded" and card is not None:
            self.cards.remove(card)
            self.error.setText(
                self.tr("Given back {0} to the card ending {1}.")
                .replace("{0}", self.view.money(q.approved_amount))
                .replace("{1}", card.masked_pan[-4:])
            )
        else:
            self.error.setText(
                q.message
                or self.tr("The terminal has not said the money went back: look at the terminal, then try again.")
            )
        self._refresh()
        self._show_error()

    def give_back_failed(self, error: BaseException) -> None:
        self.waiting.hide()
        self.back.setEnabled(True)
        self.error.setText(error_text(error))
        self._refresh()
        self._show_error()

    def _show_error(self) -> None:
        """The terminal's word in sight: on a short screen (853×533) the line under Card was
        below the fold, half cut."""
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(self.error))

    def _decide(self, approved: bool) -> None:
        if self.unknown is not None:
            self.host_view.decide_card(self, self.unknown.service_id, approved, self.approval.text())

    def _complete(self) -> None:
        self.busy = True
        for b in self.findChildren(QPushButton):
            b.setEnabled(False)
        self.host_view.complete(list(self.tenders), self)

    def _refresh(self) -> None:
        v = self.view
        due = max(0, v.cash_total_minor - self.paid()) if not self.cards else max(0, v.total_minor - self.paid())
        if self.cards:
            self.card_button.setText(self.tr("Card {0}").replace("{0}", v.money(due)))
        elif self.card_ok:
            self.card_button.setText(self.tr("Card"))
        _clear_layout(self.give_back_box)
        self.give_back_buttons = {}
        for i, p in enumerate(self.cards if self.sale is None else []):
            b = QPushButton(
                self.tr("Give back {0} ({1} {2})")
                .replace("{0}", v.money(p.approved_amount))
                .replace("{1}", p.brand.upper())
                .replace("{2}", p.masked_pan[-4:])
            )
            b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, sid=p.service_id: self._give_back(sid))
            b.setEnabled(not self.paying and not self.busy)
            self.give_back_box.addWidget(b, i // 2, i % 2)
            b.show()
            self.give_back_buttons[p.service_id] = b
        if self.cards and not self.tenders:
            self.due_label.setText(self.tr("Still due {0}").replace("{0}", v.money(due)))
            self.paid_label.setText(
                self.tr("Card taken: {0} (kept with the basket; clearing the basket gives it back)").replace(
                    "{0}",
                    " + ".join(
                        f"{v.money(p.approved_amount)} {p.brand.upper()} {p.masked_pan[-4:]}" for p in self.cards
                    ),
                )
            )
        elif self.tenders:
            self.due_label.setText(self.tr("Still due {0}").replace("{0}", v.money(due)))
            only_credit = all(t.type is TenderType.EXCHANGE for t in self.tenders)  # kept by "Start again"
            taken = self.tr("Taken: {0}") if only_credit else self.tr("Taken: {0} (“Start again” to change it)")
            self.paid_label.setText(
                taken.replace("{0}", " + ".join(f"{self._tender_word(t)} {v.money(t.amount)}" for t in self.tenders))
            )
            self.back.setText(self.tr("Back to the basket") if only_credit else self.tr("Start again"))
        else:
            self.due_label.setText(self.tr("To pay {0}").replace("{0}", v.total))
            self.paid_label.setText("")
        _clear_layout(self.quick_box)
        amounts = list(v.quick) if not self.tenders else self.host_view.service.quick(due, v)
        for i, (minor, text) in enumerate(amounts):
            b = QPushButton(text if i else self.tr("{0} exact").replace("{0}", text))
            b.setObjectName("quick")
            b.clicked.connect(lambda _=False, m=minor: self.cash(m))
            self.quick_box.addWidget(b, i // 2, i % 2)
            b.show()
        self.fit()

    def _tender_word(self, t: Tender) -> str:
        if t.type is TenderType.EXCHANGE:
            return self.tr("exchange credit")
        if t.type is TenderType.GIFT_CARD:
            return self.tr("gift card")
        if t.type is TenderType.STORE_CREDIT:
            return self.tr("store credit")
        return self.tr("cash")

    def _typed(self) -> None:
        minor = minor_units(self.amount.text(), self.view.currency)
        if minor is None or minor <= 0:
            self.error.setText(self.tr("Type the amount handed over, like 5000 or 20.50."))
            return
        self.amount.clear()
        self.cash(minor)

    def cash(self, minor: int) -> None:
        """One cash payment; when cash covers what is due the sale completes (once)."""
        if self.busy or self.sale is not None:
            return  # a double tap: the sale is already on its way
        if self.paying:  # cash instead: the card payment is cancelled first; its answer decides
            self.pending_cash = minor
            self._cancel_card()
            return
        self.error.setText("")
        self.tenders.append(Tender(TenderType.CASH, minor))
        due = self.view.cash_total_minor if not self.cards else self.view.total_minor
        if self.paid() < due:
            self._refresh()  # split: the rest in another payment
            return
        self._complete()

    def failed(self, _error: BaseException) -> None:
        self.busy = False
        # stored value was taken at central already: those tenders stay (Start again gives them back)
        kept = (TenderType.STORE_CREDIT, TenderType.GIFT_CARD, TenderType.EXCHANGE)
        self.tenders[:] = [t for t in self.tenders if t.type in kept]
        for b in self.findChildren(QPushButton):
            b.setEnabled(b is not self.card_button or self.card_ok)
        self._refresh()

    def reject(self) -> None:
        if self.paying:  # the customer is at the terminal: Cancel first
            return
        fresh = [t for t in self.tenders if t.type is not TenderType.EXCHANGE]  # the credit stays
        if fresh and self.sale is None and not self.busy:  # "Start again": forget the cash taken
            self.tenders[:] = [t for t in self.tenders if t.type is TenderType.EXCHANGE]
            self._give_back_spends()
            self._refresh()
            return
        if self.busy and self.sale is None:
            return
        super().reject()

    def _printed_text(self, outcome: Any) -> str:
        """What happened to the paper, in one line (the sale is complete either way)."""
        if outcome is None:
            return ""
        if isinstance(outcome, BaseException):
            return self.tr("The receipt could not be kept ({0}); the sale is complete.").replace("{0}", str(outcome))
        if outcome.printed:
            return self.tr("Receipt printed.") + (self.tr(" Drawer open.") if outcome.drawer_opened else "")
        if outcome.problem == "printer.none":
            return self.tr("No receipt printer on this till: e-mail the receipt, or print it later.")
        why = {
            "printer.offline": self.tr("the printer is off or unreachable"),
            "printer.paper_out": self.tr("the printer is out of paper"),
            "printer.cover_open": self.tr("the printer's cover is open"),
        }.get(outcome.problem or "", self.tr("the printer did not take it"))
        drawer = self.tr(" Drawer open.") if outcome.drawer_opened else ""
        return (
            self.tr("The receipt waits: {0}. It prints by itself when the printer is back.").replace("{0}", why)
            + drawer
        )

    def _receipt_action(self, kind: str) -> None:
        if self.sale is None:
            return
        self.host_view.receipt_action(kind, self.sale.receipt_no, self)

    def _ask_email(self) -> None:
        self.email_box.show()
        if not self.email.text():
            self.email.setText(getattr(self.host_view, "customer_email", lambda: "")() or "")
        self.email.setFocus()
        self.fit()

    def _send_email(self) -> None:
        if self.sale is None:
            return
        self.host_view.email_receipt(self.sale.receipt_no, self.email.text(), self)

    def receipt_done(self, text: str) -> None:
        self.receipt_note.setText(text)
        self.fit()

    def show_exchange(self, made: Any) -> None:
        """The exchange's return under the receipt: the credit used and what went back."""
        v = self.view
        if made.difference < 0:
            back = " + ".join(
                f"{v.money(int(r['amount']))} {self._refund_word(str(r['type']))}"
                for r in made.ret.refunds
                if r["type"] != "exchange"
            )
            text = self.tr("Exchange: {credit} credit; {back} back to the customer.")
            text = text.replace("{back}", back)
        else:
            text = self.tr("Exchange: {credit} credit used.")
        self.receipt.setText(self.receipt.text() + "\n" + text.replace("{credit}", v.money(made.credit)))
        if made.ret.queued:
            self.receipt_note.setText(
                self.tr(
                    "The card refund is queued: tell the customer it reaches their card once the terminal takes it."
                )
            )

    def _refund_word(self, kind: str) -> str:
        return {
            "cash": self.tr("in cash"),
            "card": self.tr("to the card"),
            "store_credit": self.tr("as store credit"),
        }.get(kind, kind)

    def show_done(self, sale: Any, printed: Any = None) -> None:
        self.sale = sale
        self.busy = False
        v = self.view
        self.form.hide()
        self.paid_label.hide()
        self.due_label.setText(self.tr("Paid {0} — thank you").replace("{0}", v.money(sale.total)))
        self.change.setText(
            self.tr("Change {0}").replace("{0}", v.money(sale.change)) if sale.change else self.tr("No change")
        )
        self.receipt.setText(self.tr("Receipt {0}").replace("{0}", sale.receipt_no))
        self.receipt_note.setText(self._printed_text(printed))
        for b in (self.gift_button, self.reprint_button, self.email_button, self.send_email):
            b.setEnabled(True)
        receipts = getattr(self.host_view.device, "receipts", None)
        printer = receipts is not None and receipts.printer is not None  # (no disk: fine here)
        self.gift_button.setVisible(printer)
        self.reprint_button.setVisible(printer)
        self.done.show()
        self.back.hide()
        self.next.show()
        self.next.setEnabled(True)
        self.next.setFocus()
        self.fit()


class CustomerDisplay(QWidget):
    """The customer's screen (a second top-level window): the lines and the total as they are
    rung up, then "Thank you" with the receipt number and the change."""

    def __init__(
        self, store_name: str, parent: QWidget | None = None, page_url: Callable[[Any], str] | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.page_url = page_url  # sale id -> the e-receipt page's address (pure: no disk)
        self.setObjectName("customer")
        self.setWindowTitle(self.tr("Aisle — customer display"))
        self.resize(1280, 800)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        self.store = QLabel(store_name)
        self.store.setObjectName("customerStore")
        lay.addWidget(self.store)
        self.lines = QLabel("")
        self.lines.setObjectName("customerLines")
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.lines, 1)
        self.total = QLabel("")
        self.total.setObjectName("customerTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.total.setWordWrap(True)
        lay.addWidget(self.total)
        # After the sale: a QR the customer's phone opens for the e-receipt.
        self.qr_box = QWidget()
        ql = QHBoxLayout(self.qr_box)
        ql.setContentsMargins(0, 0, 0, 0)
        self.qr = QLabel()
        self.qr.setObjectName("customerQr")
        self.qr_caption = QLabel(f"<p style='font-size:30px'>{self.tr('Scan with your phone for your e-receipt')}</p>")
        self.qr_caption.setObjectName("customerStore")
        self.qr_caption.setWordWrap(True)
        ql.addWidget(self.qr)
        ql.addWidget(self.qr_caption, 1)
        self.qr_box.hide()
        lay.addWidget(self.qr_box)
        self.qr_text = ""
        self.show_basket(None)

    def show_basket(self, view: BasketView | None, emit: bool = True) -> None:
        self.qr_box.hide()
        if view is None or view.empty:
            self.lines.setText(f"<p style='font-size:40px; color:#BCCCDC'>{self.tr('Welcome')}</p>")
            self.total.setText("")
            return
        rows = []
        for line in view.lines[-8:]:
            saved = "".join(f"<br><span style='color:#8EEDB0; font-size:20px'>{s}</span>" for s in line.savings)
            rows.append(
                "<tr><td style='padding:6px 0'>"
                f"{line.quantity} × {line.name} <span style='color:#BCCCDC'>{line.colour} · {line.size}</span>{saved}"
                f"</td><td align='right' style='padding:6px 0 6px 24px'>{line.total}</td></tr>"
            )
        more = len(view.lines) - 8
        head = (
            f"<p style='color:#BCCCDC'>{self.tr('… and {0} more lines').replace('{0}', str(more))}</p>"
            if more > 0
            else ""
        )
        saved = "".join(
            f"<tr><td style='color:#8EEDB0'>{w}</td><td align='right' style='color:#8EEDB0'>{a}</td></tr>"
            for w, a in view.savings
        )
        if view.delivery is not None:  # endless aisle: the customer sees what the fee is for
            d = view.delivery
            saved += (
                f"<tr><td style='color:#9FD3FF'>{self.tr('Delivery')}: {d.option} · {d.days}</td>"
                f"<td align='right' style='color:#9FD3FF'>{d.fee}</td></tr>"
            )
        self.lines.setText(f"{head}<table width='100%' style='font-size:26px'>{''.join(rows)}{saved}</table>")
        self.total.setText(self.tr("Total {0}").replace("{0}", view.total))

    def show_done(self, sale: Any, view: BasketView | None) -> None:
        money = view.money if view is not None else str
        change = (
            f"<p style='font-size:34px'>{self.tr('Your change: {0}').replace('{0}', money(sale.change))}</p>"
            if sale.change
            else ""
        )
        self.lines.setText(
            f"<p style='font-size:64px; font-weight:700'>{self.tr('Thank you!')}</p>{change}"
            f"<p style='font-size:26px; color:#BCCCDC'>{self.tr('Receipt {0}').replace('{0}', sale.receipt_no)}</p>"
        )
        self.total.setText(self.tr("Paid {0}").replace("{0}", money(sale.total)))
        if self.page_url is not None:
            self.qr_text = self.page_url(sale.sale_id)
            self.qr.setPixmap(qr_pixmap(self.qr_text, 6))
            self.qr_box.show()


def qr_pixmap(text: str, scale: int) -> QPixmap:
    """A QR code drawn from qrcode's module matrix, `scale` pixels a module, white quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    image = QImage(n * scale, n * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.drawRect(x * scale, y * scale, scale, scale)
    painter.end()
    return QPixmap.fromImage(image)


__all__ = ["CustomerDisplay", "LineSheet", "ParkedSheet", "SellView", "TenderSheet", "VariantSheet", "minor_units"]
