"""Postmortem Facilitator: the Qt-free core (domain model, meeting engine, imports, exports)."""

__version__ = "0.1.0"
