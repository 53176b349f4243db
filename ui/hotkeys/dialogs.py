"""The cheat-sheet overlay (`?`) and the settings dialog (remap keys, meeting thresholds).

Both read the one table in `ui.hotkeys.table`; the dialog saves through the store's settings, so a
remapping survives a restart.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QKeySequenceEdit,
    QLabel,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.engine import FairShare, MeetingSettings
from facilitator_app.model import Session
from ui.hotkeys.table import BY_ACTION, HOTKEYS, Keymap, native_text, normalise
from ui.theme import font_px


def describe(action: str, session: Session, settings: MeetingSettings) -> str:
    return BY_ACTION[action].description.format(
        team_a=session.teams[0].name,
        team_b=session.teams[1].name,
        reassign=f"{round(settings.reassign_seconds)} s",
    )


def cheat_sheet_lines(
    keymap: Keymap, session: Session, settings: MeetingSettings
) -> list[tuple[str, str, str]]:
    """(group, keys, what it does) for every action, in table order."""
    return [
        (
            h.group,
            "  ".join(native_text(k) for k in keymap.keys(h.action)) or "—",
            describe(h.action, session, settings),
        )
        for h in HOTKEYS
    ]


class CheatSheet(QWidget):
    """A dark sheet over the whole window listing every key; any click or `?`/Esc hides
    it."""

    def __init__(self, window: QWidget, lines: list[tuple[str, str, str]]) -> None:
        super().__init__(window)
        self.setObjectName("cheat-sheet")
        self.lines = lines
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if parent is not None and watched is parent and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()

    def columns(self) -> list[list[tuple[str, str, str]]]:
        """The groups, in order, split into two columns as evenly as whole groups allow."""
        groups: list[list[tuple[str, str, str]]] = []
        for line in self.lines:
            if not groups or groups[-1][0][0] != line[0]:
                groups.append([])
            groups[-1].append(line)

        def height(part: list[list[tuple[str, str, str]]]) -> float:
            return sum(len(g) + 1.5 for g in part)

        split = min(
            range(1, len(groups) + 1), key=lambda k: max(height(groups[:k]), height(groups[k:]))
        )
        return [[x for g in groups[:split] for x in g], [x for g in groups[split:] for x in g]]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(18, 18, 18))
        columns = self.columns()
        rows = max(len(c) + 1.5 * len({g for g, _, _ in c}) for c in columns) + 2
        line_h = max(14.0, min(36.0, self.height() * 0.92 / rows))
        key_font = font_px(round(line_h * 0.62), bold=True)
        text_font = font_px(round(line_h * 0.56))
        head_font = font_px(round(line_h * 0.7), bold=True)
        margin = self.width() * 0.04
        col_w = (self.width() - 3 * margin) / 2
        top = (self.height() - rows * line_h) / 2
        painter.setFont(head_font)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(
            QRectF(margin, top, self.width(), line_h),
            Qt.AlignmentFlag.AlignLeft,
            "Keys  (? or Esc closes this)",
        )
        for index, column in enumerate(columns):
            left = margin + index * (col_w + margin)
            key_w = min(
                col_w * 0.45,
                max(QFontMetricsF(key_font).horizontalAdvance(k) for _, k, _ in column) + line_h,
            )
            y = top + line_h * 1.6
            group = ""
            for g, keys, text in column:
                if g != group:
                    if group:
                        y += line_h * 0.5
                    group = g
                    painter.setFont(head_font)
                    painter.setPen(QColor("#F0C070"))
                    painter.drawText(QRectF(left, y, col_w, line_h), Qt.AlignmentFlag.AlignLeft, g)
                    y += line_h
                painter.setFont(key_font)
                painter.setPen(QColor("#FFFFFF"))
                painter.drawText(QRectF(left, y, key_w, line_h), Qt.AlignmentFlag.AlignLeft, keys)
                painter.setFont(text_font)
                painter.setPen(QColor("#E8E8E8"))
                rest = col_w - key_w
                painter.drawText(
                    QRectF(left + key_w, y, rest, line_h),
                    Qt.AlignmentFlag.AlignLeft,
                    QFontMetricsF(text_font).elidedText(text, Qt.TextElideMode.ElideRight, rest),
                )
                y += line_h
        painter.end()


def hide_cheat_sheet(window: QWidget) -> bool:
    """Hide the window's cheat sheet if it shows; True if it did."""
    sheet = window.findChild(CheatSheet)
    if isinstance(sheet, CheatSheet) and sheet.isVisible():
        sheet.hide()
        return True
    return False


def toggle_cheat_sheet(window: QWidget, lines: list[tuple[str, str, str]]) -> CheatSheet:
    sheet = window.findChild(CheatSheet)
    if isinstance(sheet, CheatSheet) and sheet.isVisible():
        sheet.hide()
        return sheet
    if not isinstance(sheet, CheatSheet):
        sheet = CheatSheet(window, lines)
    sheet.lines = lines
    sheet.setGeometry(window.rect())
    sheet.show()
    sheet.raise_()
    return sheet


