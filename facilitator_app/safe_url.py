"""Links users typed or imported are opened only when they are plain http(s) URLs with a host.

The URL is re-serialised from its parsed parts before anything opens it, so what opens is
exactly what was checked (no credentials, no control characters, no odd schemes).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from facilitator_app.errors import ValidationError

ALLOWED_SCHEMES = ("http", "https")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"
# Already in the form re-serialising produces (lower-case scheme and host, no user, nothing to
# escape): returned as it is, without the round trip (imports check thousands of these).
_CANONICAL = re.compile(
    r"https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::(\d{1,5}))?"
    r"(?:/[A-Za-z0-9/%:@!$&'()*+,;=._~-]*)?"
    r"(?:\?[A-Za-z0-9/%:@!$&'()*+,;=._~?-]+)?"
    r"(?:#[A-Za-z0-9/%:@!$&'()*+,;=._~?-]+)?",
    re.ASCII,
)


def safe_http_url(text: str, field: str = "source_url") -> str:
    """The URL re-serialised, or ValidationError saying why it is refused."""
    raw = text.strip()
    quick = _CANONICAL.fullmatch(raw)
    if quick is not None and (quick.group(1) is None or int(quick.group(1)) <= 65535):
        return raw
    return reserialised(raw, field)


def reserialised(raw: str, field: str = "source_url") -> str:
    """The full check: parse, refuse what is not a plain http(s) link, put it back together."""
    if not raw:
        raise ValidationError("there is no link", field=field)
    if _CONTROL.search(raw):
        raise ValidationError("a link cannot contain spaces or control characters", field=field)
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise ValidationError(f"not a valid link ({exc})", field=field) from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise ValidationError("is not a link (it needs http:// or https://)", field=field)
    if scheme not in ALLOWED_SCHEMES:
        raise ValidationError(
            f"only http and https links are allowed, not '{scheme}:'", field=field
        )
    host = parts.hostname
    if not host:
        raise ValidationError("the link has no host", field=field)
    if parts.username is not None or parts.password is not None:
        raise ValidationError("a link with a user name or password is refused", field=field)
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ValidationError("the link's host name is not valid", field=field) from None
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit(
        (
            scheme,
            netloc,
            quote(parts.path, safe=_PATH_SAFE),
            quote(parts.query, safe=_QUERY_SAFE),
            quote(parts.fragment, safe=_QUERY_SAFE),
        )
    )


def is_safe_http_url(text: str) -> bool:
    try:
        safe_http_url(text)
    except ValidationError:
        return False
    return True
