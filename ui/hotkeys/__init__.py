"""The one hotkey table, its dispatcher on both windows, the cheat sheet and settings dialog."""
