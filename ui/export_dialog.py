"""The export dialog (Ctrl+E): pick a format and a file; the export runs off the UI thread.

The worker gets a deep copy of the session taken on the UI thread, so the meeting can go on
while a PDF is laid out; it reports progress through signals and never touches a widget. The
file is written atomically (a failed export leaves the old file as it was). Marking the pre-read
as sent goes through the workspace (saved, undoable) once the file is written.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.atomic_write import write_atomically
from facilitator_app.errors import UserError
from facilitator_app.exports.formats import FORMATS, PRE_READ_FORMATS, ExportFormat
from facilitator_app.model import Session
from facilitator_app.timeutil import now_utc
from facilitator_app.workspace import Workspace


@dataclass(frozen=True)
class ExportChoice:
    key: str  # "notes:pdf", "pre-read:md", ...
    format: ExportFormat
    pre_read: bool = False


def export_choices() -> list[ExportChoice]:
    choices = [ExportChoice(f"export:{name}", fmt) for name, fmt in FORMATS.items()]
    choices += [
        ExportChoice(f"pre-read:{name}", fmt, pre_read=True)
        for name, fmt in PRE_READ_FORMATS.items()
    ]
    return choices


def default_file_name(session: Session, choice: ExportChoice) -> str:
    slug = re.sub(r"[^\w-]+", "-", session.title.casefold()).strip("-")[:60] or "postmortem"
    extra = {"actions-csv": "-actions", "actions-json": "-actions", "ics": "-due-dates"}
    name = choice.format.name
    tail = "-pre-read" if choice.pre_read else extra.get(name, "")
    return f"{slug}{tail}{choice.format.suffix}"


class ExportSignals(QObject):
    progress = Signal(float, str)
    finished = Signal(str)
    failed = Signal(str)


class ExportJob(QRunnable):
    """Renders and writes one file on a pool thread; talks back only through `signals`."""

    def __init__(self, session: Session, fmt: ExportFormat, path: Path) -> None:
        super().__init__()
        self.session = session
        self.fmt = fmt
        self.path = path
        self.signals = ExportSignals()

    def run(self) -> None:
        try:
            data = self.fmt.render(self.session, lambda f, t: self.signals.progress.emit(f, t))
            self.signals.progress.emit(0.99, "Writing the file…")
            write_atomically(self.path, data)
        except UserError as exc:
            self.signals.failed.emit(exc.message)
        except Exception as exc:  # a bug: show it in the dialog rather than lose the meeting
            self.signals.failed.emit(f"the export failed: {type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(str(self.path))


class ExportDialog(QDialog):
    exported = Signal(str)  # the path, once written
    failed = Signal(str)

    # Replaced in tests so that nothing opens a viewer.
    open_file: Callable[[Path], object] = staticmethod(
        lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Export")
        self.setMinimumWidth(560)
        self._choices = export_choices()
        self._job: ExportJob | None = None
        self._pool = QThreadPool.globalInstance()

        self.format_box = QComboBox()
        for choice in self._choices:
            self.format_box.addItem(choice.format.label, choice.key)
        self.path_edit = QLineEdit()
        self.browse_button = browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.open_after = QCheckBox("Open the file after exporting")
        self.mark_sent = QCheckBox("Record that the pre-read was sent now")
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setVisible(False)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # paths and errors are not markup

        form = QFormLayout()
        form.addRow("Format", self.format_box)
        form.addRow("File", path_row)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_after)
        layout.addWidget(self.mark_sent)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.format_box.currentIndexChanged.connect(self._format_changed)
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        self._folder = Path(folder or Path.home())
        self._format_changed()

    # ---- choices ------------------------------------------------------------------------

    def choice(self) -> ExportChoice:
        key = self.format_box.currentData()
        return next(c for c in self._choices if c.key == key)

    def select(self, key: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(key))

    def _format_changed(self) -> None:
        choice = self.choice()
        current = self.path_edit.text().strip()
        folder = Path(current).parent if current else self._folder
        self.path_edit.setText(str(folder / default_file_name(self.workspace.session, choice)))
        self.mark_sent.setVisible(choice.pre_read)
        self.mark_sent.setChecked(
            choice.pre_read and self.workspace.session.pre_read_sent_at is None
        )

    def ask_path(self) -> str | None:
        """The file chosen in a save dialog, or None (tests replace this)."""
        choice = self.choice()
        path, _ = QFileDialog.getSaveFileName(
            self, "Export to", self.path_edit.text(), f"*{choice.format.suffix}"
        )
        return path or None

    def _browse(self) -> None:
        path = self.ask_path()
        if path:
            self.path_edit.setText(path)

    # ---- running ------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start_export(self) -> None:
        if self.busy:
            return
        text = self.path_edit.text().strip()
        if not text:
            self._show_error("choose a file to export to")
            return
        choice = self.choice()
        path = Path(text).expanduser()
        # taken here, on the UI thread; the running speaking interval closed at this instant
        snapshot = copy.deepcopy(self.workspace.meeting.export_session())
        job = ExportJob(snapshot, choice.format, path)
        job.signals.progress.connect(self._on_progress)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        self._set_running(True, choice.format.slow)
        self.status.setText(f"Exporting {choice.format.label}…")
        self._pool.start(job)

    def _set_running(self, running: bool, slow: bool = False) -> None:
        for widget in (
            self.format_box,
            self.path_edit,
            self.browse_button,
            self.export_button,
            self.close_button,
        ):
            widget.setEnabled(not running)
        self.progress_bar.setVisible(running and slow)
        if running:
            self.progress_bar.setValue(0)

    def _on_progress(self, fraction: float, text: str) -> None:
        self.progress_bar.setValue(round(fraction * 100))
        self.status.setText(text)

    def _on_finished(self, path: str) -> None:
        choice = self.choice()
        self._job = None
        self._set_running(False)
        if choice.pre_read and self.mark_sent.isChecked():
            self.workspace.set_session_fields(
                "Mark the pre-read as sent", pre_read_sent_at=now_utc()
            )
            self.mark_sent.setChecked(False)
        self.status.setText(f"Saved {path}")
        if self.open_after.isChecked():
            self.open_file(Path(path))
        self.exported.emit(path)

    def _on_failed(self, message: str) -> None:
        self._job = None
        self._set_running(False)
        self._show_error(message)
        self.failed.emit(message)

    def _show_error(self, message: str) -> None:
        self.status.setText(f"Not exported: {message}")

    def reject(self) -> None:
        if self.busy:  # the worker is still writing: let it finish first
            self.status.setText("Still exporting: the dialog closes when it is done.")
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override, hence camelCase
        if self.busy:
            event.ignore()
            self.status.setText("Still exporting: the dialog closes when it is done.")
            return
        super().closeEvent(event)


def open_export_dialog(parent: QWidget | None, workspace: Workspace) -> ExportDialog:
    """Show the export dialog (window-modal, non-blocking) and return it."""
    dialog = ExportDialog(workspace, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
