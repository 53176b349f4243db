"""Fixtures for the UI tests: a live meeting with its bridge and controller."""

from tests.ui.live import live

__all__ = ["live"]
