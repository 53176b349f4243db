"""The console's lists of records (roster, factors, actions, follow-up, sessions) set up alike."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def record_table(
    columns: Sequence[str],
    *,
    stretch: int | None = 0,
    name: str = "",
    single: bool = True,
    editable: bool = False,
    rows: int = 0,
) -> QTableWidget:
    """A table that selects whole rows, sizes columns to content and stretches one of them.

    Cells are read-only unless `editable` (then a double click or F2 edits one).
    """
    table = QTableWidget(rows, len(columns))
    if name:
        table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        if editable
        else QAbstractItemView.EditTrigger.NoEditTriggers
    )
    return table
