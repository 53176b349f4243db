"""The database schema, as numbered migrations keyed by `PRAGMA user_version`.

Each migration runs in one transaction together with the `user_version` bump, so a database is
always at exactly one version. Never edit a released migration: add the next one.
"""

from __future__ import annotations

# "PMFC" in ASCII: tells our files apart from any other application's SQLite database.
APPLICATION_ID = 0x504D4643

V1 = [
    """CREATE TABLE session (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        incident_start TEXT,
        incident_end TEXT,
        severity TEXT NOT NULL DEFAULT 'SEV2',
        impact_summary TEXT NOT NULL DEFAULT '',
        scheduled_start TEXT,
        pre_read_sent_at TEXT,
        timebox_minutes INTEGER NOT NULL DEFAULT 75,
        state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'live', 'ended')),
        framing_question TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE team (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        lane TEXT NOT NULL CHECK (lane IN ('A', 'B')),
        name TEXT NOT NULL,
        colour TEXT NOT NULL,
        UNIQUE (session_id, lane)
    )""",
    """CREATE TABLE attendee (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL,
        lane TEXT CHECK (lane IN ('A', 'B')),
        role TEXT NOT NULL,
        present INTEGER NOT NULL DEFAULT 1,
        remote INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE phase (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        key TEXT NOT NULL,
        title TEXT NOT NULL,
        planned_minutes REAL NOT NULL,
        started_at TEXT,
        ended_at TEXT
    )""",
    """CREATE TABLE timeline_event (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        occurred_at TEXT NOT NULL,
        occurred_utc TEXT NOT NULL,
        seq INTEGER NOT NULL DEFAULT 0,
        lane TEXT NOT NULL CHECK (lane IN ('A', 'B')),
        actor TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL,
        source_url TEXT NOT NULL DEFAULT '',
        imported_from TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX timeline_event_order ON timeline_event (session_id, occurred_utc, seq)",
    """CREATE TABLE observation (
        id INTEGER PRIMARY KEY,
        event_id INTEGER NOT NULL REFERENCES timeline_event(id) ON DELETE CASCADE,
        lane TEXT NOT NULL CHECK (lane IN ('A', 'B')),
        saw TEXT NOT NULL DEFAULT '',
        aware_of_other TEXT NOT NULL DEFAULT 'unknown'
            CHECK (aware_of_other IN ('yes', 'no', 'unknown')),
        UNIQUE (event_id, lane)
    )""",
    """CREATE TABLE speaking_interval (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        holder TEXT NOT NULL,
        lane TEXT CHECK (lane IN ('A', 'B')),
        attendee_id INTEGER REFERENCES attendee(id) ON DELETE SET NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        seconds REAL
    )""",
    "CREATE INDEX speaking_interval_session ON speaking_interval (session_id, id)",
    """CREATE TABLE factor (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        text TEXT NOT NULL,
        owner TEXT NOT NULL CHECK (owner IN ('A', 'B', 'interaction')),
        votes INTEGER NOT NULL DEFAULT 0,
        event_ids TEXT NOT NULL DEFAULT '[]'
    )""",
    """CREATE TABLE action_item (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        position INTEGER NOT NULL DEFAULT 0,
        kind TEXT NOT NULL CHECK (kind IN ('team', 'joint', 'process')),
        description TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        lane TEXT CHECK (lane IN ('A', 'B')),
        lead TEXT NOT NULL DEFAULT '',
        due TEXT,
        test_of_done TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open',
        ticket_url TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE action_status_change (
        id INTEGER PRIMARY KEY,
        action_id INTEGER NOT NULL REFERENCES action_item(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        changed_at TEXT NOT NULL
    )""",
    """CREATE TABLE note (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        phase_key TEXT,
        event_id INTEGER REFERENCES timeline_event(id) ON DELETE SET NULL,
        text TEXT NOT NULL
    )""",
    """CREATE TABLE parked_idea (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        event_id INTEGER REFERENCES timeline_event(id) ON DELETE SET NULL,
        outcome TEXT NOT NULL DEFAULT 'parked',
        action_id INTEGER REFERENCES action_item(id) ON DELETE SET NULL
    )""",
    """CREATE TABLE closing_poll (
        session_id INTEGER PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE,
        learned_yes INTEGER NOT NULL DEFAULT 0,
        learned_no INTEGER NOT NULL DEFAULT 0,
        again_yes INTEGER NOT NULL DEFAULT 0,
        again_no INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE app_setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # ---- issue 6: dot voting per attendee, closing poll per attendee, follow-up ----------
    "ALTER TABLE session ADD COLUMN dots_per_attendee INTEGER NOT NULL DEFAULT 3",
    "ALTER TABLE session ADD COLUMN equal_team_weighting INTEGER NOT NULL DEFAULT 0",
    """CREATE TABLE factor_vote (
        factor_id INTEGER NOT NULL REFERENCES factor(id) ON DELETE CASCADE,
        attendee_id INTEGER NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
        dots INTEGER NOT NULL CHECK (dots > 0),
        PRIMARY KEY (factor_id, attendee_id)
    )""",
    """CREATE TABLE closing_poll_answer (
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        attendee_id INTEGER NOT NULL REFERENCES attendee(id) ON DELETE CASCADE,
        learned INTEGER CHECK (learned IN (0, 1)),
        again INTEGER CHECK (again IN (0, 1)),
        PRIMARY KEY (session_id, attendee_id)
    )""",
    "CREATE INDEX action_item_open ON action_item (status, session_id)",
    # ---- end of issue 6 ----------------------------------------------------------------
    # --- timeline (issue 4): one team's action reaching the other team's system ---------------
    """CREATE TABLE event_link (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        source_event_id INTEGER NOT NULL REFERENCES timeline_event(id) ON DELETE CASCADE,
        target_event_id INTEGER NOT NULL REFERENCES timeline_event(id) ON DELETE CASCADE,
        note TEXT NOT NULL DEFAULT '',
        CHECK (source_event_id <> target_event_id),
        UNIQUE (source_event_id, target_event_id)
    )""",
    "CREATE INDEX event_link_session ON event_link (session_id)",
    "CREATE INDEX note_event ON note (event_id)",
    # --- end timeline -----------------------------------------------------------------------
    # ---- live meeting engine (issue 3): the meeting clock of each session and each phase's
    # adaptive budget; the running speaking interval's row carries the last checkpoint.
    """CREATE TABLE meeting_clock (
        session_id INTEGER PRIMARY KEY REFERENCES session(id) ON DELETE CASCADE,
        state TEXT NOT NULL DEFAULT 'idle'
            CHECK (state IN ('idle', 'running', 'paused', 'ended')),
        phase_id INTEGER REFERENCES phase(id) ON DELETE SET NULL,
        phase_entered_elapsed REAL NOT NULL DEFAULT 0,
        holder TEXT NOT NULL DEFAULT 'nobody',
        lane TEXT CHECK (lane IN ('A', 'B')),
        attendee_id INTEGER REFERENCES attendee(id) ON DELETE SET NULL,
        open_interval_id INTEGER REFERENCES speaking_interval(id) ON DELETE SET NULL
    )""",
    """CREATE TABLE meeting_phase_clock (
        phase_id INTEGER PRIMARY KEY REFERENCES phase(id) ON DELETE CASCADE,
        session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
        scale REAL,
        nudge_seconds REAL NOT NULL DEFAULT 0,
        spent_seconds REAL NOT NULL DEFAULT 0
    )""",
]

# ---- the organisation's archive (issue 13): every session gets a stable UUID -------------------
# Existing sessions get a random version-4 UUID, drawn in SQL so the step stays one transaction.
V2_SESSION_UUID = [
    "ALTER TABLE session ADD COLUMN uuid TEXT",
    """UPDATE session SET uuid = lower(
        hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2)
        || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2)
        || '-' || hex(randomblob(6))
    ) WHERE uuid IS NULL""",
    "CREATE UNIQUE INDEX session_uuid ON session (uuid)",
]

# Tables whose rows belong to one session, directly or through a parent row: any change to
# them makes the session's checksum stale (NULL) in the same statement, through a trigger, so
# no write path can forget it.
_SESSION_TABLES = (
    "team", "attendee", "phase", "timeline_event", "speaking_interval", "factor", "action_item",
    "note", "parked_idea", "closing_poll", "closing_poll_answer", "event_link", "meeting_clock",
    "meeting_phase_clock",
)  # fmt: skip
_CHILD_TABLES = (
    ("observation", "event_id", "timeline_event"),
    ("action_status_change", "action_id", "action_item"),
    ("factor_vote", "factor_id", "factor"),
)


def _stale_triggers() -> list[str]:
    statements = []
    for table in _SESSION_TABLES:
        for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            statements.append(
                f"CREATE TRIGGER checksum_stale_{table}_{op.lower()} AFTER {op} ON {table} "
                f"BEGIN UPDATE session SET checksum = NULL "
                f"WHERE id = {row}.session_id AND checksum IS NOT NULL; END"
            )
    for table, key, parent in _CHILD_TABLES:
        for op, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            statements.append(
                f"CREATE TRIGGER checksum_stale_{table}_{op.lower()} AFTER {op} ON {table} "
                f"BEGIN UPDATE session SET checksum = NULL WHERE checksum IS NOT NULL AND "
                f"id = (SELECT session_id FROM {parent} WHERE id = {row}.{key}); END"
            )
    statements.append(
        "CREATE TRIGGER checksum_stale_session AFTER UPDATE ON session "
        "WHEN NEW.checksum IS OLD.checksum AND OLD.checksum IS NOT NULL "
        "BEGIN UPDATE session SET checksum = NULL WHERE id = NEW.id; END"
    )
    return statements


# Issue 16: a checksum per session revision, over its canonical JSON (storage/checksums.py),
# written when a session is put away and checked when it is read; NULL while it is being
# changed (and after a crash), when there is nothing to check against.
V3_CHECKSUM = ["ALTER TABLE session ADD COLUMN checksum TEXT", *_stale_triggers()]

# Index i holds the statements that take a database from version i to version i + 1.
MIGRATIONS: list[list[str]] = [V1, V2_SESSION_UUID, V3_CHECKSUM]
SCHEMA_VERSION = len(MIGRATIONS)
