"""Dialogs: stock correction, sync problems, bootstrap progress."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.stock import CorrectionReason
from pos_app.local.store import LocalStore


class CorrectionDialog(QDialog):
    """How many more (+) or fewer (−), and why. Saving writes it locally and queues it."""

    def __init__(
        self,
        item: str,
        on_hand: int,
        save: Callable[[int, CorrectionReason, str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct stock"))
        self.setMinimumWidth(560)
        self.save_fn = save
        self.delta = 0
        self.on_hand = on_hand
        layout = QVBoxLayout(self)
        title = QLabel(item)
        title.setObjectName("title")
        title.setWordWrap(True)
        layout.addWidget(title)
        row = QHBoxLayout()
        minus = QPushButton("−")
        plus = QPushButton("+")
        for b in (minus, plus):
            b.setObjectName("pin")
        self.count = QLabel()
        self.count.setObjectName("price")
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        minus.clicked.connect(lambda: self._step(-1))
        plus.clicked.connect(lambda: self._step(1))
        row.addWidget(minus)
        row.addWidget(self.count, 1)
        row.addWidget(plus)
        layout.addLayout(row)
        why = QLabel(self.tr("Why?"))
        why.setObjectName("subtitle")
        layout.addSpacing(12)
        layout.addWidget(why)
        grid = QGridLayout()
        self.reasons = QButtonGroup(self)
        for i, reason in enumerate(CorrectionReason):
            b = QPushButton(self.tr(reason.label))
            b.setCheckable(True)
            b.setProperty("reason", reason.value)
            self.reasons.addButton(b)
            grid.addWidget(b, i // 3, i % 3)
        layout.addLayout(grid)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (needed for “Other”)"))
        layout.addWidget(self.note)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addStretch(1)  # count, reason and note stay together; the buttons sit at the bottom
        buttons = QHBoxLayout()
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        self.ok = QPushButton(self.tr("Save correction"))
        self.ok.setObjectName("primary")
        self.ok.clicked.connect(self._save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok, 1)
        layout.addLayout(buttons)
        self._step(0)

    def _step(self, d: int) -> None:
        self.delta += d
        sign = "+" if self.delta > 0 else ""
        self.count.setText(
            self.tr("{delta}   (in store: {before} → {after})")
            .replace("{delta}", f"{sign}{self.delta}")
            .replace("{before}", str(self.on_hand))
            .replace("{after}", str(self.on_hand + self.delta))
        )

    def _save(self) -> None:
        checked = self.reasons.checkedButton()
        if checked is None:
            self.error.setText(self.tr("Choose a reason."))
            return
        reason = CorrectionReason(checked.property("reason"))
        problem = self.save_fn(self.delta, reason, self.note.text())
        if problem:
            self.error.setText(problem)
        else:
            self.accept()


class ProblemsDialog(QDialog):
    """Sync errors and rejected operations, one tap from the status bar."""

    def __init__(
        self, store: LocalStore, can_retry: bool, retried: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync problems"))
        self.setMinimumSize(720, 420)
        self.store = store
        self.retried = retried
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Problems talking to central")))
        self.errors = QListWidget()
        layout.addWidget(self.errors)
        layout.addWidget(QLabel(self.tr("Rejected by central (not sent again unless you retry)")))
        self.dead = QListWidget()
        layout.addWidget(self.dead)
        row = QHBoxLayout()
        self.retry = QPushButton(self.tr("Send selected again"))
        self.retry.setEnabled(can_retry)
        self.retry.setToolTip("" if can_retry else self.tr("A supervisor can send rejected operations again."))
        self.retry.clicked.connect(self._retry)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("primary")
        close.clicked.connect(self.accept)
        row.addWidget(self.retry)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.errors.clear()
        self.dead.clear()
        errors = self.store.errors()
        self.errors.addItems(errors or [self.tr("None")])
        for op in self.store.outbox_rows("dead"):
            p = op["payload"]
            text = f"{op['type']}  {p.get('delta', '')} × item {p.get('variant_id', '')} — {op['last_error']}"
            self.dead.addItem(text)
            self.dead.item(self.dead.count() - 1).setData(Qt.ItemDataRole.UserRole, op["op_id"])

    def _retry(self) -> None:
        item = self.dead.currentItem()
        if item is None:
            return
        self.store.requeue_dead(str(item.data(Qt.ItemDataRole.UserRole)))
        self.retried()
        self.reload()
