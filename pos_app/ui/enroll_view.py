"""First run: enrol by typing central's address and the code, or by scanning the QR code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.ui.messages import error_text
from pos_app.ui.operations import CollectionOp, Ops, QueryOp


def decode_qr_image(path: Path) -> str:
    import zxingcpp
    from PIL import Image

    from pos_app.services.enrollment import EnrollmentError

    with Image.open(path) as img:
        results = zxingcpp.read_barcodes(img, formats=zxingcpp.BarcodeFormat.QRCode)
    if not results:
        raise EnrollmentError("enrol.no_qr")
    return str(results[0].text)


class EnrollView(QWidget):
    enrolled = Signal(str)  # store name

    def __init__(
        self, enrol: Callable[[str, str, Callable[[Any], bool]], str], ops: Ops, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        # (central url, code, confirm) -> store name; runs on a worker. `confirm(plan)` is asked
        # when this data directory is enrolled already (after a revoke or a reseed): the plan says
        # what happens to each waiting operation, and nothing is changed unless it says yes.
        self.enrol = enrol
        self.approved_plan: Any = None  # the plan the person said yes to
        self.asked_plan: Any = None  # the plan waiting for their answer
        self.ops = ops
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        box = QWidget()
        box.setMaximumWidth(640)
        form = QVBoxLayout(box)
        title = QLabel(self.tr("Set up this device"))
        title.setObjectName("title")
        hint = QLabel(self.tr("Scan the enrolment QR code from head office, or type the address and code below."))
        hint.setObjectName("subtitle")
        hint.setWordWrap(True)
        self.url = QLineEdit()
        self.url.setPlaceholderText(self.tr("Central address, e.g. https://central.example.com"))
        self.url.setAccessibleName(self.tr("Central"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Enrolment code, e.g. K7QF-3MZP-9XTA"))
        self.code.setAccessibleName(self.tr("Code"))
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.submit = QPushButton(self.tr("Enrol this device"))
        self.submit.setObjectName("primary")
        self.submit.clicked.connect(self._submit)
        self.code.returnPressed.connect(self._submit)
        image = QPushButton(self.tr("Read QR code from a picture…"))
        image.setObjectName("link")
        image.clicked.connect(self._from_image)
        row = QHBoxLayout()
        row.addWidget(image)
        row.addStretch(1)
        for w in (title, hint, QLabel(self.tr("Central")), self.url, QLabel(self.tr("Code")), self.code):
            form.addWidget(w)
        form.addSpacing(12)
        form.addWidget(self.submit)
        form.addLayout(row)
        form.addWidget(self.error)
        # Enrolling an enrolled device again: what happens to what waits, and a question.
        self.plan_box = QWidget()
        plan_lay = QVBoxLayout(self.plan_box)
        plan_lay.setContentsMargins(0, 8, 0, 0)
        self.plan_text = QLabel("")
        self.plan_text.setObjectName("notice")
        self.plan_text.setWordWrap(True)
        plan_lay.addWidget(self.plan_text)
        answers = QHBoxLayout()
        self.plan_no = QPushButton(self.tr("Cancel"))
        self.plan_no.clicked.connect(self._plan_refused)
        self.plan_yes = QPushButton(self.tr("Enrol again"))
        self.plan_yes.setObjectName("primary")
        self.plan_yes.clicked.connect(self._plan_accepted)
        answers.addWidget(self.plan_no)
        answers.addWidget(self.plan_yes, 1)
        plan_lay.addLayout(answers)
        self.plan_box.hide()
        form.addWidget(self.plan_box)
        # Centred, as wide as it may be (up to 640 px): an AlignHCenter'd box shrinks to its size
        # hint, which squeezed the fields and cut the word-wrapped error message off.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(box, 100)
        middle.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

    def apply_payload(self, text: str) -> bool:
        """A scanned `aisle://enroll?…` fills both fields and enrols at once."""
        # Imported here, not with the screen: the enrolment screen is the packaged app's first,
        # shown before the data layer loads (the Shell loads it on a worker meanwhile).
        from pos_app.services.enrollment import EnrollmentError, parse_enroll_payload

        try:
            target = parse_enroll_payload(text)
        except EnrollmentError as e:
            self.error.setText(error_text(e))
            return False
        self.url.setText(target.central_url)
        self.code.setText(target.code)
        self._submit()
        return True

    def _from_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("QR code picture"), "", "Images (*.png *.jpg *.jpeg)")
        if path:  # the picture is read and decoded on a worker, like everything from the disk
            QueryOp(parent=self, op=lambda: decode_qr_image(Path(path)), success=self.apply_payload).failure(
                self._unreadable
            ).run_in_background(self.ops)

    def _unreadable(self, error: BaseException) -> bool:
        if isinstance(error, OSError):
            self.error.setText(self.tr("That picture cannot be read ({0}).").replace("{0}", str(error)))
            return True
        return False

    def show_problem(self, text: str) -> None:
        self.error.setText(text)

    def _submit(self) -> None:
        if not self.submit.isEnabled():
            return  # one enrolment at a time: the code is good for one use
        self.error.setText("")
        self.submit.setEnabled(False)
        self.submit.setText(self.tr("Contacting central…"))
        url, code = self.url.text(), self.code.text()
        approved = self.approved_plan
        self.asked_plan = None

        def confirm(plan: Any) -> bool:  # on the worker, before the one-time code is used
            if approved is not None and plan == approved:
                return True
            self.asked_plan = plan  # a new or changed plan: the person sees it first
            return False

        CollectionOp(parent=self, op=lambda: self.enrol(url, code, confirm), success=self._done).failure(
            self._failed
        ).run_in_background(self.ops)

    def _done(self, store_name: str) -> None:
        self.submit.setText(self.tr("Enrolled"))
        self.enrolled.emit(store_name)

    def _failed(self, error: BaseException) -> bool:
        self.submit.setEnabled(True)
        self.submit.setText(self.tr("Enrol this device"))
        if self.asked_plan is not None:  # enrolled already: say what happens, and ask
            self._ask(self.asked_plan)
            return True
        return False  # the message: the bridge's one path (central's words, or a reference)

    def _ask(self, plan: Any) -> None:
        text = plan.text() if callable(getattr(plan, "text", None)) else str(plan)
        self.plan_text.setText(text + "\n\n" + self.tr("Enrol this device again?"))
        self.plan_box.show()
        self.submit.setEnabled(False)
        self.plan_yes.setFocus()

    def _plan_accepted(self) -> None:
        self.approved_plan, self.asked_plan = self.asked_plan, None
        self.plan_box.hide()
        self.submit.setEnabled(True)
        self._submit()

    def _plan_refused(self) -> None:
        self.asked_plan = self.approved_plan = None
        self.plan_box.hide()
        self.submit.setEnabled(True)
        self.error.setText(self.tr("Not enrolled again: nothing was changed."))
