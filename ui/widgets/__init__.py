"""Reusable widgets shared by the console and the shared screen."""
