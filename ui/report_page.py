"""The console's Quarterly retro page: the cross-team report over the stored reviews.

Pick a quarter and, optionally, one pair of teams; the charts are drawn on matplotlib's Qt
canvas beside the report's text, and the export buttons write the same report as Markdown
(charts beside the file), HTML or PDF. matplotlib and its Qt backend are imported when the page
is first shown, never at start-up. Every choice calls one core function
(`facilitator_app.report.service`); nothing here decides what goes in the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import UserError
from facilitator_app.report.build import ReportSettings
from facilitator_app.report.follow_through import DEFAULT_STALLED_DAYS
from facilitator_app.report.gather import load_local
from facilitator_app.report.period import Period, TeamPair, last_full_quarter
from facilitator_app.report.service import (
    ReportView,
    export_report,
    pair_choices,
    quarter_choices,
    report_view,
)
from facilitator_app.timeutil import now_utc
from ui.bridge import WorkspaceBridge

EXPORTS = (("md", "Markdown…", ".md"), ("html", "HTML…", ".html"), ("pdf", "PDF…", ".pdf"))
CHART_DPI = 96


class ReportPage(QWidget):
    def __init__(self, bridge: WorkspaceBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = bridge.workspace.store
        self.view: ReportView | None = None
        self.canvases: list[Any] = []
        self._periods: list[Period] = []
        self._pairs: list[TeamPair] = []
        self._shown = False

        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Quarter"))
        self.quarter = QComboBox()
        self.quarter.setObjectName("report-quarter")
        controls.addWidget(self.quarter)
        controls.addWidget(QLabel("Teams"))
        self.teams = QComboBox()
        self.teams.setObjectName("report-teams")
        self.teams.setMinimumContentsLength(24)
        controls.addWidget(self.teams)
        controls.addWidget(QLabel("Stalled after"))
        self.stalled_days = QSpinBox(minimum=1, maximum=365, value=DEFAULT_STALLED_DAYS)
        self.stalled_days.setSuffix(" days")
        self.stalled_days.setAccessibleName("Stalled after")
        controls.addWidget(self.stalled_days)
        self.reload_button = QPushButton("&Reload reviews")
        controls.addWidget(self.reload_button)
        controls.addStretch(1)
        controls.addWidget(QLabel("Export:"))
        self.export_buttons: dict[str, QPushButton] = {}
        for fmt, label, _ in EXPORTS:
            button = QPushButton(label)
            button.setObjectName(f"report-export-{fmt}")
            button.clicked.connect(lambda _=False, f=fmt: self.export(f))
            controls.addWidget(button)
            self.export_buttons[fmt] = button
        layout.addLayout(controls)
        self.status = QLabel()
        self.status.setObjectName("report-status")
        layout.addWidget(self.status)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.chart_area = QScrollArea()
        self.chart_area.setWidgetResizable(True)
        self.chart_box = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_box)
        self.chart_layout.addStretch(1)
        self.chart_area.setWidget(self.chart_box)
        self.text = QTextBrowser()
        self.text.setObjectName("report-text")
        self.text.setAccessibleName("The quarterly report")
        self.text.setOpenLinks(False)
        splitter.addWidget(self.chart_area)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        layout.addWidget(splitter, 1)

        self.quarter.currentIndexChanged.connect(self.refresh)
        self.teams.currentIndexChanged.connect(self.refresh)
        self.stalled_days.editingFinished.connect(self.refresh)
        self.reload_button.clicked.connect(self.reload)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown:
            self._shown = True
            width = max(self.width(), 800)
            self.splitter.setSizes([width * 11 // 20, width * 9 // 20])  # charts a little wider
            self.reload()

    # ---- choices ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the stored reviews again and offer their quarters and team pairs."""
        self.sessions = load_local(self.store)
        today = now_utc().date()
        current = self.quarter.currentText()
        self._periods = quarter_choices(self.sessions, today)
        self._pairs = pair_choices(self.sessions)
        for box in (self.quarter, self.teams):
            box.blockSignals(True)
            box.clear()
        self.quarter.addItems([p.label for p in self._periods])
        # the same default as `facilitator report`: the last full calendar quarter
        self.quarter.setCurrentText(current or last_full_quarter(today).label)
        self.teams.addItems(["All team pairs", *(p.label for p in self._pairs)])
        for box in (self.quarter, self.teams):
            box.blockSignals(False)
        self.refresh()

    def select(self, quarter: str, pair: str | None = None) -> None:
        self.quarter.setCurrentText(quarter)
        self.teams.setCurrentText(pair or "All team pairs")
        self.refresh()

    def refresh(self) -> None:
        if not self._periods:
            return
        period = self._periods[max(0, self.quarter.currentIndex())]
        index = self.teams.currentIndex()
        pair = self._pairs[index - 1] if index > 0 else None
        settings = ReportSettings(stalled_days=self.stalled_days.value())
        self.view = report_view(self.sessions, period, pair, now_utc(), settings)
        from facilitator_app.exports.render_markdown import render

        self.text.setMarkdown(render(self.view.document))
        n = len(self.view.selection.sessions)
        self.status.setText(f"{period.label}: {n} review{'s' if n != 1 else ''}")
        self._draw_charts()

    # ---- charts -------------------------------------------------------------------------

    def _draw_charts(self) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from facilitator_app.exports.charts import figure

        for canvas in self.canvases:  # gone at once, not only when the deferred delete runs
            self.chart_layout.removeWidget(canvas)
            canvas.hide()
            canvas.setParent(None)
            canvas.deleteLater()
        self.canvases = []
        assert self.view is not None
        for spec in self.view.charts():
            fig = figure(spec)
            fig.set_dpi(CHART_DPI)
            canvas = FigureCanvasQTAgg(fig)
            height = fig.get_size_inches()[1]
            canvas.setMinimumWidth(360)
            canvas.setFixedHeight(int(height * CHART_DPI))  # scroll, never squeeze
            canvas.setObjectName("report-chart")
            self.chart_layout.insertWidget(self.chart_layout.count() - 1, canvas)
            self.canvases.append(canvas)

    # ---- export -------------------------------------------------------------------------

    def ask_path(self, fmt: str) -> str | None:
        """The file chosen in a save dialog, or None (tests replace this)."""
        suffix = next(s for f, _, s in EXPORTS if f == fmt)
        label = self._periods[self.quarter.currentIndex()].label if self._periods else "report"
        path, _ = QFileDialog.getSaveFileName(
            self, "Export the report to", str(Path.home() / f"retro-{label}{suffix}"), f"*{suffix}"
        )
        return path or None

    def export(self, fmt: str) -> None:
        if self.view is None:
            return
        path = self.ask_path(fmt)
        if not path:
            return
        try:
            written = export_report(self.view.document, fmt, Path(path))
        except UserError as exc:
            self.status.setText(f"Not exported: {exc.message}")
            return
        extra = f" and {len(written) - 1} chart file(s) beside it" if len(written) > 1 else ""
        self.status.setText(f"Wrote {written[-1]}{extra}")
