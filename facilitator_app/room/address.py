"""Where the room's server listens: `HOST[:PORT]` from the command line, and the default
interface (the address of the default route, so phones on the meeting room's network reach it).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

from facilitator_app.errors import UserError

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class RoomAddress:
    host: str  # "" means: the address of the default route
    port: int  # 0: a free port

    def resolved_host(self) -> str:
        return self.host or default_route_address()


def parse_room_address(text: str) -> RoomAddress:
    """`192.168.1.20:8765`, `127.0.0.1`, `[::1]:0`, `:8765` (default interface), `localhost`."""
    value = text.strip()
    host, port_text = value, ""
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            raise UserError(f"{text!r}: a bracketed IPv6 address needs its ']'", field="--room")
        host, rest = value[1:end], value[end + 1 :]
        if rest and not rest.startswith(":"):
            raise UserError(f"{text!r}: expected HOST[:PORT]", field="--room")
        port_text = rest[1:]
    elif value.count(":") == 1:
        host, port_text = value.split(":")
    elif value.count(":") > 1:
        raise UserError(f"{text!r}: write an IPv6 address in brackets, [::1]:8765", field="--room")
    if host == "localhost":
        host = LOOPBACK
    if host:
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise UserError(
                f"{host!r} is not an IP address of this machine (e.g. 127.0.0.1)", field="--room"
            ) from None
    port = 0
    if port_text:
        if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
            raise UserError(f"{port_text!r} is not a port (0-65535)", field="--room")
        port = int(port_text)
    return RoomAddress(host, port)


def default_route_address() -> str:
    """The local address the default route leaves from (no packet is sent); loopback when
    the machine has no network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
        address = probe.getsockname()[0]
    except OSError:
        return LOOPBACK
    finally:
        probe.close()
    return str(address)
