"""The shared screen (the projector's window) and its read-only phase views."""
