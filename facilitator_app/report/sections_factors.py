"""The report's sections on what recurs: contributing-factor groups and timeline patterns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from facilitator_app.exports.chart_specs import Bar, BarChartSpec
from facilitator_app.exports.document import (
    Block,
    BulletList,
    Chart,
    Column,
    Document,
    Inline,
    Paragraph,
    Strong,
    Table,
)
from facilitator_app.model import FactorOwner, Session
from facilitator_app.report.groups import FactorGroup
from facilitator_app.report.patterns import owner_name
from facilitator_app.report.period import pair_of
from facilitator_app.report.refs import day_text, review_ref
from facilitator_app.report.timeline_patterns import Moment, pair_patterns

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
MAX_GROUPS_CHARTED = 10
OWNER_WORDS = {
    FactorOwner.A: "one team's own",
    FactorOwner.B: "one team's own",
    FactorOwner.INTERACTION: "the interaction",
}


def add(doc: Document, sessions: Sequence[Session], groups: list[FactorGroup]) -> None:
    _groups(doc, groups)
    _timeline(doc, sessions)


def _owners_text(group: FactorGroup) -> str:
    return ", ".join(f"{name} ({n})" for name, n in group.owners().most_common())


def _pairs_text(group: FactorGroup) -> str:
    pairs = Counter(pair_of(m.session).label for m in group.members)
    return ", ".join(f"{label} ({n})" for label, n in pairs.most_common())


def _groups(doc: Document, groups: list[FactorGroup]) -> None:
    intro = Paragraph(
        "Contributing factors from different reviews that say the same thing in other words, "
        "grouped by their terms (synonyms and spelling variants matched; see “How the factors "
        "were grouped” to check each group). A group that recurs is a fix that has not landed.",
        tone="muted",
    )
    if not groups:
        doc.section(
            "Recurring contributing factors",
            intro,
            Paragraph("No contributing factor recurs across reviews in this period.", tone="muted"),
        )
        return
    bars = tuple(
        Bar(g.label, len(g.sessions), OKABE_ITO[i % len(OKABE_ITO)])
        for i, g in enumerate(groups[:MAX_GROUPS_CHARTED])
    )
    rows: list[list[Inline]] = []
    for g in groups:
        kinds = g.owner_kinds()
        own = kinds[FactorOwner.A] + kinds[FactorOwner.B]
        rows.append(
            [
                Strong(g.label),
                str(len(g.sessions)),
                str(g.votes),
                str(own),
                str(kinds[FactorOwner.INTERACTION]),
                _owners_text(g),
                _pairs_text(g),
            ]
        )
    doc.section(
        "Recurring contributing factors",
        intro,
        Chart(
            BarChartSpec(
                "Reviews in which each factor group appears",
                bars,
                unit="reviews",
                value_format="count",
            )
        ),
        Table(
            [
                Column("Group", 1.5),
                Column("Reviews", 0.75, "right"),
                Column("Votes", 0.6, "right"),
                Column("Owned by a team", 0.9, "right"),
                Column("By the interaction", 0.9, "right"),
                Column("Owners", 2.0),
                Column("Team pairs", 2.0),
            ],
            rows,
            wide=True,
        ),
    )
    blocks: list[Block] = []
    for g in groups:
        member_rows: list[list[Inline]] = [
            [
                day_text(m.session),
                m.session.title,
                m.factor.text,
                owner_name(m.session, m.factor.owner),
                ", ".join(m.linked_by) or "–",
            ]
            for m in g.members
        ]
        blocks.append(Paragraph((Strong(g.label), f" · {len(g.sessions)} reviews")))
        blocks.append(
            Table(
                [
                    Column("Date", 0.9),
                    Column("Review", 2.2),
                    Column("Factor as written", 2.6),
                    Column("Owner", 1.2),
                    Column("Shared terms", 1.4),
                ],
                member_rows,
                wide=True,
            )
        )
    doc.section(
        "How the factors were grouped",
        Paragraph(
            "Each factor as it was written, with the terms it shares with the rest of its "
            "group. Words are reduced to terms (plural and tense dropped, synonyms from the "
            "incident vocabulary merged, near-identical spellings matched with rapidfuzz); two "
            "factors of different reviews join a group when at least half the terms of the "
            "shorter one are shared.",
            tone="muted",
        ),
        *blocks,
        level=3,
    )


def _moments(moments: list[Moment], limit: int = 4) -> list[Inline]:
    items: list[Inline] = [
        f"{m.team}: {m.event.description} — {review_ref(m.session)}" for m in moments[:limit]
    ]
    if len(moments) > limit:
        items.append(f"and {len(moments) - limit} more")
    return items


def _timeline(doc: Document, sessions: Sequence[Session]) -> None:
    patterns = pair_patterns(sessions)
    rows: list[list[Inline]] = [
        [
            p.pair.label,
            str(len(p.sessions)),
            str(len(p.locally_correct)),
            str(len(p.divergence)),
            f"{len(p.unaware)} in {p.reviews_with_unaware} review(s)",
        ]
        for p in patterns
    ]
    blocks: list[Block] = []
    for p in patterns:
        if len(p.sessions) < 2:
            continue
        blocks.append(Paragraph((Strong(p.pair.label), f" · {len(p.sessions)} reviews")))
        for title, moments in (
            ("Locally correct, globally unexpected", p.locally_correct),
            ("Divergence points", p.divergence),
            ("Neither team aware of the other", p.unaware),
        ):
            if moments:
                blocks.append(Paragraph(f"{title} ({len(moments)}):", tone="muted"))
                blocks.append(BulletList(_moments(moments)))
    doc.section(
        "Recurring timeline patterns, per team pair",
        Paragraph(
            "Moments tagged “locally correct, globally unexpected”, the divergence points, and "
            "events where both teams' observations say they were not aware of the other.",
            tone="muted",
        ),
        Table(
            [
                Column("Team pair", 2.0),
                Column("Reviews", 0.7, "right"),
                Column("Locally correct, globally unexpected", 1.4, "right"),
                Column("Divergence points", 1.0, "right"),
                Column("Neither aware", 1.3, "right"),
            ],
            rows,
        ),
        *blocks,
    )
