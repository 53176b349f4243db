"""Subcommands for factors and action items: `factors` (the vote ranking), `lint-actions`
(the specific test) and `follow-up` (open items across sessions).

`lint-actions SESSION` checks a stored session's items; `lint-actions --jsonl` reads items one
JSON object a line (description, kind, owner, lead, due, test; optional written_on, the ISO day
the item was written, default today, `created` being its older name) from standard input; `due`
may be an ISO date or a phrase ("next Friday", "end of Q1") resolved against `written_on`, and
each result gives the resolved date as `due`. Every line is read before anything is printed, so
a bad line gives exit 2 naming the line and the field, and no partial output.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from facilitator_app.errors import UserError
from facilitator_app.ids import session_id_argument, small_number_argument
from facilitator_app.input_files import read_text_stream
from facilitator_app.json_reader import parse_json
from facilitator_app.model import ActionKind
from facilitator_app.subcommands.context import CommandContext
from facilitator_app.timeutil import now_utc, parse_date

if TYPE_CHECKING:  # the checker and the follow-up query load only when a command runs
    from facilitator_app.actions.check import ActionSpec, Verdict

DEFAULT_STALLED_DAYS = 14  # facilitator_app.follow_up.DEFAULT_STALLED_DAYS

STDIN = "<stdin>"
_TEXT_FIELDS = ("description", "kind", "owner", "lead", "due", "test", "created", "written_on")


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("factors", help="contributing factors of a session, ranked by votes")
    p.add_argument("session", type=session_id_argument)
    p.add_argument(
        "--equal-teams",
        choices=("on", "off"),
        help="weigh both teams' dots equally (default: the session's setting)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_factors)

    p = sub.add_parser(
        "lint-actions",
        help="check action items against the specific test",
        description="Verdict (specific or vague) with reasons for each action item: of a "
        "stored session, or read one JSON object a line from standard input with --jsonl.",
    )
    p.add_argument("session", type=session_id_argument, nargs="?", help="the session id")
    p.add_argument(
        "--jsonl",
        action="store_true",
        help="read items from standard input, one JSON object a line "
        "(description, kind, owner, lead, due, test, written_on)",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list, in input order")
    p.add_argument(
        "--today",
        type=_date_arg,
        metavar="DATE",
        help="the day items without written_on (or a creation date) were written (default: today)",
    )
    p.add_argument("--fail-on-vague", action="store_true", help="exit 1 when any item is vague")
    p.set_defaults(handler=cmd_lint_actions)

    p = sub.add_parser("follow-up", help="open action items across all sessions")
    p.add_argument(
        "--stalled-days",
        type=small_number_argument,
        default=DEFAULT_STALLED_DAYS,
        metavar="N",
        help=f"no status change for N days is stalled (default {DEFAULT_STALLED_DAYS})",
    )
    p.add_argument("--today", type=_date_arg, metavar="DATE", help="default: today")
    p.add_argument("--all", action="store_true", help="also list done and dropped items")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_follow_up)


# ---- factors ----------------------------------------------------------------------------------


def cmd_factors(args: argparse.Namespace, ctx: CommandContext) -> int:
    from facilitator_app.factors import owner_label
    from facilitator_app.voting import ranking

    session = ctx.open_store().load_session(args.session)
    if args.equal_teams is not None:  # a what-if for this listing; nothing is saved
        session.equal_team_weighting = args.equal_teams == "on"
    names = {a.id: a.name for a in session.attendees}
    rows = [
        {
            "rank": r.rank,
            "score": round(r.score, 3),
            "votes": r.votes,
            "owner": owner_label(session, r.factor.owner),
            "text": r.factor.text,
            "votes_by_attendee": {names.get(k, str(k)): n for k, n in r.factor.dots.items()},
        }
        for r in ranking(session)
    ]
    if args.json:
        json.dump(rows, ctx.stdout, indent=2, ensure_ascii=False)
        ctx.stdout.write("\n")
        return 0
    weighting = "on" if session.equal_team_weighting else "off"
    print(
        f"equal-team weighting {weighting}; {session.dots_per_attendee} dots per attendee",
        file=ctx.stdout,
    )
    for row in rows:
        print(
            f"{row['rank']:>3}. score {row['score']:>6g}  votes {row['votes']:>3}  "
            f"[{row['owner']}] {row['text']}",
            file=ctx.stdout,
        )
    return 0


# ---- lint-actions -----------------------------------------------------------------------------


def _field(row: dict[str, Any], name: str, line: int) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise UserError("must be text", file=STDIN, line=line, field=name)
    return value.strip()


def read_jsonl(stream: TextIO) -> list[tuple[int, ActionSpec]]:
    """Every item of the input, or UserError naming the first bad line and field."""
    from facilitator_app.actions.check import ActionSpec

    items = []
    whole = read_text_stream(stream, STDIN)
    for line, text in enumerate(whole.split("\n"), start=1):
        if not text.strip():
            continue
        row = parse_json(text, file=STDIN, line=line)
        if not isinstance(row, dict):
            raise UserError("must be a JSON object", file=STDIN, line=line)
        values = {name: _field(row, name, line) for name in _TEXT_FIELDS}
        if not values["description"]:
            raise UserError("is missing or empty", file=STDIN, line=line, field="description")
        try:
            kind = ActionKind(values["kind"] or ActionKind.TEAM.value)
        except ValueError:
            raise UserError(
                f"{values['kind']!r} is not one of: team, joint, process",
                file=STDIN,
                line=line,
                field="kind",
            ) from None
        created = None
        written_field = "written_on" if values["written_on"] else "created"
        if values[written_field]:
            try:
                created = parse_date(values[written_field], written_field)
            except UserError as exc:
                raise UserError(exc.reason, file=STDIN, line=line, field=written_field) from None
        items.append(
            (
                line,
                ActionSpec(
                    values["description"],
                    kind,
                    values["owner"],
                    values["lead"],
                    values["due"],
                    values["test"],
                    created,
                ),
            )
        )
    return items


def _print_plain(rows: list[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        print(
            f"{row['index']}. {row['verdict'].upper():8} [{row['kind']}] {row['description']}",
            file=out,
        )
        for reason in row["reasons"]:
            print(f"     - {reason}", file=out)
    vague = sum(row["verdict"] == "vague" for row in rows)
    print(f"{len(rows)} items: {len(rows) - vague} specific, {vague} vague", file=out)


def _row(
    index: int, description: str, kind: ActionKind, verdict: Verdict, extra: dict[str, Any]
) -> dict[str, Any]:
    return {
        "index": index,
        **extra,
        "description": description,
        "kind": kind.value,
        **verdict.to_json(),
    }


def cmd_lint_actions(args: argparse.Namespace, ctx: CommandContext) -> int:
    from facilitator_app.actions.check import check_action, check_item

    if args.jsonl == (args.session is not None):
        raise UserError("give either a SESSION id or --jsonl (items on standard input)")
    rows: list[dict[str, Any]] = []
    if args.jsonl:
        for index, (line, spec) in enumerate(read_jsonl(ctx.stdin), start=1):
            verdict = check_action(spec, today=args.today)
            rows.append(_row(index, spec.description, spec.kind, verdict, {"line": line}))
    else:
        session = ctx.open_store().load_session(args.session)
        for index, item in enumerate(session.actions, start=1):
            verdict = check_item(item, session, today=args.today)
            rows.append(_row(index, item.description, item.kind, verdict, {"id": item.id}))
    if args.json:
        json.dump(rows, ctx.stdout, indent=2, ensure_ascii=False)
        ctx.stdout.write("\n")
    else:
        _print_plain(rows, ctx.stdout)
    if args.fail_on_vague and any(row["verdict"] == "vague" for row in rows):
        return 1
    return 0


# ---- follow-up --------------------------------------------------------------------------------


def cmd_follow_up(args: argparse.Namespace, ctx: CommandContext) -> int:
    from facilitator_app.follow_up import follow_up

    if args.stalled_days < 1:
        raise UserError("must be at least 1", field="--stalled-days")
    today = args.today or now_utc().date()
    rows = follow_up(
        ctx.open_store().all_action_items(),
        today=today,
        stalled_days=args.stalled_days,
        include_closed=args.all,
    )
    if args.json:
        data = [
            {
                "session": r.session_id,
                "session_title": r.session_title,
                "kind": r.item.kind.value,
                "description": r.item.description,
                "owner": r.item.owner,
                "lead": r.item.lead,
                "due": r.item.due.isoformat() if r.item.due else None,
                "status": r.item.status.value,
                "last_change": r.last_change.isoformat(),
                "days_unchanged": r.days_unchanged,
                "overdue": r.overdue,
                "stalled": r.stalled,
                "missing_lead": r.missing_lead,
            }
            for r in rows
        ]
        json.dump(data, ctx.stdout, indent=2, ensure_ascii=False)
        ctx.stdout.write("\n")
        return 0
    if not rows:
        print("no open action items", file=ctx.stdout)
    for r in rows:
        due = r.item.due.isoformat() if r.item.due else "no due date"
        flags = " ".join(f"[{f}]" for f in r.flags())
        print(
            f"#{r.session_id} {r.session_title} | {r.item.kind.value} | {r.owner or '-'} | "
            f"{due} | {r.item.status.value} {flags}".rstrip(),
            file=ctx.stdout,
        )
        print(f"    {r.item.description}", file=ctx.stdout)
    return 0
