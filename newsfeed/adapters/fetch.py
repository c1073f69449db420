"""Fetching a source like a good citizen: one GET, conditional, bounded in every way.

- **Conditional**: the ETag and Last-Modified of the last answer are sent back; a 304 costs nothing.
- **Named**: a User-Agent that names the service and where it runs.
- **Bounded**: a timeout for connecting and for each read, and a deadline for the whole answer
  (``4 × timeout``: connecting, TLS, the status line, the headers, every chunk, every redirect hop)
  enforced on the socket — a watchdog shuts the connection down when it passes, wherever the
  reading is, so a server that trickles a byte every few seconds cannot hold a fetch open; a size
  limit checked against Content-Length and again while reading; at most ``max_redirects`` hops.
  Every outgoing HTTP request of the service goes through a Fetcher.
- **Only where it should go**: http and https only; every address the host resolves to must be
  public unless it lies in an allowed network (``[sources] allow_networks``), and the connection is
  made to the very address that was checked (a name that resolves differently a moment later,
  DNS rebinding, cannot send the request elsewhere). Every redirect hop is checked the same way.

Built on the standard library's http.client, because the check must happen at connect time: the
connection classes below connect to the vetted address and still send the right Host and SNI.
Pure: no Flask, no SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

ACCEPT = (
    "text/html, text/markdown;q=0.9, application/atom+xml, application/rss+xml, application/feed+json, "
    "application/xml;q=0.8, application/json;q=0.8, text/plain;q=0.7, */*;q=0.3"
)
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


class FetchError(Exception):
    """The source could not be fetched; the message says why in a sentence."""


@dataclass(frozen=True)
class Fetched:
    status: int  # 200, or 304 (not modified: no body)
    url: str  # after redirects
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def text(self) -> str:
        """The body as text: the charset the server named, else a <meta charset> in HTML, else
        UTF-8 (what cannot be decoded is replaced, never an error)."""
        charset = self.charset
        if charset is None and b"<" in self.body[:4096]:
            found = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]{1,40})""", self.body[:4096], re.I)
            charset = found.group(1).decode("ascii") if found else None
        try:
            return self.body.decode(charset or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"{host}: the name does not resolve ({exc.strerror})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class Fetcher:
    user_agent: str
    timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow: Sequence[Network] = ()
    resolve: Resolver = field(default=system_resolver)

    def vet(self, host: str, port: int) -> str:
        """The address to connect to, once every address of ``host`` is allowed."""
        addresses = self.resolve(host, port)
        if not addresses:
            raise FetchError(f"{host}: the name resolves to no address")
        for text in addresses:
            address = ipaddress.ip_address(text.split("%", 1)[0])
            if _public(address) or any(address in network for network in self.allow):
                continue
            raise FetchError(
                f"{host} resolves to {address}, a private, loopback or link-local address: not fetched "
                "(an operator may allow its network with [sources] allow_networks)"
            )
        return addresses[0]

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Fetched:
        """The answer at ``url`` (``accept``: what to ask for, when an API needs it said: ORCID
        answers XML unless JSON is asked for)."""
        deadline = time.monotonic() + self.timeout * 4
        for _hop in range(self.max_redirects + 1):
            if time.monotonic() >= deadline:
                raise FetchError(f"the answer took longer than {self.timeout * 4:g} s")
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                raise FetchError(f"{url[:200]}: only http and https addresses are fetched")
            host = parts.hostname
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError:
                raise FetchError(f"{url[:200]}: the port is not a number") from None
            if not host:
                raise FetchError(f"{url[:200]}: no host")
            address = self.vet(host, port)
            connection: _VettedHTTP | _VettedHTTPS
            if parts.scheme == "https":
                connection = _VettedHTTPS(host, port, address, timeout=self.timeout)
            else:
                connection = _VettedHTTP(host, port, address, timeout=self.timeout)
            watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), connection.abort)
            watchdog.daemon = True
            watchdog.start()
            headers = {
                "User-Agent": self.user_agent,
                "Accept": accept or ACCEPT,
                "Accept-Encoding": "identity",
            }
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            try:
                connection.request("GET", target, headers=headers)
                response = connection.getresponse()
                if connection.aborted:  # cut mid-headers: what was read is not the answer
                    raise TimeoutError("deadline")
                if response.status in REDIRECTS:
                    location = response.getheader("Location")
                    if not location:
                        raise FetchError(f"HTTP {response.status} without a Location")
                    url = urljoin(url, location.strip())
                    continue
                if response.status == 304:
                    return Fetched(304, url, etag=etag, last_modified=last_modified)
                if response.status != 200:
                    raise FetchError(f"HTTP {response.status} {response.reason}".strip())
                body = self._read(response)
                if connection.aborted:  # cut mid-body: the end that was read is not the end
                    raise TimeoutError("deadline")
                content_type, charset = _content_type(response.getheader("Content-Type") or "")
                return Fetched(
                    200,
                    url,
                    body,
                    content_type,
                    charset,
                    etag=response.getheader("ETag"),
                    last_modified=response.getheader("Last-Modified"),
                )
            except (OSError, http.client.HTTPException) as exc:
                if connection.aborted:
                    raise FetchError(f"{host}: the answer took longer than {self.timeout * 4:g} s") from None
                if isinstance(exc, TimeoutError):
                    raise FetchError(f"{host}: no answer within {self.timeout:g} s") from None
                if isinstance(exc, ssl.SSLError):
                    raise FetchError(f"{host}: TLS failed ({exc.reason or exc})") from None
                raise FetchError(f"{host}: {exc.__class__.__name__}: {exc}"[:300]) from None
            finally:
                watchdog.cancel()
                connection.close()
        raise FetchError(f"more than {self.max_redirects} redirects")

    def _read(self, response: http.client.HTTPResponse) -> bytes:
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise FetchError(f"the answer is {int(length):,} bytes, more than the {self.max_bytes:,} allowed")
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = response.read1(CHUNK)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"the answer is more than the {self.max_bytes:,} bytes allowed")
            chunks.append(chunk)


