"""The room's proposals (issue 10): one row each, written as soon as a device sends one and again
when the facilitator decides, so a crash or a quit loses nothing a participant sent."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from facilitator_app.model import Lane
from facilitator_app.store import RoomProposalRecord
from storage.mapping import from_iso, iso

_COLUMNS = (
    "session_id, id, kind, author, lane, guest, attendee_id, proposal_values, summary,"
    " received_at, status, decided_at, entity_id, hidden, blame_findings, verdict"
)
UPSERT = (
    f"INSERT INTO room_proposal ({_COLUMNS}) VALUES ({', '.join('?' * 16)})"
    " ON CONFLICT(session_id, id) DO UPDATE SET kind = excluded.kind, author = excluded.author,"
    " lane = excluded.lane, guest = excluded.guest, attendee_id = excluded.attendee_id,"
    " proposal_values = excluded.proposal_values, summary = excluded.summary,"
    " received_at = excluded.received_at, status = excluded.status,"
    " decided_at = excluded.decided_at, entity_id = excluded.entity_id, hidden = excluded.hidden,"
    " blame_findings = excluded.blame_findings, verdict = excluded.verdict"
)


def save(conn: sqlite3.Connection, session_id: int, r: RoomProposalRecord) -> None:
    conn.execute(
        UPSERT,
        (
            session_id,
            r.id,
            r.kind,
            r.author,
            r.lane.value,
            int(r.guest),
            r.attendee_id,
            json.dumps(r.values, ensure_ascii=False, sort_keys=True),
            r.summary,
            iso(r.received_at),
            r.status,
            iso(r.decided_at),
            r.entity_id,
            int(r.hidden),
            r.blame_findings,
            r.verdict,
        ),
    )


def load(conn: sqlite3.Connection, session_id: int) -> list[RoomProposalRecord]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM room_proposal WHERE session_id = ? ORDER BY id", (session_id,)
    ).fetchall()
    return [
        RoomProposalRecord(
            id=row[1],
            kind=row[2],
            author=row[3],
            lane=Lane(row[4]),
            guest=bool(row[5]),
            attendee_id=row[6],
            values=json.loads(row[7]),
            summary=row[8],
            received_at=datetime.fromisoformat(row[9]),
            status=row[10],
            decided_at=from_iso(row[11]),
            entity_id=row[12],
            hidden=bool(row[13]),
            blame_findings=row[14],
            verdict=row[15],
        )
        for row in rows
    ]
