"""Who may reach the room: the per-session secret in the join link and the short join code.

The secret (192 random bits from `secrets`) gates every path the server answers; the code is
what a person types from the shared screen. Wrong codes lock: a device (by its address) after
`per_client_tries` wrong tries for `lock_seconds`, and the code itself after `total_tries` wrong
tries from anywhere, until the facilitator makes a new one. Time comes from an injected
monotonic clock, so the lockout is tested without sleeping.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

# No 0/O, 1/I/L: read off a projector from the back of a room.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
SECRET_BYTES = 24  # 192 bits


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    """A device's own token, handed out at join (128 bits)."""
    return secrets.token_urlsafe(16)


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison (no timing hint about how much of a guess was right)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def normalise_code(text: str) -> str:
    """What people type: lower case, spaces, a dash in the middle."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


class CodeResult(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    CLIENT_LOCKED = "client-locked"
    CODE_LOCKED = "code-locked"


@dataclass
class CodeGate:
    """The join code and its lockout."""

    clock: Callable[[], float]
    code: str = field(default_factory=new_code)
    per_client_tries: int = 5
    lock_seconds: float = 300.0
    total_tries: int = 30
    _wrong: dict[str, list[float]] = field(default_factory=dict)
    _total_wrong: int = 0

    @property
    def locked(self) -> bool:
        return self._total_wrong >= self.total_tries

    def check(self, client: str, typed: str) -> CodeResult:
        now = self.clock()
        if self.locked:
            return CodeResult.CODE_LOCKED
        recent = [t for t in self._wrong.get(client, []) if now - t < self.lock_seconds]
        self._wrong[client] = recent
        if len(recent) >= self.per_client_tries:
            return CodeResult.CLIENT_LOCKED
        if hmac.compare_digest(normalise_code(typed).encode(), self.code.encode()):
            return CodeResult.OK
        recent.append(now)
        self._total_wrong += 1
        if len(self._wrong) > 10_000:  # bounded: forget the oldest addresses
            self._wrong.pop(next(iter(self._wrong)))
        return CodeResult.CODE_LOCKED if self.locked else CodeResult.WRONG

    def renew(self) -> str:
        """A new code (the facilitator's answer to a locked code); lockouts start afresh."""
        self.code = new_code()
        self._wrong.clear()
        self._total_wrong = 0
        return self.code