def _content_type(header: str) -> tuple[str, str | None]:
    kind, _, rest = header.partition(";")
    charset = None
    found = re.search(r"charset=\"?([A-Za-z0-9_-]{1,40})", rest, re.I)
    if found:
        charset = found.group(1)
    return kind.strip().lower(), charset


class _Abortable:
    """A connection the watchdog can cut from another thread: the raw socket is shut down, so a
    read or a handshake blocked on it returns at once (closing alone would not wake it)."""

    raw: socket.socket | None = None
    aborted: bool = False

    def abort(self) -> None:
        self.aborted = True
        raw = self.raw
        if raw is not None:
            with contextlib.suppress(OSError):  # already closed: nothing to cut
                raw.shutdown(socket.SHUT_RDWR)

    def _connect_raw(self, address: str, port: int, timeout: float | None) -> socket.socket:
        if self.aborted:
            raise TimeoutError("deadline")
        self.raw = socket.create_connection((address, port), timeout)
        if self.aborted:  # the watchdog fired while connecting
            self.abort()
        return self.raw


class _VettedHTTP(_Abortable, http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, **kw: Any) -> None:
        super().__init__(host, port, **kw)
        self.address = address

    def connect(self) -> None:
        self.sock = self._connect_raw(self.address, self.port, self.timeout)


class _VettedHTTPS(_Abortable, http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, **kw: Any) -> None:
        super().__init__(host, port, context=ssl.create_default_context(), **kw)
        self.address = address

    def connect(self) -> None:
        sock = self._connect_raw(self.address, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def post_form(url: str, fields: list[tuple[str, str]], *, timeout: float) -> int:
    """POST ``fields`` form-encoded to ``url`` (an address the operator configured, such as a
    WebSub hub); its status when 2xx, else FetchError saying what came back."""
    import urllib.error
    import urllib.parse
    import urllib.request

    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(  # noqa: S310 (an http(s) address from the configuration)
        url,
        data=data,
        headers={"Content-Type": "application/x-www-form-urlencoded", "User-Agent": "newsfeed"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} answered {exc.code} {exc.reason}") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"{url} could not be reached: {exc}") from None
