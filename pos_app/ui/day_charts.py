"""The manager's day as four charts (QtCharts, from PySide6-Addons: the one Addons module the
app uses): sales by hour, the tender mix, the top items and the staff (docs/shifts.md "The
manager's day"). Figures come from `ShiftService.day` (pos_app/services/manager_day.py); this
module only draws them. Each chart also says its figures in words under it, so nothing needs to
be read off an axis."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from pos_app.services.manager_day import Bucket, DayFigures

ACCENT = QColor("#1f6feb")
SLICES = [QColor(c) for c in ("#1f6feb", "#2da44e", "#bf8700", "#cf222e", "#8250df")]
MIN_CHART_HEIGHT = 200


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(6)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


def _view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(MIN_CHART_HEIGHT)
    return view


def _scale(total: int, exponent: int) -> float:
    return total / 10**exponent


class DayCharts(QWidget):
    """Four charts in a 2×2 grid (one column when narrow), each with its words below."""

    def __init__(self, money: Callable[[int], str]) -> None:
        super().__init__()
        self.money = money
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.cells: list[tuple[QChartView, QLabel]] = []
        self.boxes: list[QWidget] = []
        for _ in range(4):
            view = _view(_chart(""))
            words = QLabel("")
            words.setObjectName("hint")
            words.setWordWrap(True)
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.addWidget(view, 1)
            v.addWidget(words)
            self.cells.append((view, words))
            self.boxes.append(box)
        self.columns = 0
        self.relayout(2)

    def relayout(self, columns: int) -> None:
        """Two columns on a landscape screen, one in portrait."""
        if columns == self.columns:
            return
        self.columns = columns
        for box in self.boxes:
            self.grid.removeWidget(box)
        for i, box in enumerate(self.boxes):
            self.grid.addWidget(box, i // columns, i % columns)

    def show_day(self, day: DayFigures) -> None:
        exp = day.exponent
        self._bars(0, self.tr("Sales by hour"), day.hours, exp, horizontal=False)
        self._pie(1, self.tr("Tender mix"), day.tenders)
        self._bars(2, self.tr("Top items"), day.top_items, exp, horizontal=True)
        self._bars(3, self.tr("Staff"), day.staff, exp, horizontal=True)
        words = [
            ", ".join(f"{b.label} {self.money(b.total)} ({b.count})" for b in day.hours),
            ", ".join(f"{b.label} {self.money(b.total)}" for b in day.tenders),
            ", ".join(f"{b.label} ×{b.count} {self.money(b.total)}" for b in day.top_items),
            ", ".join(f"{b.label}: {b.count} · {self.money(b.total)}" for b in day.staff),
        ]
        for (_view, label), text in zip(self.cells, words, strict=True):
            label.setText(text or self.tr("No sales."))

    def _bars(self, cell: int, title: str, buckets: list[Bucket], exp: int, *, horizontal: bool) -> None:
        chart = _chart(title)
        bars = QBarSet(title)
        bars.setColor(ACCENT)
        ordered = list(reversed(buckets)) if horizontal else buckets  # the largest on top
        for b in ordered:
            bars.append(_scale(b.total, exp))
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([b.label[:18] for b in ordered] or ["—"])
        values = QValueAxis()
        values.setLabelFormat("%.0f")
        values.setMin(0)
        top = max((_scale(b.total, exp) for b in buckets), default=0.0)
        values.setMax(top * 1.1 if top else 1.0)
        values.setTickCount(3)
        category_side, value_side = (
            (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
            if horizontal
            else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
        )
        chart.addAxis(names, category_side)
        chart.addAxis(values, value_side)
        series.attachAxis(names)
        series.attachAxis(values)
        self.cells[cell][0].setChart(chart)

    def _pie(self, cell: int, title: str, buckets: list[Bucket]) -> None:
        chart = _chart(title)
        pie = QPieSeries()
        for i, b in enumerate(buckets):
            s = pie.append(b.label, max(b.total, 0))
            s.setColor(SLICES[i % len(SLICES)])
            s.setLabel(f"{b.label} {self.money(b.total)}")
            s.setLabelVisible(True)
        chart.addSeries(pie)
        self.cells[cell][0].setChart(chart)

    def bars_of(self, cell: int) -> list[float]:
        """What a bar chart draws (for tests): the values of its one bar set."""
        series = self.cells[cell][0].chart().series()
        if not series or not isinstance(series[0], QBarSeries | QHorizontalBarSeries):
            return []
        sets = series[0].barSets()
        return [sets[0].at(i) for i in range(sets[0].count())] if sets else []

    def slices_of(self, cell: int) -> list[tuple[str, float]]:
        series = self.cells[cell][0].chart().series()
        if not series or not isinstance(series[0], QPieSeries):
            return []
        return [(s.label(), s.value()) for s in series[0].slices()]
