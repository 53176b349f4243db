"""SIGTERM and SIGINT end the app as Quit does: clock paused, interval closed, lock released.

Without this, `kill` (a logout, a supervisor, Ctrl+C in the terminal) ended the process at once
with status 143, and the next start took it for a crash. Python runs a signal handler only when
the interpreter gets control, which it does not while Qt's event loop waits; so the C-level
handler writes the signal number to a socket (`signal.set_wakeup_fd`) that a QSocketNotifier
watches, and the quit runs on the GUI thread like the menu's Quit.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class SignalQuit(QObject):
    """Owns the socket pair and the notifier; `uninstall()` puts the old handlers back."""

    def __init__(self, quit_app: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit_app = quit_app
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {sig: signal.signal(sig, self._on_signal) for sig in QUIT_SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self.received: list[int] = []

    def _on_signal(self, signum: int, frame: object) -> None:
        """Python-level handler: runs when the interpreter next gets control (after _drain)."""
        self.received.append(signum)

    def _drain(self) -> None:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while self._reader.recv(64):
                pass
        self._quit_app()

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()


def quit_on_signals(quit_app: Callable[[], None]) -> SignalQuit:
    """Install the handlers (main thread only); call `uninstall()` once the event loop ends."""
    return SignalQuit(quit_app)
