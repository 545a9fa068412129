"""Every request post2pod makes: timeouts, retries with backoff, redirects, the size limit, conditional
GET, and the address policy (links from feed content never reach internal addresses).

httpx is imported here and nowhere else in post2pod. The address policy lives inside the connection
itself (checked after DNS on every hop, on the very address connected to); the deadline and retry
logic wrap the same requests. How patient and trusting they are is the config's [fetch] table.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from post2pod import __version__
from post2pod.config import FetchSettings
from post2pod.errors import FetchError

SCHEMES = ("http", "https")
FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


USER_AGENT = f"post2pod/{__version__} (+https://github.com/post2pod/post2pod)"
_FETCH_KEYWORDS = ("timeout_s", "retries", "backoff_s", "allow_private")  # fields of [fetch] read here


@dataclass(frozen=True, init=False)
class HttpSettings:
    """How patient and how trusting fetching is: the [fetch] settings (`FetchSettings`: timeout,
    retries, backoff, size limit, private addresses), and what HTTP or one run adds to them."""

    fetch: FetchSettings
    max_retry_after_s: float  # cap on a server's Retry-After
    max_redirects: int
    deadline: float | None  # time.monotonic() by which all fetching of a run must be over
    allowed_addresses: frozenset[str]  # internal addresses the feed itself came from
    user_agent: str

    def __init__(
        self,
        fetch: FetchSettings = FetchSettings(),  # noqa: B008 (frozen, so one shared default is safe)
        *,
        max_retry_after_s: float = 60.0,
        max_redirects: int = 5,
        deadline: float | None = None,
        allowed_addresses: frozenset[str] = frozenset(),
        user_agent: str = USER_AGENT,
        **changes: Any,
    ) -> None:
        """`changes` set single [fetch] settings (`HttpSettings(timeout_s=0.5)`, `replace(settings,
        allow_private=True)`); `max_bytes` is max_mb in bytes, a whole number of megabytes."""
        if "max_bytes" in changes:
            megabytes, rest = divmod(changes.pop("max_bytes"), 1_000_000)
            if rest:
                raise ValueError("max_bytes is [fetch] max_mb in bytes: a whole number of megabytes")
            changes["max_mb"] = megabytes
        unknown = set(changes) - {*_FETCH_KEYWORDS, "max_mb"}
        if unknown:
            raise TypeError(f"HttpSettings got unexpected keyword(s): {', '.join(sorted(unknown))}")
        values = {
            "fetch": replace(fetch, **changes) if changes else fetch,
            "max_retry_after_s": max_retry_after_s,
            "max_redirects": max_redirects,
            "deadline": deadline,
            "allowed_addresses": allowed_addresses,
            "user_agent": user_agent,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @classmethod
    def for_run(cls, fetch: FetchSettings) -> HttpSettings:
        """The settings of a run starting now: all its fetching ends within [fetch] budget_s."""
        return cls(fetch, deadline=time.monotonic() + fetch.budget_s)

    @property
    def timeout_s(self) -> float:
        return self.fetch.timeout_s

    @property
    def retries(self) -> int:  # extra attempts after the first one
        return self.fetch.retries

    @property
    def backoff_s(self) -> float:  # first wait; doubles on each retry
        return self.fetch.backoff_s

    @property
    def max_bytes(self) -> int:
        return self.fetch.max_mb * 1_000_000

    @property
    def allow_private(self) -> bool:  # let content links reach internal addresses
        return self.fetch.allow_private


@dataclass(frozen=True)
class Download:
    """A finished GET: the final URL (after redirects), the body and the headers we use."""

    url: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    not_modified: bool = False
    addresses: frozenset[str] = frozenset()  # internal addresses a trusted URL's host resolved to

    @property
    def charset(self) -> str | None:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", self.headers.get("content-type", ""), re.I)
        return match.group(1) if match else None

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class _Retry(Exception):
    """A failure worth another attempt: what happened, and how long the server asked us to wait."""

    def __init__(self, reason: str, wait_s: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait_s = wait_s


@dataclass(frozen=True)
class _Redirect:
    location: str


def is_url(source: str) -> bool:
    """True for an http(s) URL with a host; False for anything else (a path, another scheme)."""
    parts = urlsplit(source.strip())
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)


def has_scheme(source: str) -> bool:
    """True when `source` is written as a URL (`scheme://...`), whatever the scheme."""
    return bool(_HAS_SCHEME.match(source.strip()))


def check_url(url: str) -> None:
    """Raise FetchError unless `url` is an http(s) URL."""
    if not is_url(url):
        scheme = urlsplit(url).scheme or "no scheme"
        raise FetchError(
            f"cannot fetch {url}: only http and https URLs are supported ({scheme}); "
            "give an http(s) URL or a local file path"
        )


# --- address policy ---------------------------------------------------------------------------


@dataclass
class Policy:
    """Which addresses a download may connect to.

    Internal addresses (loopback, private, link-local, multicast, reserved, unspecified) are refused
    unless `allow_private`, or listed in `allowed`, or the host is `trusted_host` (the operator's own
    URL), whose internal addresses are then allowed for the rest of the download and recorded.
    """

    allow_private: bool = False
    allowed: set[str] = field(default_factory=set)
    trusted_host: str | None = None
    trusted_addresses: set[str] = field(default_factory=set)


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a literal address resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_internal(address: str) -> bool:
    """True for an address that is not on the public internet (IPv4-mapped IPv6 read as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified


def check_address(address: str, policy: Policy, host: str | None = None) -> None:
    """Raise FetchError when `policy` forbids connecting to `address` (which `host` resolved to)."""
    if policy.allow_private or not is_internal(address) or address in policy.allowed:
        return
    shown = f"{host} ({address})" if host and host != address else address
    raise FetchError(
        f"refusing to connect to {shown}, an internal address: links from a feed and their redirects "
        "must lead to public addresses (set allow_private = true under [fetch] to allow it)"
    )


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the backend's current request deadline, so
    a server that drips bytes cannot stretch one request past `timeout_s`."""

    def __init__(self, stream: httpcore.NetworkStream, backend: _CheckedBackend) -> None:
        self.stream = stream
        self.backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self.backend.remaining(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self.backend.remaining(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        timeout = self.backend.remaining(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self.stream.start_tls(ssl_context, server_hostname, timeout), self.backend)

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class _CheckedBackend(httpcore.SyncBackend):
    """Connects only to addresses the policy allows, and to the very address it checked (no second
    DNS answer can slip in between check and connect). Runs for every hop and every retry.

    Its streams also end every operation by `deadline` (time.monotonic()), set for each request.
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.deadline: float | None = None

    def remaining(self, timeout: float | None, error: type[Exception]) -> float | None:
        """`timeout` cut to what is left before the deadline; `error` once nothing is left."""
        if self.deadline is None:
            return timeout
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise error("the request's time is up")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        addresses = resolve(host, port)
        if host == self.policy.trusted_host:
            internal = {a for a in addresses if is_internal(a)}
            self.policy.trusted_addresses |= internal
            self.policy.allowed |= internal
        for address in addresses:
            check_address(address, self.policy, host)
        error: Exception | None = None
        for address in addresses:
            limit = self.remaining(timeout, httpcore.ConnectTimeout)
            try:
                stream = super().connect_tcp(address, port, limit, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
                continue
            return _DeadlineStream(stream, self)
        raise error or httpcore.ConnectError(f"{host} has no address")


def _client(backend: _CheckedBackend, timeout: httpx.Timeout, headers: dict[str, str]) -> httpx.Client:
    transport = httpx.HTTPTransport()
    # httpx offers no public hook for the connecting backend; httpcore's pool does
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=backend)
    return httpx.Client(timeout=timeout, follow_redirects=False, headers=headers, transport=transport)


# --- downloads ----------------------------------------------------------------------------------


def download(
    url: str,
    settings: HttpSettings,
    *,
    accept: str,
    headers: dict[str, str] | None = None,
    trusted: bool = False,
) -> Download:
    """GET `url` following redirects and retrying transient failures; FetchError when it cannot.

    `trusted`: the operator gave `url` (the source feed), so its host may be internal; otherwise it
    came from feed content and every hop must resolve to public addresses (see `Policy`).
    """
    check_url(url)
    request_headers = {"User-Agent": settings.user_agent, "Accept": accept, **(headers or {})}
    timeout = httpx.Timeout(settings.timeout_s)
    policy = Policy(
        allow_private=settings.allow_private,
        allowed=set(settings.allowed_addresses),
        trusted_host=_host(url) if trusted else None,
    )
    backend = _CheckedBackend(policy)
    with _client(backend, timeout, request_headers) as client:
        got = _follow(client, backend, url, settings)
    return replace(got, addresses=frozenset(policy.trusted_addresses))


def _host(url: str) -> str | None:
    """The host as httpcore will connect to it (no brackets around an IPv6 literal)."""
    return httpx.URL(url).host or None


def _follow(client: httpx.Client, backend: _CheckedBackend, url: str, settings: HttpSettings) -> Download:
    seen = [url]
    for _ in range(settings.max_redirects + 1):
        outcome = _get_with_retries(client, backend, url, settings)
        if isinstance(outcome, Download):
            return outcome
        target = urljoin(url, outcome.location)
        if not is_url(target):
            raise FetchError(
                f"{url} redirects to {target}, which is not an http(s) URL; "
                "refusing to follow it (give the final address directly)"
            )
        if target in seen:
            raise FetchError(
                f"{seen[0]} redirects in a loop ({' -> '.join([*seen, target])}); "
                "check the address or report it to the site"
            )
        seen.append(target)
        url = target
    raise FetchError(
        f"{seen[0]} redirects more than {settings.max_redirects} times; give the final address directly"
    )


def _get_with_retries(
    client: httpx.Client, backend: _CheckedBackend, url: str, settings: HttpSettings
) -> Download | _Redirect:
    attempts = settings.retries + 1
    for attempt in range(attempts):
        _check_budget(url, settings)
        backend.deadline = _request_deadline(settings)
        try:
            return _get_once(client, url, settings)
        except _Retry as failure:
            delay = _delay(settings, attempt, failure.wait_s)
            if attempt + 1 == attempts or not _time_left(settings, delay):
                tries = f"{attempt + 1} attempts" if attempt else "1 attempt"
                why = "; no fetch time left for this run" if attempt + 1 < attempts else ""
                raise FetchError(
                    f"could not fetch {url}: {failure.reason} ({tries}{why}); "
                    "check the address and your connection, or try again later"
                ) from None
            time.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def _request_deadline(settings: HttpSettings) -> float:
    """One request (connect, headers, body) ends within timeout_s, and within the run's budget."""
    deadline = time.monotonic() + settings.timeout_s
    return deadline if settings.deadline is None else min(deadline, settings.deadline)


def _time_left(settings: HttpSettings, wait_s: float) -> bool:
    return settings.deadline is None or time.monotonic() + wait_s < settings.deadline


def _check_budget(url: str, settings: HttpSettings) -> None:
    if settings.deadline is not None and time.monotonic() >= settings.deadline:
        raise FetchError(
            f"not fetching {url}: this run has used up its fetch time; the next run tries again "
            "([fetch] budget_s sets it)"
        )


def _delay(settings: HttpSettings, attempt: int, asked_s: float | None) -> float:
    """Seconds before the next attempt: the server's Retry-After up to a cap, else the backoff."""
    if asked_s is not None:
        return min(asked_s, settings.max_retry_after_s)
    return settings.backoff_s * 2**attempt


def _get_once(client: httpx.Client, url: str, settings: HttpSettings) -> Download | _Redirect:
    try:
        with client.stream("GET", url) as response:
            return _handle(response, url, settings)
    except httpx.TimeoutException:
        raise _Retry(f"no answer within {settings.timeout_s:g} s") from None
    except (httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
        raise _Retry(_reason(exc)) from None
    except httpx.DecodingError:
        raise FetchError(
            f"could not fetch {url}: the server sent a badly compressed body; "
            "try again later or report it to the site"
        ) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"could not fetch {url}: {_reason(exc)}; check the address") from None
    except httpx.InvalidURL as exc:
        raise FetchError(_invalid_url(url, exc)) from None


def _invalid_url(url: str, exc: httpx.InvalidURL) -> str:
    """httpx builds the next request even when not following redirects: a Location like data:… fails."""
    try:
        httpx.URL(url)
    except httpx.InvalidURL:
        return f"cannot fetch {url}: {exc}; check the address"
    return (
        f"{url} redirects to an address that is not an http(s) URL (data:, mailto:…); "
        "refusing to follow it (give the final address directly)"
    )


def _handle(response: httpx.Response, url: str, settings: HttpSettings) -> Download | _Redirect:
    status = response.status_code
    if response.has_redirect_location:
        return _Redirect(response.headers["location"])
    if status == 304:
        return Download(url, headers=_kept_headers(response), not_modified=True)
    if status == 429 or status >= 500:
        raise _Retry(
            f"the server answered HTTP {status} {_printable(response.reason_phrase)}".rstrip(),
            _retry_after(response.headers.get("retry-after")),
        )
    if status >= 300:
        hint = (
            "check the address" if status in (404, 410) else "check the address and whether it needs a login"
        )
        reason = f"HTTP {status} {_printable(response.reason_phrase)}".rstrip()
        raise FetchError(f"could not fetch {url}: the server answered {reason}; {hint}")
    return Download(url, _read_limited(response, url, settings.max_bytes), _kept_headers(response))


def _read_limited(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise _too_big(url, max_bytes)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _too_big(url, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(url: str, max_bytes: int) -> FetchError:
    return FetchError(
        f"{url} is larger than the {max_bytes:,} byte limit; "
        "check that it is a blog feed, or raise the size limit"
    )


def _kept_headers(response: httpx.Response) -> dict[str, str]:
    names = ("content-type", "etag", "last-modified", "content-language")
    return {name: response.headers[name] for name in names if name in response.headers}


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _printable(text: str) -> str:
    """A server-supplied string made safe to print: no control or bidi characters (a reason phrase
    could otherwise clear the operator's terminal or retitle it), at most 100 characters."""
    return _UNPRINTABLE.sub("", text)[:100]


def _reason(exc: Exception) -> str:
    text = re.sub(r"\[Errno -?\d+\]\s*", "", str(exc)).strip()
    return text or type(exc).__name__
