"""Where the windows find their pages, by dotted name, imported only when first shown.

Feature code adds one line here instead of editing the windows. Each console page is a QWidget
class taking `(bridge: WorkspaceBridge, parent=None)`; each shared-screen phase view the same.
Lazy imports keep everything the first paint does not need out of start-up.
"""

from __future__ import annotations

import importlib
from typing import Any

# Console tabs, in order: (title, "module:Class").
CONSOLE_PAGES: list[tuple[str, str]] = [
    ("Meeting", "ui.meeting.page:MeetingPage"),
    ("Setup", "ui.setup_page:SetupPage"),
    ("Framing", "ui.framing_editor:FramingEditor"),
    ("Timeline", "ui.timeline.page:TimelinePage"),
    ("Incident flow", "ui.timeline.flow_view:IncidentFlowPage"),
    ("Factors", "ui.factors_page:FactorsPage"),
    ("Actions", "ui.actions_page:ActionsPage"),
    ("Wrap-up", "ui.poll_page:ClosingPollPage"),
    ("Follow-up", "ui.follow_up_page:FollowUpPage"),
    ("Quarterly retro", "ui.report_page:ReportPage"),
    ("Room", "ui.room.queue_page:RoomPage"),  # the room's proposals queue (issue 10)
]

# Panels the Setup page shows under the roster, each a QWidget taking (bridge, parent=None).
SETUP_PANELS: list[str] = [
    "ui.checklist_panel:SetupChecklistPanel",
]

# Shared screen: the view shown for each phase key (DESIGN.md §2); unknown keys fall back.
SHARED_PHASE_VIEWS: dict[str, str] = {
    "framing": "ui.shared.framing:FramingView",
    "timeline": "ui.timeline.walk_view:TimelineWalkView",
    "factors": "ui.shared.factors:FactorsSharedView",
    "actions": "ui.shared.actions:ActionsSharedView",
    "wrapup": "ui.shared.wrapup:WrapUpSharedView",
}
SHARED_FALLBACK_VIEW = "ui.shared.views:PhaseSummaryView"

# Shared-screen widgets that stay visible in every phase: the clock beside the title (header),
# a band under it (the speaking balance), a footer (the compact language guide).
SHARED_HEADER_WIDGETS: dict[str, str] = {"clock": "ui.widgets.countdown:CountdownWidget"}
SHARED_BAND_WIDGETS: dict[str, str] = {"balance": "ui.widgets.balance_bar:BalanceBar"}
SHARED_FOOTER_WIDGETS: dict[str, str] = {
    "language-guide": "ui.language_guide:LanguageGuideStrip",
}

# The large language guide that `G` brings to the front ("" until a guide view exists).
SHARED_GUIDE_VIEW = "ui.language_guide:LanguageGuideSpotlight"


def load(spec: str) -> Any:
    module_name, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module_name), attribute)
