"""The console's timeline import: pick a file, see what it holds and what is wrong, then import.

The file is read once; every change of format, zone, team or mapping re-checks it and refreshes
the preview and the error list (every bad row, by line, column and reason). Import stays
disabled while the file would be rejected; "Skip bad rows" imports the good rows instead and
still lists the bad ones. The import itself is one undo step (`Workspace.import_events`).
"""

from __future__ import annotations

from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import UserError
from facilitator_app.timeline.importing import (
    DEFAULT_LIMITS,
    FORMAT_NAMES,
    FieldMapping,
    ImportOptions,
    ImportResult,
    TimelineImportError,
    detect_format,
    parse_timeline,
)
from facilitator_app.timeutil import format_utc
from facilitator_app.workspace import Workspace
from ui.theme import RED

PREVIEW_ROWS = 200
NO_ZONE = "(the times carry their offsets)"
FILE_FILTER = "Timelines (*.csv *.json *.jsonl *.ndjson);;All files (*)"


class ImportDialog(QDialog):
    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import timeline events")
        self.setObjectName("import-dialog")
        self.resize(1000, 680)
        self.workspace = workspace
        self.data = b""
        self.path: Path | None = None
        self.parsed: ImportResult | None = None

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText("choose a CSV, JSON, JSONL or Slack export")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        self.format = QComboBox()
        self.format.setObjectName("import-format")
        self.format.addItems(list(FORMAT_NAMES))
        self.zone = QComboBox()
        self.zone.setObjectName("import-zone")
        self.zone.setEditable(True)
        self.zone.addItems([NO_ZONE, "UTC", *sorted(available_timezones() - {"UTC"})])
        completer = QCompleter(self.zone.model(), self.zone)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.zone.setCompleter(completer)
        self.team = QComboBox()
        self.team.setObjectName("import-team")
        self.team.addItem("(named in each row)", None)
        for team in workspace.session.teams:
            self.team.addItem(team.name, team.name)
        self.skip = QCheckBox("Skip bad rows (import the good ones, list the bad ones)")
        self.skip.setObjectName("import-skip")
        self.mapping = QPlainTextEdit()
        self.mapping.setObjectName("import-mapping")
        self.mapping.setPlaceholderText(
            "Only for logs and Slack, one per line:\n"
            "event=message      (read a column from another field)\n"
            "team: checkout-api=Payments   (a team-field value, a Slack user id)"
        )
        self.mapping.setMaximumHeight(72)

        form = QFormLayout()
        form.addRow("File", file_row)
        form.addRow("F&ormat", self.format)
        form.addRow("&Zone of times without an offset", self.zone)
        form.addRow("&Team of rows that name none", self.team)
        form.addRow("&Mapping", self.mapping)
        form.addRow("", self.skip)

        self.status = QLabel()
        self.status.setObjectName("import-status")
        self.status.setWordWrap(True)
        self.preview = QTableWidget(0, 6)
        self.preview.setObjectName("import-preview")
        self.preview.setHorizontalHeaderLabels(
            ["Line", "Time (UTC)", "Offset", "Team", "Actor", "Event"]
        )
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.verticalHeader().setVisible(False)  # the Line column says where it is
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems = QListWidget()
        self.problems.setObjectName("import-problems")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.preview)
        split.addWidget(self.problems)
        split.setSizes([380, 160])

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)

        self.format.activated.connect(lambda _i: self.check())
        self.zone.currentTextChanged.connect(lambda _t: self.check())
        self.team.activated.connect(lambda _i: self.check())
        self.skip.toggled.connect(lambda _on: self.check())
        self.mapping.textChanged.connect(self.check)
        if path is not None:
            self.load(path)
        else:
            self.check()

    # ---- input --------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import timeline events", "", FILE_FILTER)
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        self.path = path
        self.file.setText(str(path))
        try:
            if path.stat().st_size > DEFAULT_LIMITS.max_bytes:
                raise UserError(
                    f"the file is larger than {DEFAULT_LIMITS.describe_bytes()} (the limit)"
                )
            self.data = path.read_bytes()
        except (OSError, UserError) as exc:
            self.data = b""
            reason = exc.message if isinstance(exc, UserError) else str(exc)
            self.show_problems([f"{path}: cannot read the file: {reason}"], [], [])
            self.parsed = None
            self.status.setText("The file cannot be read.")
            self.import_button.setEnabled(False)
            return
        self.format.setCurrentText(detect_format(path.name, self.data))
        self.check()

    def options(self) -> ImportOptions:
        zone = self.zone.currentText().strip()
        maps: list[str] = []
        values: list[str] = []
        for line in self.mapping.toPlainText().splitlines():
            line = line.strip()
            if not line:
                continue
            if line.lower().startswith("team:"):
                values.append(line[5:].strip())
            else:
                maps.append(line)
        return ImportOptions(
            format=self.format.currentText(),
            zone=None if zone in ("", NO_ZONE) else zone,
            skip_bad_rows=self.skip.isChecked(),
            mapping=FieldMapping.from_pairs(maps, values, self.team.currentData()),
        )

    # ---- checking -----------------------------------------------------------------------

    def check(self) -> None:
        """Parse the file with the current options; show the preview or every problem."""
        self.parsed = None
        self.import_button.setEnabled(False)
        if self.path is None:
            self.status.setText("Choose a file to see what it holds.")
            return
        try:
            result = parse_timeline(
                self.data,
                file=self.path.name,
                teams=self.workspace.session.teams,
                options=self.options(),
                existing=self.workspace.session.events,
            )
        except TimelineImportError as exc:
            self.fill_preview(None)
            self.show_problems(exc.lines(), [], [])
            self.status.setText(
                f"<b style='color:{RED}'>{exc.message}.</b> Fix the file, change the options, "
                "or tick “Skip bad rows”."
                if any(p.line is not None and not p.fatal for p in exc.problems)
                else f"<b style='color:{RED}'>{exc.message}.</b>"
            )
            return
        except UserError as exc:
            self.fill_preview(None)
            self.show_problems([exc.message], [], [])
            self.status.setText(f"<b style='color:{RED}'>{exc.message}</b>")
            return
        self.parsed = result
        self.fill_preview(result)
        self.show_problems(
            [p.describe(self.path.name) for p in result.skipped],
            [d.describe() for d in result.duplicates],
            result.notices,
        )
        self.status.setText(f"Ready to import {result.summary()}.")
        self.import_button.setEnabled(bool(result.events))

    def fill_preview(self, result: ImportResult | None) -> None:
        self.preview.setRowCount(0)
        if result is None:
            return
        teams = {t.lane: t.name for t in self.workspace.session.teams}
        rows = list(zip(result.lines, result.events, strict=True))[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        for row, (line, event) in enumerate(rows):
            offset = event.occurred_at.strftime("%z")
            values = [
                str(line),
                format_utc(event.occurred_at),
                f"{offset[:3]}:{offset[3:]}" if offset else "",
                teams[event.lane],
                event.actor,
                event.description,
            ]
            for column, value in enumerate(values):
                self.preview.setItem(row, column, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()

    def show_problems(self, errors: list[str], duplicates: list[str], notes: list[str]) -> None:
        self.problems.clear()
        for text, colour in (
            *((e, RED) for e in errors),
            *((d, "#555555") for d in duplicates),
            *((n, "#555555") for n in notes),
        ):
            item = QListWidgetItem(text)
            item.setForeground(QColor(colour))
            self.problems.addItem(item)

    # ---- result -------------------------------------------------------------------------

    def accept(self) -> None:
        result = self.parsed
        if result is None or not result.events:
            return
        name = self.path.name if self.path else "file"
        try:
            self.workspace.import_events(
                result.events, text=f"Import {len(result.events)} events from {name}"
            )
        except UserError as exc:
            self.status.setText(f"<b style='color:{RED}'>Not imported: {exc.message}</b>")
            return
        super().accept()

    @classmethod
    def ask(
        cls, workspace: Workspace, parent: QWidget | None = None, path: Path | None = None
    ) -> ImportResult | None:
        """Run the dialog; the import result if the user imported, else None."""
        dialog = cls(workspace, parent, path)
        if path is None:
            dialog.choose_file()
            if dialog.path is None:
                return None
        return dialog.parsed if dialog.exec() == QDialog.DialogCode.Accepted else None
