"""PySide6 views of the core: the console and the shared screen, their widgets and dialogs."""
