"""The participants' page: three files shipped in `resources/companion/`, served from memory.

Only these names are ever served (no path from a request reaches the file system), each with
a strict Content-Security-Policy: the page loads nothing from anywhere else, runs only its own
script, and cannot be framed.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app.paths import resource

FILES = {
    "": ("index.html", "text/html"),
    "app.js": ("app.js", "text/javascript"),
    "style.css": ("style.css", "text/css"),
}

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Server": "facilitator-room",  # not the library and its version
}


@dataclass(frozen=True)
class Asset:
    body: bytes
    content_type: str


def load_assets() -> dict[str, Asset]:
    """Read the page's files once, at start."""
    folder = resource("companion")
    return {
        name: Asset(folder.joinpath(file).read_bytes(), ctype)
        for name, (file, ctype) in FILES.items()
    }
