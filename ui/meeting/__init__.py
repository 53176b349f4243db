"""The console's meeting page and the glue between hotkeys, timers and the meeting engine."""
