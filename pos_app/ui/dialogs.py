"""Sheets over the main window: a stock correction (with a supervisor's approval on the spot) and
the queue of what waits to be sent / was rejected (with a supervisor's retry)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.auth import Permission
from pos_app.core.stock import CorrectionReason
from pos_app.services.errors import PermissionNeeded
from pos_app.ui.messages import error_text
from pos_app.ui.operations import CollectionOp, Ops, QueryOp
from pos_app.ui.widgets import ApprovalPanel, Sheet, reason_word

SaveFn = Callable[[int | None, int | None, CorrectionReason, str, Any], str]


class CorrectionDialog(Sheet):
    """How many more (+) or fewer (−) — or type what the shelf has — and why.

    `save(delta, counted, reason, note, approver)` runs as a CollectionOp (a worker); a
    PermissionNeeded answer turns the sheet to the approval page, where a supervisor taps their
    name and types their PIN; `approve(staff_id, pin)` checks it (also on a worker) and the
    correction is saved with both people."""

    def __init__(
        self,
        host: QWidget,
        ops: Ops,
        title: str,
        subtitle: str,
        on_hand: int,
        save: SaveFn,
        approve: Callable[[int, str], Any],
        approvers: Callable[[], list[Any]],
    ) -> None:
        super().__init__(host)
        self.ops = ops
        self.save_fn = save
        self.approve_fn = approve
        self.approvers_fn = approvers
        self.delta = 0
        self.typed: int | None = None  # what the shelf has, when typed
        self.on_hand = on_hand
        self.saved_op: str | None = None
        self.busy = False
        self.pages = QStackedWidget()
        self.layout_.addWidget(self.pages)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(title)  # "Tan · M": what the person is holding, not the SKU
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        sub = QLabel(subtitle)
        sub.setObjectName("subtitle")
        sub.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(sub)
        row = QHBoxLayout()
        minus = QPushButton("−")
        plus = QPushButton("+")
        minus.setAccessibleName(self.tr("One fewer"))
        plus.setAccessibleName(self.tr("One more"))
        for b in (minus, plus):
            b.setObjectName("step")
        self.count = QLabel()
        self.count.setObjectName("price")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setWordWrap(True)
        minus.clicked.connect(lambda: self._step(-1))
        plus.clicked.connect(lambda: self._step(1))
        row.addWidget(minus)
        row.addWidget(self.count, 1)
        row.addWidget(plus)
        layout.addLayout(row)
        shelf = QHBoxLayout()
        shelf_label = QLabel(self.tr("Or the shelf has:"))
        shelf_label.setObjectName("subtitle")
        self.counted = QLineEdit()
        self.counted.setObjectName("counted")
        self.counted.setValidator(QIntValidator(0, 9999, self.counted))
        self.counted.setPlaceholderText(self.tr("count"))
        self.counted.setAccessibleName(self.tr("Or the shelf has:"))
        self.counted.setMaximumWidth(160)
        self.counted.setMinimumWidth(100)
        self.counted.textEdited.connect(self._typed)
        shelf.addWidget(shelf_label)
        shelf.addWidget(self.counted)
        shelf.addStretch(1)
        layout.addLayout(shelf)
        why = QLabel(self.tr("Why?"))
        why.setObjectName("subtitle")
        layout.addWidget(why)
        self.reason_grid = QGridLayout()
        self.reasons = QButtonGroup(self)
        self.reason_buttons: dict[CorrectionReason, QPushButton] = {}
        for reason in CorrectionReason:
            b = QPushButton(reason_word(reason))
            b.setCheckable(True)
            b.setProperty("reason", reason.value)
            self.reasons.addButton(b)
            self.reason_buttons[reason] = b
        layout.addLayout(self.reason_grid)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (needed for “Other”)"))
        self.note.setAccessibleName(self.note.placeholderText())
        layout.addWidget(self.note)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.ok = QPushButton(self.tr("Save correction"))
        self.ok.setObjectName("primary")
        self.ok.clicked.connect(lambda: self._save(None))
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok, 1)
        self.footer.addLayout(buttons)
        layout.addStretch(1)
        self.pages.addWidget(page)
        self.approval = ApprovalPanel()
        self.approval.submitted.connect(self._approve)
        self.approval.cancelled.connect(lambda: self._page(0))
        self.pages.addWidget(self.approval)
        self._show_count()

    def fit(self) -> None:
        if hasattr(self, "reason_buttons"):
            self._show_reasons()  # two or three to a row, as the window is now
        super().fit()

    def _page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.footer_box.setVisible(index == 0)  # the approval page has its own OK and Back
        for i in range(self.pages.count()):
            w = self.pages.widget(i)
            w.setSizePolicy(
                w.sizePolicy().horizontalPolicy(),
                w.sizePolicy().Policy.Preferred if i == index else w.sizePolicy().Policy.Ignored,
            )
        self.fit()

    # --- the count ---------------------------------------------------------------------------

    def _step(self, d: int) -> None:
        base = self.typed - self.on_hand if self.typed is not None else self.delta
        self.typed = None
        self.counted.clear()
        self.delta = base + d
        self._show_count()

    def _typed(self, text: str) -> None:
        self.typed = int(text) if text.strip().isdigit() else None
        self.delta = (self.typed - self.on_hand) if self.typed is not None else 0
        self._show_count()

    def _show_count(self) -> None:
        sign = "+" if self.delta > 0 else ""
        self.count.setText(
            self.tr("{delta}   (in store: {before} → {after})")
            .replace("{delta}", f"{sign}{self.delta}")
            .replace("{before}", str(self.on_hand))
            .replace("{after}", str(self.on_hand + self.delta))
        )
        self._show_reasons()
        self.error.setText("")

    def _show_reasons(self) -> None:
        """Only the reasons that fit the direction: damaged / lost only fewer, found only more."""
        while self.reason_grid.count():
            self.reason_grid.takeAt(0)
        allowed = CorrectionReason.for_delta(self.delta)
        cols = 2 if self.host.width() < 700 else 3  # portrait: two to a row, none cut off
        for reason, b in self.reason_buttons.items():
            if reason not in allowed:
                if b.isChecked():
                    self.reasons.setExclusive(False)
                    b.setChecked(False)
                    self.reasons.setExclusive(True)
                b.hide()
        for i, reason in enumerate(allowed):
            b = self.reason_buttons[reason]
            b.show()
            self.reason_grid.addWidget(b, i // cols, i % cols)

    # --- saving ------------------------------------------------------------------------------

    def show_problem(self, text: str) -> None:
        """Where the operations bridge puts a failure of this sheet's work."""
        if self.pages.currentIndex() == 1:
            self.approval.error.setText(text)
        else:
            self.error.setText(text)

    def _reason(self) -> CorrectionReason | None:
        checked = self.reasons.checkedButton()
        return None if checked is None else CorrectionReason(checked.property("reason"))

    def _save(self, approver: Any = None) -> None:
        if self.busy:
            return
        if self.delta == 0:
            self.error.setText(self.tr("That is what the figures already say, so there is nothing to save."))
            return
        reason = self._reason()
        if reason is None:
            self.error.setText(self.tr("Choose a reason."))
            return
        delta = None if self.typed is not None else self.delta
        counted = self.typed
        note = self.note.text()
        self.busy = True
        self.ok.setEnabled(False)

        def failed(error: BaseException) -> bool:
            self.busy = False
            self.ok.setEnabled(True)
            if isinstance(error, PermissionNeeded) and error.code == "approval.needed":
                self._ask_approval(error_text(error))
                return True
            return False

        CollectionOp(
            parent=self, op=lambda: self.save_fn(delta, counted, reason, note, approver), success=self._saved
        ).failure(failed).run_in_background(self.ops)

    def _saved(self, op_id: str) -> None:
        self.busy = False
        self.saved_op = op_id
        self.accept()

    def _ask_approval(self, text: str) -> None:
        self.approval.heading.setText(text + " " + self.tr("Tap your name, then type your PIN."))
        self.approval.clear()
        self._page(1)
        QueryOp(parent=self, op=self.approvers_fn, success=self._people, kind="approvers").run_in_background(self.ops)

    def _people(self, people: list[Any]) -> None:
        self.approval.set_people(people)
        self.fit()

    def _approve(self, staff_id: int, pin: str) -> None:
        CollectionOp(
            parent=self,
            op=lambda: self.approve_fn(staff_id, pin),
            success=lambda member: self._save(approver=member),
        ).run_in_background(self.ops)