class SettingsDialog(QDialog):
    """Remap keys (two per action) and set the meeting's thresholds. `ask` returns the new
    keymap and settings, or None when cancelled."""

    def __init__(
        self,
        keymap: Keymap,
        settings: MeetingSettings,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Hotkeys and meeting settings")
        self.resize(760, 640)
        self.result_value: tuple[Keymap, MeetingSettings] | None = None
        self.session = session
        tabs = QTabWidget()
        self.table = QTableWidget(len(HOTKEYS), 3)
        self.table.setHorizontalHeaderLabels(["Action", "Key", "Second key"])
        self.table.verticalHeader().hide()
        self.edits: dict[str, tuple[QKeySequenceEdit, QKeySequenceEdit]] = {}
        for row, h in enumerate(HOTKEYS):
            self.table.setCellWidget(row, 0, QLabel(describe(h.action, session, settings)))
            keys = [*keymap.keys(h.action), "", ""]
            pair = []
            for column, key in ((1, keys[0]), (2, keys[1])):
                edit = QKeySequenceEdit(QKeySequence.fromString(key))
                edit.setMaximumSequenceLength(1)
                edit.setClearButtonEnabled(True)
                self.table.setCellWidget(row, column, edit)
                pair.append(edit)
            self.edits[h.action] = (pair[0], pair[1])
        self.table.resizeColumnsToContents()
        tabs.addTab(self.table, "Hotkeys")

        form_page = QWidget()
        form = QFormLayout(form_page)
        self.numbers: dict[str, QDoubleSpinBox] = {}
        fields = [
            ("amber_minutes", "WRAP UP at minutes left", 0, 60, 1),
            ("amber_fraction", "… or at this share left (whichever is later)", 0, 0.5, 0.01),
            ("min_scale", "Later phases shrink to at least (share of plan)", 0, 1, 0.05),
            ("dominance_share", "Dominance cue above this share", 0.5, 1, 0.01),
            ("dominance_window_minutes", "… over the last minutes", 1, 120, 1),
            ("nobody_hint_seconds", "“Nobody has the floor” after seconds", 5, 3600, 5),
            ("reassign_seconds", "Reassign keys move the last seconds", 1, 600, 5),
        ]
        for name, label, low, high, step in fields:
            box = QDoubleSpinBox()
            box.setRange(low, high)
            box.setSingleStep(step)
            box.setDecimals(2 if step < 1 else 0)
            box.setValue(getattr(settings, name))
            form.addRow(label, box)
            self.numbers[name] = box
        self.fair = QComboBox()
        self.fair.addItem("Half each", FairShare.HALF.value)
        self.fair.addItem("By head-count of present attendees", FairShare.HEADCOUNT.value)
        self.fair.setCurrentIndex(0 if settings.fair_share is FairShare.HALF else 1)
        form.addRow("Fair share", self.fair)
        tabs.addTab(form_page, "Meeting")
        self.settings = settings

        self.error = QLabel()
        self.error.setStyleSheet("color: #C00000")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self._restore_keys)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _restore_keys(self) -> None:
        for h in HOTKEYS:
            keys = [*h.keys, "", ""]
            first, second = self.edits[h.action]
            first.setKeySequence(QKeySequence.fromString(keys[0]))
            second.setKeySequence(QKeySequence.fromString(keys[1]))

    def chosen_keymap(self) -> Keymap:
        chosen: dict[str, list[str]] = {}
        for action, edits in self.edits.items():
            keys = [
                normalise(e.keySequence().toString(QKeySequence.SequenceFormat.PortableText))
                for e in edits
            ]
            chosen[action] = [k for k in keys if k]
        return Keymap(chosen)

    def chosen_settings(self) -> MeetingSettings:
        values = {name: box.value() for name, box in self.numbers.items()}
        return dataclasses.replace(
            self.settings, fair_share=FairShare(self.fair.currentData()), **values
        )

    def _accept(self) -> None:
        keymap = self.chosen_keymap()
        clashes = keymap.duplicates()
        if clashes:
            key, actions = next(iter(clashes.items()))
            names = " and ".join(
                f"“{describe(a, self.session, self.settings).split(' (')[0]}”" for a in actions
            )
            self.error.setText(f"{native_text(key)} is used twice: {names}")
            return
        self.result_value = (keymap, self.chosen_settings())
        self.accept()

    @classmethod
    def ask(
        cls,
        keymap: Keymap,
        settings: MeetingSettings,
        session: Session,
        parent: QWidget | None = None,
    ) -> tuple[Keymap, MeetingSettings] | None:
        dialog = cls(keymap, settings, session, parent)
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
