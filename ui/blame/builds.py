"""Compiled checkers, one per pair of team names, built in the Qt thread pool.

Compiling every pattern takes most of a second, so a field asks for its checker and gets None
until a `QThreadPool` worker has built it; `ready` then tells every field to check again. The
builds belong to the QApplication (one object in its tree, not a module global), so every window
and session shares the compiled patterns and they go when the app goes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from facilitator_app.errors import UserError
from facilitator_app.language import BlameChecker, current_guide, load_guide
from facilitator_app.workspace import Workspace

log = logging.getLogger(__name__)

TeamNames = tuple[str, ...]
CheckerSource = Callable[[], BlameChecker | None]


def build_checker(team_names: TeamNames) -> BlameChecker:
    """The checker with the user's guide (the built-in one if the override is broken)."""
    try:
        guide = current_guide()
    except UserError as exc:
        log.warning("language guide override not used: %s", exc.message)
        guide = load_guide(use_user_file=False)
    return BlameChecker.for_teams(guide, team_names)


class _Build(QRunnable):
    """A worker: plain Python only (no Qt object is made or freed here)."""

    def __init__(self, team_names: TeamNames, done: Callable[[object, object], None]) -> None:
        super().__init__()
        self.team_names = team_names
        self.done = done

    def run(self) -> None:
        self.done(self.team_names, build_checker(self.team_names))


class CheckerBuilds(QObject):
    ready = Signal()  # a checker landed: fields check again
    _landed = Signal(object, object)  # emitted by a worker, delivered on the GUI thread

    @classmethod
    def of(cls) -> CheckerBuilds:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("the checker builds belong to the QApplication: create it first")
        found = app.findChild(CheckerBuilds)
        return found if isinstance(found, CheckerBuilds) else cls(app)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blame-checker-builds")
        self._checkers: dict[TeamNames, BlameChecker] = {}
        self._building: set[TeamNames] = set()
        self._landed.connect(self._land)

    def get(self, team_names: TeamNames = ()) -> BlameChecker | None:
        """The checker if it is built; else None, and a worker starts building it."""
        checker = self._checkers.get(team_names)
        if checker is None and team_names not in self._building:
            self._building.add(team_names)
            QThreadPool.globalInstance().start(_Build(team_names, self._landed.emit))
        return checker

    def build_now(self, team_names: TeamNames = ()) -> BlameChecker:
        """The checker, built here and now if need be (blocks; for tests and the CLI)."""
        if team_names not in self._checkers:
            self._checkers[team_names] = build_checker(team_names)
        return self._checkers[team_names]

    def _land(self, team_names: object, checker: object) -> None:
        if isinstance(checker, BlameChecker) and isinstance(team_names, tuple):
            self._checkers.setdefault(team_names, checker)
            self._building.discard(team_names)
            self.ready.emit()


def shared_checker(team_names: TeamNames = ()) -> BlameChecker:
    """The checker for these team names, built now if need be (blocks)."""
    return CheckerBuilds.of().build_now(team_names)


def checker_for(workspace: Workspace | None) -> CheckerSource:
    """A source of the session's checker (it knows both team names, even after a rename);
    it gives None until the checker is built."""
    if workspace is None:
        return lambda: CheckerBuilds.of().get(())
    return lambda: CheckerBuilds.of().get(tuple(t.name for t in workspace.session.teams))
