"""The console's timeline import: pick a file, see what it holds and what is wrong, then import.

The file is read once; every change of format, zone, team or mapping re-checks it and refreshes
the preview and the error list (every bad row, by line, column and reason). Import stays
disabled while the file would be rejected; "Skip bad rows" imports the good rows instead and
still lists the bad ones. The import itself is one undo step (`Workspace.import_events`).

The same sources as the command line: a Slack export (zip or folder: the channel picker lists
its channels), PagerDuty log entries, `kubectl get events -o json`. Events that look like ones
already in the session from another source are marked in the preview; the facilitator keeps
them or leaves them out ("merge"), never without seeing them.
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
    default_window,
    detect_format,
    parse_timeline,
)
from facilitator_app.timeline.importing.archive import ExportFiles, open_export
from facilitator_app.timeline.importing.slack_export import list_channels
from facilitator_app.timeutil import format_utc
from facilitator_app.workspace import Workspace
from ui.theme import RED

PREVIEW_ROWS = 200
NO_ZONE = "(the times carry their offsets)"
FILE_FILTER = "Timelines (*.csv *.json *.jsonl *.ndjson *.zip);;Slack export (*.zip);;All files (*)"
LIKELY_COLOUR = "#fff1c2"  # a likely duplicate's row in the preview


class ImportDialog(QDialog):
    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import timeline events")
        self.setObjectName("import-dialog")
        self.resize(1000, 680)
        self.workspace = workspace
        self.data: bytes | ExportFiles = b""
        self.path: Path | None = None
        self.parsed: ImportResult | None = None

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(
            "choose a CSV, JSON, JSONL, Slack export, PagerDuty or kubectl events file"
        )
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_file)
        folder = QPushButton("Export folder…")
        folder.setToolTip("an unzipped Slack export")
        folder.clicked.connect(self.choose_folder)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(browse)
        file_row.addWidget(folder)
        self.channel = QComboBox()
        self.channel.setObjectName("import-channel")
        self.channel.setMinimumContentsLength(24)
        self.workspace_url = QLineEdit()
        self.workspace_url.setObjectName("import-workspace-url")
        self.workspace_url.setPlaceholderText("https://WORKSPACE.slack.com (for permalinks)")
        slack_row = QHBoxLayout()
        slack_row.addWidget(self.channel)
        slack_row.addWidget(QLabel("Workspace"))
        slack_row.addWidget(self.workspace_url, 1)
        self.slack_row = QWidget()
        self.slack_row.setLayout(slack_row)
        slack_row.setContentsMargins(0, 0, 0, 0)
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
        self.drop_likely = QCheckBox(
            "Leave out likely duplicates (keep the events already in the session)"
        )
        self.drop_likely.setObjectName("import-drop-likely")
        self.mapping = QPlainTextEdit()
        self.mapping.setObjectName("import-mapping")
        self.mapping.setPlaceholderText(
            "Only for logs, Slack, PagerDuty and Kubernetes, one per line:\n"
            "event=message      (read a column from another field)\n"
            "team: checkout-api=Payments   (a team value, Slack user/bot, service, namespace)"
        )
        self.mapping.setMaximumHeight(72)

        form = QFormLayout()
        form.addRow("File", file_row)
        form.addRow("F&ormat", self.format)
        form.addRow("&Channel", self.slack_row)
        self.channel_label = form.labelForField(self.slack_row)
        form.addRow("&Zone of times without an offset", self.zone)
        form.addRow("&Team of rows that name none", self.team)
        form.addRow("&Mapping", self.mapping)
        form.addRow("", self.skip)
        form.addRow("", self.drop_likely)

        self.status = QLabel()
        self.status.setObjectName("import-status")
        self.status.setWordWrap(True)
        self.preview = QTableWidget(0, 7)
        self.preview.setObjectName("import-preview")
        self.preview.setHorizontalHeaderLabels(
            ["Line", "Time (UTC)", "Offset", "Team", "Actor", "Event", "Likely duplicate of"]
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
        self.drop_likely.toggled.connect(lambda _on: self.check())
        self.channel.activated.connect(lambda _i: self.check())
        self.workspace_url.editingFinished.connect(self.check)
        self.mapping.textChanged.connect(self.check)
        self.show_channels([])
        if path is not None:
            self.load(path)
        else:
            self.check()

    # ---- input --------------------------------------------------------------------------

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import timeline events", "", FILE_FILTER)
        if name:
            self.load(Path(name))

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "An unzipped Slack export")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        self.path = path
        self.file.setText(str(path))
        channels: list[str] = []
        try:
            if path.is_dir() or path.suffix.lower() == ".zip":
                self.data = open_export(path, path.name, DEFAULT_LIMITS)
                channels = [
                    f"{c.name} ({c.days} day{'s' if c.days != 1 else ''})"
                    for c in list_channels(self.data, DEFAULT_LIMITS)
                ]
                detected = "slack"
            else:
                if path.stat().st_size > DEFAULT_LIMITS.max_bytes:
                    raise UserError(
                        f"the file is larger than {DEFAULT_LIMITS.describe_bytes()} (the limit)"
                    )
                self.data = path.read_bytes()
                detected = detect_format(path.name, self.data)
        except (OSError, UserError) as exc:
            self.data = b""
            reason = exc.message if isinstance(exc, UserError) else str(exc)
            self.show_problems([f"{path}: cannot read the file: {reason}"], [], [])
            self.show_channels([])
            self.parsed = None
            self.status.setText("The file cannot be read.")
            self.import_button.setEnabled(False)
            return
        self.show_channels(channels)
        self.format.setCurrentText(detected)
        self.check()

    def show_channels(self, channels: list[str]) -> None:
        """The channel picker: shown for a Slack export, with the likeliest incident channel."""
        self.channel.clear()
        for label in channels:
            self.channel.addItem(label, label.rsplit(" (", 1)[0])
        incident = next((i for i, c in enumerate(channels) if "incident" in c.lower()), 0)
        self.channel.setCurrentIndex(incident if channels else -1)
        self.slack_row.setVisible(bool(channels))
        if self.channel_label is not None:
            self.channel_label.setVisible(bool(channels))

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
        fmt = self.format.currentText()
        session = self.workspace.session
        since, until = default_window(fmt, session.incident_start, session.incident_end)
        return ImportOptions(
            format=fmt,
            zone=None if zone in ("", NO_ZONE) else zone,
            skip_bad_rows=self.skip.isChecked(),
            mapping=FieldMapping.from_pairs(maps, values, self.team.currentData()),
            channel=self.channel.currentData(),
            workspace_url=self.workspace_url.text().strip() or None,
            since=since,
            until=until,
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
        self.fill_preview(result)
        self.show_problems(
            [p.describe(self.path.name) for p in result.skipped],
            [d.describe() for d in result.duplicates]
            + [f"likely duplicate: {line}" for line in result.likely_lines()],
            result.notices,
        )
        if result.likely and self.drop_likely.isChecked():
            result = result.without_likely_duplicates()
        self.parsed = result
        self.status.setText(f"Ready to import {result.summary()}.")
        self.import_button.setEnabled(bool(result.rows))

    def fill_preview(self, result: ImportResult | None) -> None:
        self.preview.setRowCount(0)
        if result is None:
            return
        teams = {t.lane: t.name for t in self.workspace.session.teams}
        likely = {d.index: d for d in result.likely}
        events = result.first_events(PREVIEW_ROWS)
        rows = list(zip(result.lines[:PREVIEW_ROWS], events, strict=True))
        self.preview.setRowCount(len(rows))
        for row, (line, event) in enumerate(rows):
            twin = likely.get(row)
            offset = event.occurred_at.strftime("%z")
            origin = event.imported_from
            values = [
                origin.rsplit("/", 1)[-1] if "/" in origin else str(line),  # an export's day file
                format_utc(event.occurred_at),
                f"{offset[:3]}:{offset[3:]}" if offset else "",
                teams[event.lane],
                event.actor,
                event.description,
                ""
                if twin is None
                else f"{twin.existing.description} ({twin.existing.imported_from or 'typed in'})",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if twin is not None:
                    item.setBackground(QColor(LIKELY_COLOUR))
                self.preview.setItem(row, column, item)
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
        if result is None or not result.rows:
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

    def done(self, result: int) -> None:
        close = getattr(self.data, "close", None)  # an export zip keeps its file open
        if close is not None:
            close()
        super().done(result)

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
