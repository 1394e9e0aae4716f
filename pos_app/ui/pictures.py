"""Product pictures on screen: loaded on a worker (`device.images.get`, which reads the disk cache
and may ask central), decoded and scaled there into a QImage, kept in memory as pixmaps.

`Pictures.pixmap(key)` is what a paint asks: memory only, never the disk. `want(keys)` says which
pictures the screen shows now (the rows in view, in order): loads not started yet for anything
else are dropped, and at most `parallel` run at once, so a fling through the results does not
queue a hundred fetches and searches always find a free worker. A picture central does not have
(or cannot send while offline) is remembered as missing for `retry_seconds`, then asked again."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap

from pos_app.ui.operations import Ops, QueryOp

Key = tuple[str, str]  # (style code, colour)
LOADING = object()  # asked for, not there yet


def decode(data: bytes | None, side: int) -> QImage | None:
    """PNG bytes to a square-fitted QImage `side` pixels wide (a worker: QImage is not GUI-bound)."""
    if not data:
        return None
    img = QImage()
    if not img.loadFromData(data):
        return None
    return img.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class Pictures(QObject):
    ready = Signal(object)  # the key whose picture (or its absence) is now known

    def __init__(
        self,
        fetch: Callable[[str, str], bytes | None],
        ops: Ops,
        side: int,
        parent: QObject | None = None,
        capacity: int = 300,
        parallel: int = 2,
        retry_seconds: float = 60.0,
    ) -> None:
        super().__init__(parent)
        self.fetch = fetch  # runs on a worker: device.images.get
        self.ops = ops
        self.side = side
        self.capacity = capacity
        self.parallel = parallel
        self.retry_seconds = retry_seconds
        self._cache: OrderedDict[Key, tuple[QPixmap | None, float]] = OrderedDict()
        self._queue: list[Key] = []
        self._running: set[Key] = set()
        self.loaded = 0  # pictures fetched (for tests)
        self.dropped = 0  # loads dropped before they started (scrolled away, overtaken)

    def pixmap(self, key: Key) -> Any:
        """The pixmap, None (no picture) or LOADING. Memory only: fine in a paint."""
        found = self._cache.get(key)
        if found is None:
            return LOADING
        pm, when = found
        if pm is None and time.monotonic() - when > self.retry_seconds:
            return LOADING  # missing a while ago: want() asks again
        self._cache.move_to_end(key)
        return pm

    def _known(self, key: Key) -> bool:
        found = self._cache.get(key)
        if found is None:
            return False
        return found[0] is not None or time.monotonic() - found[1] <= self.retry_seconds

    def want(self, keys: Iterable[Key]) -> None:
        """The pictures on screen now, in the order to load them; the rest not started are dropped."""
        wanted = [k for k in dict.fromkeys(keys) if not self._known(k) and k not in self._running]
        self.dropped += len(set(self._queue) - set(wanted))
        self._queue = wanted
        self._pump()

    def _pump(self) -> None:
        fetch, side = self.fetch, self.side
        while self._queue and len(self._running) < self.parallel:
            key = self._queue.pop(0)
            self._running.add(key)
            QueryOp(
                parent=self,
                op=lambda k=key: decode(fetch(*k), side),  # type: ignore[misc]
                success=lambda img, k=key: self._landed(k, img),
            ).failure(lambda _e, k=key: self._landed(k, None) or True).run_in_background(self.ops)

    def _landed(self, key: Key, img: QImage | None) -> None:
        self._running.discard(key)
        self.loaded += 1
        pm = QPixmap.fromImage(img) if img is not None and not img.isNull() else None
        self._cache[key] = (pm, time.monotonic())
        self._cache.move_to_end(key)
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        self.ready.emit(key)
        self._pump()


def paint_picture(painter: QPainter, rect: QRect, picture: Any, loading_text: str = "", none_text: str = "") -> None:
    """The picture centred in `rect`, or a calm placeholder (a hanger) while loading or when none."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    path = QPainterPath()
    path.addRoundedRect(QRectF(rect), 6, 6)
    painter.fillPath(path, QColor("#F0F4F8"))
    if isinstance(picture, QPixmap):
        pm = picture
        x = rect.left() + (rect.width() - pm.width()) // 2
        y = rect.top() + (rect.height() - pm.height()) // 2
        painter.setClipPath(path)
        painter.drawPixmap(x, y, pm)
    else:
        # a coat hanger, drawn: the same shape for "coming" and "none", lighter while coming
        painter.setPen(QPen(QColor("#BCCCDC" if picture is LOADING else "#9AA5B1"), max(2, rect.width() // 28)))
        w, h = rect.width(), rect.height()
        cx, top = rect.left() + w / 2, rect.top() + h * 0.3
        hook = QPainterPath()
        hook.moveTo(cx - w * 0.07, top)
        hook.arcTo(QRectF(cx - w * 0.07, top - h * 0.12, w * 0.14, h * 0.14), 180, -270)
        hook.lineTo(cx, top + h * 0.12)
        hook.lineTo(rect.left() + w * 0.2, top + h * 0.36)
        hook.lineTo(rect.right() - w * 0.2, top + h * 0.36)
        hook.lineTo(cx, top + h * 0.12)
        painter.drawPath(hook)
        text = loading_text if picture is LOADING else none_text
        if text:
            painter.setPen(QColor("#7B8794"))
            painter.drawText(
                rect.adjusted(2, 0, -2, -4), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text
            )
    painter.restore()


__all__ = ["LOADING", "Pictures", "decode", "paint_picture"]
