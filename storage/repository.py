# Over 500 lines: every table's reads and writes of SessionStore in one class (to split next).
"""The SQLite implementation of the core's `SessionStore`.

Reads go straight through the `sqlite3` connection (fast, and nothing extra to import before the
first paint); writes go through sqlite-utils, imported right after the first paint, inside
`atomic()` transactions so that an entity and its children land together or not at all.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from operator import attrgetter, methodcaller, or_
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from facilitator_app.errors import StorageError
from facilitator_app.model import (
    ActionItem,
    Attendee,
    ClosingPoll,
    ContributingFactor,
    EventLink,
    Lane,
    Note,
    Observation,
    ParkedIdea,
    Phase,
    Session,
    SpeakingInterval,
    StatusChange,
    Team,
    TimelineEvent,
)
from facilitator_app.store import (
    Entity,
    MeetingRecord,
    MeetingWrite,
    RoomProposalRecord,
    SessionAction,
    SessionSummary,
)
from facilitator_app.timeutil import now_utc
from storage import mapping as m
from storage import meeting_rows, room_rows
from storage.opening import OpenedDatabase, open_database
from storage.safekeeping import Safekeeping

if TYPE_CHECKING:
    import sqlite_utils

    from facilitator_app.timeline.importing.rows import EventRow  # not loaded before first paint


_TABLES: dict[type, str] = {
    Attendee: "attendee",
    Phase: "phase",
    TimelineEvent: "timeline_event",
    SpeakingInterval: "speaking_interval",
    ContributingFactor: "factor",
    ActionItem: "action_item",
    Note: "note",
    ParkedIdea: "parked_idea",
    EventLink: "event_link",
}


# The lists whose order the user sets (a `position` column), as opposed to time or id order.
_ORDERED = (Attendee, Phase, ContributingFactor, ActionItem)


class SqliteStore(Safekeeping):
    """One open database. Use `SqliteStore.open(path)`; close it when done."""

    def __init__(self, opened: OpenedDatabase) -> None:
        self.opened = opened
        self.conn = opened.conn
        self.conn.row_factory = sqlite3.Row
        self._db: sqlite_utils.Database | None = None
        self._savepoints = itertools.count()
        self._init_safekeeping()

    @classmethod
    def open(cls, path: Path, *, lock: bool = True, durable: bool = True) -> SqliteStore:
        return cls(open_database(Path(path), lock=lock, durable=durable))

    @property
    def path(self) -> Path:
        return self.opened.path

    @property
    def notices(self) -> list[str]:
        return self.opened.notices

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on our connection. Importing it costs about 0.2 s (numpy with it, when
        installed): the app calls `prepare_for_edits` after its first paint, so neither the
        first paint nor the first edit of a meeting waits for it."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    def prepare_for_edits(self) -> None:
        """Load what the first write needs (sqlite-utils), now rather than mid-meeting."""
        _ = self.db

    def close(self) -> None:
        # A last try for what waits for disk space; a full disk at close: the checksum is
        # written at a later close.
        with contextlib.suppress(StorageError, sqlite3.Error):
            if self.retry_pending():
                self.seal_checksums()
        self.opened.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction (a savepoint when nested): all of it lands, or none of it.

        The same contract as sqlite-utils' `Database.atomic()`, which nests inside it, without
        importing sqlite-utils before the first paint.
        """
        conn = self.conn
        self.require_writable()
        nested = conn.in_transaction
        name = f"facilitator_{next(self._savepoints)}"
        try:
            conn.execute(f"SAVEPOINT {name}" if nested else "BEGIN IMMEDIATE")
            try:
                if not nested:
                    self.pending.replay(conn)  # nothing lands before what waits for space
                yield
            except BaseException:
                if conn.in_transaction:
                    if nested:
                        conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                        conn.execute(f"RELEASE SAVEPOINT {name}")
                    else:
                        conn.execute("ROLLBACK")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}" if nested else "COMMIT")
            if not nested:
                self.pending.clear()
        except sqlite3.OperationalError as exc:
            if not nested and conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StorageError(f"could not write: {exc}", file=str(self.path)) from exc

    # ---- reading -----------------------------------------------------------------------

    def _rows(self, sql: str, *params: object) -> list[sqlite3.Row]:
        text = self.opened.text
        before = text.damaged
        rows = self.conn.execute(sql, params).fetchall()
        if text.damaged != before:
            self._name_damage(sql, rows)
        return rows

    def list_sessions(self) -> list[SessionSummary]:
        rows = self._rows(
            """SELECT s.id, s.title, s.state, s.incident_start, s.updated_at,
                      a.name AS team_a, b.name AS team_b
               FROM session s
               JOIN team a ON a.session_id = s.id AND a.lane = 'A'
               JOIN team b ON b.session_id = s.id AND b.lane = 'B'
               ORDER BY s.updated_at DESC, s.id DESC"""
        )
        return [
            SessionSummary(
                r["id"],
                r["title"],
                r["team_a"],
                r["team_b"],
                r["state"],
                m.from_iso(r["incident_start"]),
                datetime.fromisoformat(r["updated_at"]),
            )
            for r in rows
        ]

    def all_action_items(self) -> list[SessionAction]:
        summaries = {s.id: s for s in self.list_sessions()}
        history: dict[int, list[StatusChange]] = defaultdict(list)
        for r in self._rows("SELECT * FROM action_status_change ORDER BY changed_at, id"):
            history[r["action_id"]].append(m.status_change_from(r))
        return [
            SessionAction(summaries[r["session_id"]], m.action_from(r, history.get(r["id"], [])))
            for r in self._rows("SELECT * FROM action_item ORDER BY session_id, position, id")
            if r["session_id"] in summaries
        ]

    def load_session(self, session_id: int) -> Session:
        """The stored session, checked against its checksum (a mismatch is named in `damage`
        and `checksum_failures`; the session still opens, so that it can be looked at)."""
        session = self._read_session(session_id)
        self._touched.add(session_id)
        row = self.conn.execute(
            "SELECT checksum FROM session WHERE id = ?", (session_id,)
        ).fetchone()
        stored = row[0] if row is not None else None
        if stored is not None:
            self._verify(session_id, session, stored)
        return session

    def _read_session(self, session_id: int) -> Session:
        found = self._load_sessions(session_id)
        if not found:
            raise StorageError(f"there is no session {session_id}", field="session")
        return found[0]

    def load_all_sessions(self) -> list[Session]:
        """Every session, each table read once (the quarterly report over hundreds)."""
        return self._load_sessions(None)

    def _load_sessions(self, only: int | None) -> list[Session]:
        """The sessions (one, or all) with everything they hold: one query per table."""

        def rows(sql: str, column: str = "session_id") -> dict[int, list[sqlite3.Row]]:
            scoped = sql.replace("{scope}", "1 = 1" if only is None else f"{column} = ?")
            grouped: dict[int, list[sqlite3.Row]] = defaultdict(list)
            for r in self._rows(scoped, *(() if only is None else (only,))):
                grouped[r["sid"]].append(r)
            return grouped

        sessions = rows("SELECT *, id AS sid FROM session WHERE {scope} ORDER BY id", "id")
        teams = rows("SELECT *, session_id AS sid FROM team WHERE {scope} ORDER BY lane")
        observations: dict[int, dict[Lane, Observation]] = defaultdict(dict)
        for found in rows(
            """SELECT o.*, e.session_id AS sid FROM observation o
               JOIN timeline_event e ON e.id = o.event_id WHERE {scope}""",
            "e.session_id",
        ).values():
            for r in found:
                observations[r["event_id"]][Lane(r["lane"])] = m.observation_from(r)
        history: dict[int, list[StatusChange]] = defaultdict(list)
        for found in rows(
            """SELECT h.*, a.session_id AS sid FROM action_status_change h
               JOIN action_item a ON a.id = h.action_id WHERE {scope}
               ORDER BY h.changed_at, h.id""",
            "a.session_id",
        ).values():
            for r in found:
                history[r["action_id"]].append(m.status_change_from(r))
        dots: dict[int, dict[int, int]] = defaultdict(dict)
        for found in rows(
            """SELECT v.*, f.session_id AS sid FROM factor_vote v
               JOIN factor f ON f.id = v.factor_id WHERE {scope}""",
            "f.session_id",
        ).values():
            for r in found:
                dots[r["factor_id"]][r["attendee_id"]] = r["dots"]
        answers = rows("SELECT *, session_id AS sid FROM closing_poll_answer WHERE {scope}")
        polls = rows("SELECT *, session_id AS sid FROM closing_poll WHERE {scope}")
        by_position = "WHERE {scope} ORDER BY session_id, position, id"
        attendees = rows(f"SELECT *, session_id AS sid FROM attendee {by_position}")
        phases = rows(f"SELECT *, session_id AS sid FROM phase {by_position}")
        factors = rows(f"SELECT *, session_id AS sid FROM factor {by_position}")
        actions = rows(f"SELECT *, session_id AS sid FROM action_item {by_position}")
        events = rows(
            "SELECT *, session_id AS sid FROM timeline_event WHERE {scope}"
            " ORDER BY session_id, occurred_utc, seq, id"
        )
        by_id = "WHERE {scope} ORDER BY session_id, id"
        speaking = rows(f"SELECT *, session_id AS sid FROM speaking_interval {by_id}")
        notes = rows(f"SELECT *, session_id AS sid FROM note {by_id}")
        parked = rows(f"SELECT *, session_id AS sid FROM parked_idea {by_id}")
        links = rows(f"SELECT *, session_id AS sid FROM event_link {by_id}")

        loaded = []
        for sid, (s,) in sessions.items():
            team_a, team_b = (m.team_from(r) for r in teams[sid])
            poll = ClosingPoll()
            if polls.get(sid):
                p = polls[sid][0]
                poll = ClosingPoll(
                    p["learned_yes"],
                    p["learned_no"],
                    p["again_yes"],
                    p["again_no"],
                    {r["attendee_id"]: m.poll_answer_from(r) for r in answers.get(sid, [])},
                )
            loaded.append(
                Session(
                    title=s["title"],
                    teams=(team_a, team_b),
                    incident_start=m.from_iso(s["incident_start"]),
                    incident_end=m.from_iso(s["incident_end"]),
                    severity=s["severity"],
                    impact_summary=s["impact_summary"],
                    scheduled_start=m.from_iso(s["scheduled_start"]),
                    pre_read_sent_at=m.from_iso(s["pre_read_sent_at"]),
                    timebox_minutes=s["timebox_minutes"],
                    state=s["state"],
                    framing_question=s["framing_question"],
                    attendees=[m.attendee_from(r) for r in attendees.get(sid, [])],
                    phases=[m.phase_from(r) for r in phases.get(sid, [])],
                    events=[
                        m.event_from(r, observations.get(r["id"], {})) for r in events.get(sid, [])
                    ],
                    speaking=[m.interval_from(r) for r in speaking.get(sid, [])],
                    factors=[m.factor_from(r, dots.get(r["id"], {})) for r in factors.get(sid, [])],
                    actions=[
                        m.action_from(r, history.get(r["id"], [])) for r in actions.get(sid, [])
                    ],
                    notes=[m.note_from(r) for r in notes.get(sid, [])],
                    parked=[m.parked_from(r) for r in parked.get(sid, [])],
                    poll=poll,
                    dots_per_attendee=s["dots_per_attendee"],
                    equal_team_weighting=bool(s["equal_team_weighting"]),
                    links=[m.link_from(r) for r in links.get(sid, [])],
                    uuid=s["uuid"],
                    revised_at=m.from_iso(s["updated_at"]),
                    id=s["id"],
                )
            )
        return loaded

    # ---- writing -----------------------------------------------------------------------

    def _session_row(self, session: Session) -> dict[str, Any]:
        return {
            "title": session.title,
            "incident_start": m.iso(session.incident_start),
            "incident_end": m.iso(session.incident_end),
            "severity": session.severity,
            "impact_summary": session.impact_summary,
            "scheduled_start": m.iso(session.scheduled_start),
            "pre_read_sent_at": m.iso(session.pre_read_sent_at),
            "timebox_minutes": session.timebox_minutes,
            "state": session.state.value,
            "framing_question": session.framing_question,
            "dots_per_attendee": session.dots_per_attendee,
            "equal_team_weighting": int(session.equal_team_weighting),
            "uuid": session.uuid,
            "updated_at": m.iso(now_utc()),
        }

    def create_session(self, session: Session) -> int:
        """Insert the whole aggregate; temporary negative ids (from imports) are remapped."""
        with self.atomic():
            row = self._session_row(session)
            if self.conn.execute(
                "SELECT 1 FROM session WHERE uuid = ?", (session.uuid,)
            ).fetchone():
                # The same review imported twice: the second copy is a review of its own.
                session.uuid = row["uuid"] = str(uuid4())
            if session.revised_at is not None:  # an imported revision keeps its time
                row["updated_at"] = m.iso(session.revised_at)
            row["created_at"] = row["updated_at"]
            session.revised_at = m.from_iso(row["updated_at"])
            session_id = self._insert_row("session", row)
            session.id = session_id
            for team in session.teams:
                team.id = self._insert_row("team", m.team_row(session_id, team))
            attendee_ids: dict[int | None, int | None] = {None: None}
            for i, a in enumerate(session.attendees):
                old = a.id
                a.id = self._insert_row("attendee", m.attendee_row(session_id, a, i))
                attendee_ids[old] = a.id
            for i, p in enumerate(session.phases):
                p.id = self._insert_row("phase", m.phase_row(session_id, p, i))
            event_ids: dict[int | None, int | None] = {None: None}
            for e in session.events:
                old = e.id
                e.id = None
                self._save_event(session_id, e)
                event_ids[old] = e.id
            for s in session.speaking:
                s.attendee_id = attendee_ids.get(s.attendee_id)
                s.id = self._insert_row("speaking_interval", m.interval_row(session_id, s))
            for i, f in enumerate(session.factors):
                f.event_ids = [e for e in (event_ids.get(x) for x in f.event_ids) if e is not None]
                f.dots = {
                    new: n
                    for old, n in f.dots.items()
                    if (new := attendee_ids.get(old)) is not None
                }
                f.id = None
                self._save_factor(session_id, f, i)
            action_ids: dict[int | None, int | None] = {None: None}
            for i, item in enumerate(session.actions):
                old = item.id
                item.id = None
                self._save_action(session_id, item, i)
                action_ids[old] = item.id
            for n in session.notes:
                n.event_id = event_ids.get(n.event_id)
                n.id = self._insert_row("note", m.note_row(session_id, n))
            for idea in session.parked:
                idea.event_id = event_ids.get(idea.event_id)
                idea.action_id = action_ids.get(idea.action_id)
                idea.id = self._insert_row("parked_idea", m.parked_row(session_id, idea))
            session.poll.answers = {
                new: answer
                for old, answer in session.poll.answers.items()
                if (new := attendee_ids.get(old)) is not None
            }
            for link in session.links:
                link.source_id = event_ids.get(link.source_id) or link.source_id
                link.target_id = event_ids.get(link.target_id) or link.target_id
                link.id = self._insert_row("event_link", m.link_row(session_id, link))
            self.save_poll(session_id, session.poll)
        self._touched.add(session_id)
        return session_id

    def save_session_fields(self, session: Session) -> None:
        assert session.id is not None
        with self.atomic():
            self.db.table("session").update(session.id, self._session_row(session))

    def _touch(self, session_id: int) -> None:
        self.conn.execute(
            "UPDATE session SET updated_at = ? WHERE id = ?", (m.iso(now_utc()), session_id)
        )

    def save_team(self, session_id: int, team: Team) -> None:
        with self.atomic():
            self.conn.execute(
                "UPDATE team SET name = ?, colour = ? WHERE session_id = ? AND lane = ?",
                (team.name, team.colour, session_id, team.lane.value),
            )
            self._touch(session_id)

    def _next_position(self, table: str, session_id: int) -> int:
        row = self.conn.execute(
            f"SELECT coalesce(max(position) + 1, 0) FROM {table} WHERE session_id = ?",
            (session_id,),
        ).fetchone()
        return int(row[0])

    def _insert_row(self, table: str, row: dict[str, Any]) -> int:
        """One prepared INSERT (sqlite-utils' `Table.insert` runs about 11 statements)."""
        columns = ", ".join(row)
        marks = ", ".join("?" * len(row))
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values())
        )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)

    def _upsert(self, table: str, entity: Any, row: dict[str, Any]) -> None:
        if entity.id is None:
            entity.id = self._insert_row(table, row)
        else:
            row["id"] = entity.id
            self.db.table(table).upsert(row, pk="id")

    def _position(self, table: str, session_id: int, entity: Any) -> int:
        if entity.id is not None:
            found = self.conn.execute(
                f"SELECT position FROM {table} WHERE id = ?", (entity.id,)
            ).fetchone()
            if found is not None:
                return int(found[0])
        return self._next_position(table, session_id)

    def _save_event(self, session_id: int, event: TimelineEvent) -> None:
        self._upsert("timeline_event", event, m.event_row(session_id, event))
        assert event.id is not None
        self.conn.execute("DELETE FROM observation WHERE event_id = ?", (event.id,))
        for obs in event.observations.values():
            obs.id = None
            self._upsert("observation", obs, m.observation_row(event.id, obs))

    def _save_action(self, session_id: int, action: ActionItem, position: int) -> None:
        self._upsert("action_item", action, m.action_row(session_id, action, position))
        assert action.id is not None
        self.conn.execute("DELETE FROM action_status_change WHERE action_id = ?", (action.id,))
        for change in action.history:
            change.id = None
            self._upsert("action_status_change", change, m.status_change_row(action.id, change))

    def _place(self, table: str, session_id: int, entity_id: int, index: int) -> None:
        """Put one row at `index` of its ordered list and renumber the list from 0."""
        ids = [
            row[0]
            for row in self.conn.execute(
                f"SELECT id FROM {table} WHERE session_id = ? AND id != ? ORDER BY position, id",
                (session_id, entity_id),
            )
        ]
        ids.insert(min(index, len(ids)), entity_id)
        self.conn.executemany(f"UPDATE {table} SET position = ? WHERE id = ?", list(enumerate(ids)))

    def _save_factor(self, session_id: int, factor: ContributingFactor, position: int) -> None:
        self._upsert("factor", factor, m.factor_row(session_id, factor, position))
        self.conn.execute("DELETE FROM factor_vote WHERE factor_id = ?", (factor.id,))
        # An attendee deleted since they voted: their dots stay in the total, unattributed.
        self.conn.executemany(
            """INSERT INTO factor_vote (factor_id, attendee_id, dots)
               SELECT ?, id, ? FROM attendee WHERE id = ?""",
            [(factor.id, n, a) for a, n in factor.dots.items()],
        )

    def save(self, session_id: int, entity: Entity, *, index: int | None = None) -> None:
        with self.atomic():
            if isinstance(entity, TimelineEvent):
                self._save_event(session_id, entity)
            elif isinstance(entity, ActionItem):
                position = self._position("action_item", session_id, entity)
                self._save_action(session_id, entity, position)
            elif isinstance(entity, Attendee):
                pos = self._position("attendee", session_id, entity)
                self._upsert("attendee", entity, m.attendee_row(session_id, entity, pos))
            elif isinstance(entity, Phase):
                pos = self._position("phase", session_id, entity)
                self._upsert("phase", entity, m.phase_row(session_id, entity, pos))
            elif isinstance(entity, ContributingFactor):
                pos = self._position("factor", session_id, entity)
                self._save_factor(session_id, entity, pos)
            elif isinstance(entity, SpeakingInterval):
                self._upsert("speaking_interval", entity, m.interval_row(session_id, entity))
            elif isinstance(entity, Note):
                self._upsert("note", entity, m.note_row(session_id, entity))
            elif isinstance(entity, ParkedIdea):
                self._upsert("parked_idea", entity, m.parked_row(session_id, entity))
            elif isinstance(entity, EventLink):
                self._upsert("event_link", entity, m.link_row(session_id, entity))
            else:  # pragma: no cover - the type checker guards this
                raise TypeError(f"cannot save {type(entity).__name__}")
            if index is not None and type(entity) in _ORDERED:
                assert entity.id is not None
                self._place(_TABLES[type(entity)], session_id, entity.id, index)
            self._touch(session_id)

    def delete(self, entity: Entity) -> None:
        if entity.id is None:
            return
        with self.atomic():
            self.conn.execute(f"DELETE FROM {_TABLES[type(entity)]} WHERE id = ?", (entity.id,))

    def import_events(self, session_id: int, events: Sequence[TimelineEvent]) -> None:
        """Insert new events and their observations in ONE transaction, two prepared statements.

        Ids are handed out above the current maximum inside the transaction (the database lock
        keeps other writers out), and set on the events only once the commit has succeeded.
        """
        self._touched.add(session_id)
        if not events:
            return
        columns = ", ".join(m.EVENT_COLUMNS)
        marks = ", ".join("?" for _ in m.EVENT_COLUMNS)
        with self.atomic():
            first_event = self._next_id("timeline_event")
            first_obs = self._next_id("observation")
            event_rows: list[tuple[object, ...]] = []
            obs_rows: list[tuple[object, ...]] = []
            for offset, event in enumerate(events):
                event_id = first_event + offset
                event_rows.append(m.event_tuple(event_id, session_id, event))
                for obs in event.observations.values():
                    obs_rows.append(
                        (
                            first_obs + len(obs_rows),
                            event_id,
                            obs.lane.value,
                            obs.saw,
                            obs.aware_of_other.value,
                        )
                    )
            self.conn.executemany(
                f"INSERT INTO timeline_event ({columns}) VALUES ({marks})", event_rows
            )
            self.conn.executemany(
                "INSERT INTO observation (id, event_id, lane, saw, aware_of_other) "
                "VALUES (?, ?, ?, ?, ?)",
                obs_rows,
            )
            self._touch(session_id)
        obs_id = first_obs
        for offset, event in enumerate(events):
            event.id = first_event + offset
            for obs in event.observations.values():
                obs.id = obs_id
                obs_id += 1

    def import_event_rows(self, session_id: int, rows: Sequence[EventRow], first_seq: int) -> None:
        """Insert an import's row tuples and their observations in ONE transaction, with the
        same two prepared statements as `import_events` but no model object per row: the rows
        are turned into columns and the columns converted in bulk (C-level `map`/`zip`)."""
        if not rows:
            return
        columns = ", ".join(m.EVENT_COLUMNS)
        marks = ", ".join("?" for _ in m.EVENT_COLUMNS)
        occurred, lanes, actors, texts, urls, origins, tags, saws, awares = zip(*rows, strict=True)
        lane_text = list(map(attrgetter("_value_"), lanes))
        aware_text = list(map(attrgetter("_value_"), awares))
        # m.utc_sort_key, by C-level steps over the whole column
        utc_text = map(
            "{}Z".format,
            map(
                methodcaller("isoformat", timespec="microseconds"),
                map(
                    methodcaller("replace", tzinfo=None),
                    map(methodcaller("astimezone", UTC), occurred),
                ),
            ),
        )
        observed = map(or_, map(bool, saws), map("unknown".__ne__, aware_text))
        tag_text = ["[]"] * len(tags)
        for index in itertools.compress(itertools.count(), tags):  # only rows with tags
            tag_text[index] = json.dumps(tags[index])
        with self.atomic():
            first = self._next_id("timeline_event")
            self.conn.executemany(
                f"INSERT INTO timeline_event ({columns}) VALUES ({marks})",
                zip(
                    itertools.count(first),
                    itertools.repeat(session_id),
                    map(datetime.isoformat, occurred),
                    utc_text,
                    itertools.count(first_seq),
                    lane_text,
                    actors,
                    texts,
                    urls,
                    origins,
                    tag_text,
                ),
            )
            self.conn.executemany(
                "INSERT INTO observation (event_id, lane, saw, aware_of_other) VALUES (?, ?, ?, ?)",
                itertools.compress(
                    zip(itertools.count(first), lane_text, saws, aware_text), observed
                ),
            )
            self._touch(session_id)

    def _next_id(self, table: str) -> int:
        row = self.conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()
        return int(row[0])

    def delete_events(self, event_ids: Sequence[int]) -> None:
        """Delete many events (their observations and links cascade) in one transaction."""
        if not event_ids:
            return
        with self.atomic():
            self.conn.executemany(
                "DELETE FROM timeline_event WHERE id = ?", [(i,) for i in event_ids]
            )

    def save_poll(self, session_id: int, poll: ClosingPoll) -> None:
        with self.atomic():
            self.conn.execute(
                """INSERT INTO closing_poll (session_id, learned_yes, learned_no, again_yes,
                   again_no) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(session_id) DO UPDATE SET learned_yes = excluded.learned_yes,
                   learned_no = excluded.learned_no, again_yes = excluded.again_yes,
                   again_no = excluded.again_no""",
                (session_id, poll.learned_yes, poll.learned_no, poll.again_yes, poll.again_no),
            )
            self.conn.execute("DELETE FROM closing_poll_answer WHERE session_id = ?", (session_id,))
            self.conn.executemany(
                """INSERT INTO closing_poll_answer (session_id, attendee_id, learned, again)
                   SELECT session_id, id, ?, ? FROM attendee WHERE id = ? AND session_id = ?""",
                [
                    (*m.poll_answer_values(answer), a, session_id)
                    for a, answer in poll.answers.items()
                ],
            )

    def delete_session(self, session_id: int) -> None:
        with self.atomic():
            self.conn.execute("DELETE FROM session WHERE id = ?", (session_id,))

    def get_setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM app_setting WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self.atomic():
            self.conn.execute(
                "INSERT INTO app_setting (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # ---- the live meeting engine (hot path: prepared statements, no sqlite-utils) ---------

    def load_meeting(self, session_id: int) -> MeetingRecord:
        return meeting_rows.load_meeting(self.conn, session_id)

    def write_meeting(self, session_id: int, write: MeetingWrite) -> None:
        self._meeting_write(lambda conn: meeting_rows.write_meeting(conn, session_id, write))

    def checkpoint_interval(self, interval_id: int, ended_at: datetime, seconds: float) -> None:
        self._meeting_write(
            lambda conn: meeting_rows.checkpoint_interval(conn, interval_id, ended_at, seconds)
        )

    # ---- the room's proposals (issue 10) ---------------------------------------------------

    def save_room_proposal(self, session_id: int, record: RoomProposalRecord) -> None:
        with self.atomic():
            room_rows.save(self.conn, session_id, record)

    def load_room_proposals(self, session_id: int) -> list[RoomProposalRecord]:
        return room_rows.load(self.conn, session_id)
