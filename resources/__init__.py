"""Data, not code: the language guide, checkers' patterns, the agenda, themes, the demo session.

A package only so that `importlib.resources` finds these files in a checkout, a wheel or a bundle.
"""