class ProblemsDialog(Sheet):
    """What waits to be sent, what central rejected or could not take, and what went wrong talking
    to central — one tap from the status bar. A rejected or stuck operation can be sent again by a
    supervisor (the signed-in one, or one who enters their PIN here)."""

    def __init__(
        self,
        host: QWidget,
        ops: Ops,
        load: Callable[[], tuple[Any, list[Any]]],
        retry: Callable[[Any, str], str],
        approve: Callable[[int, str], Any],
        approvers: Callable[[], list[Any]],
        session: Any,
        offline_text: Callable[[Any], str],
        redownload: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(host, max_width=820)
        self.redownload_fn = redownload  # (a Session or an approving manager) -> starts it
        self.ops = ops
        self.load_fn = load
        self.retry_fn = retry
        self.approve_fn = approve
        self.approvers_fn = approvers
        self.session = session
        self.offline_text = offline_text
        self.pages = QStackedWidget()
        self.layout_.addWidget(self.pages)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Sending to central"))
        title.setObjectName("title")
        layout.addWidget(title)
        self.link = QLabel("")
        self.link.setObjectName("subtitle")
        self.link.setWordWrap(True)
        layout.addWidget(self.link)
        self.errors_label = QLabel(self.tr("Problems talking to central"))
        self.errors_label.setObjectName("subtitle")
        layout.addWidget(self.errors_label)
        self.errors = QLabel("")  # a few sentences: as tall as they are, no empty box
        self.errors.setObjectName("errorList")
        self.errors.setWordWrap(True)
        layout.addWidget(self.errors)
        queue_label = QLabel(self.tr("Waiting to send, and rejected by central"))
        queue_label.setObjectName("subtitle")
        layout.addWidget(queue_label)
        self.queue = QListWidget()
        self.queue.setAccessibleName(self.tr("Waiting to send, and rejected by central"))
        self.queue.setObjectName("queue")
        self.queue.setWordWrap(True)
        self.queue.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout.addWidget(self.queue)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        # A manager's last resort, shown to everyone (a manager approves on the spot otherwise).
        data_label = QLabel(self.tr("This device's data"))
        data_label.setObjectName("subtitle")
        layout.addWidget(data_label)
        again = QHBoxLayout()
        hint = QLabel(
            self.tr(
                "Downloads the catalog, prices and stock again. What waits to be sent goes first; "
                "the data here stays usable until the new copy is complete."
            )
            + ("" if session is None or session.may(Permission.REBOOTSTRAP) else " " + self.tr("A manager approves."))
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.redownload = QPushButton(self.tr("Download everything again"))
        self.redownload.clicked.connect(lambda: self._redownload(None))
        self.redownload.setVisible(redownload is not None)
        again.addWidget(hint, 1)
        again.addWidget(self.redownload)
        layout.addLayout(again)
        row = QHBoxLayout()
        self.retry = QPushButton(self.tr("Send selected again"))
        self.retry.clicked.connect(lambda: self._retry(None))
        close = QPushButton(self.tr("Close"))
        close.setObjectName("primary")
        close.clicked.connect(self.accept)
        row.addWidget(self.retry)
        row.addStretch(1)
        row.addWidget(close)
        self.footer.addLayout(row)
        self.pages.addWidget(page)
        self.approval = ApprovalPanel()
        self.approval.submitted.connect(self._approve)
        self.approval.cancelled.connect(lambda: (self.pages.setCurrentIndex(0), self.footer_box.show()))
        self.pages.addWidget(self.approval)
        self.approving: Permission = Permission.RETRY_DEAD_LETTER  # what the approval page is for
        self.reload()

    def show_problem(self, text: str) -> None:
        if self.pages.currentIndex() == 1:
            self.approval.error.setText(text)
        else:
            self.error.setText(text)

    def reload(self) -> None:
        QueryOp(parent=self, op=self.load_fn, success=self._show, kind="load").run_in_background(self.ops)

    def _show(self, loaded: tuple[Any, list[Any]]) -> None:
        status, items = loaded
        self.queue.clear()
        self.link.setText(self.offline_text(status))
        errors = list(status.errors)
        self.errors_label.setVisible(bool(errors))
        self.errors.setVisible(bool(errors))
        self.errors.setText("\n".join(f"• {error_text(e)}" for e in errors))  # sync/words.py codes worded
        words = {"pending": self.tr("waiting"), "dead": self.tr("rejected"), "stuck": self.tr("stuck")}
        for it in items:
            text = f"{error_text(it.description)} — {words.get(it.state, it.state)}"  # codes worded
            if it.last_error:
                text += f": {error_text(it.last_error)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, it.op_id)
            if it.state == "pending":
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # nothing to do: it goes by itself
            self.queue.addItem(item)
        if not items:
            self.queue.addItem(QListWidgetItem(self.tr("Nothing waiting: everything was sent.")))
        retryable = any(it.state in ("dead", "stuck") for it in items)
        self.retry.setEnabled(retryable)
        self.queue.setFixedHeight(min(4, max(1, self.queue.count())) * 84 + 4)
        self.fit()

    def _retry(self, approver: Any) -> None:
        item = self.queue.currentItem()
        op_id = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if not op_id:
            self.error.setText(self.tr("Tap a rejected or stuck operation first."))
            return
        who = approver if approver is not None else self.session

        def failed(error: BaseException) -> bool:
            if isinstance(error, PermissionNeeded):
                self._ask(Permission.RETRY_DEAD_LETTER, error_text(error))
                return True
            return False

        def done(outcome: str) -> None:
            self.pages.setCurrentIndex(0)
            self.footer_box.show()
            self.error.setText("")
            self.reload()

        CollectionOp(parent=self, op=lambda: self.retry_fn(who, str(op_id)), success=done).failure(
            failed
        ).run_in_background(self.ops)

    def _ask(self, permission: Permission, text: str) -> None:
        """The approval page, for `permission`: names of those who may, and the PIN pad."""
        self.approving = permission
        self.approval.heading.setText(text)
        self.approval.clear()
        self.pages.setCurrentIndex(1)
        self.footer_box.hide()
        self.fit()
        QueryOp(
            parent=self, op=lambda: self.approvers_fn(permission), success=self.approval.set_people, kind="approvers"
        ).run_in_background(self.ops)

    def _approve(self, staff_id: int, pin: str) -> None:
        permission = self.approving
        then = self._retry if permission is Permission.RETRY_DEAD_LETTER else self._redownload
        CollectionOp(
            parent=self,
            op=lambda: self.approve_fn(staff_id, pin, permission),
            success=lambda member: then(member),
        ).run_in_background(self.ops)

    def _redownload(self, approver: Any) -> None:
        """A manager (signed in, or approving here) starts the download; the window runs it."""
        if self.redownload_fn is None:
            return
        if approver is None and not (self.session is not None and self.session.may(Permission.REBOOTSTRAP)):
            self._ask(
                Permission.REBOOTSTRAP,
                self.tr("Downloading everything again needs a manager. Tap your name, then type your PIN."),
            )
            return
        self.redownload_fn(approver if approver is not None else self.session)
        self.accept()


__all__ = ["CorrectionDialog", "Permission", "ProblemsDialog"]
