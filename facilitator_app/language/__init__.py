"""Blameless language: the guide shown on the shared screen, and the checker that enforces it.

The guide and the checker's rules are data (`resources/language_guide.toml`), which an
organisation can override or extend with a file of the same name in the user config directory.
"""

from facilitator_app.language.checker import BlameChecker, Finding, check_text, current_checker
from facilitator_app.language.guide import (
    GuideRule,
    LanguageGuide,
    current_guide,
    load_guide,
    user_guide_path,
)

__all__ = [
    "BlameChecker",
    "Finding",
    "GuideRule",
    "LanguageGuide",
    "check_text",
    "current_checker",
    "current_guide",
    "load_guide",
    "user_guide_path",
]
