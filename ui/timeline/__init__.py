"""The two-lane timeline: widget, walk view, event detail, import dialog, incident-flow diagram."""
