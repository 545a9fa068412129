"""The HTTP client behind `http.download` (httpx and httpcore are imported here and nowhere else):
redirects, retries with backoff, deadlines, the size limit, and the address policy checked inside the
connection itself (after DNS, on every hop, on the very address connected to)."""

from __future__ import annotations

import re
import socket
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import httpcore
import httpx

from post2pod.errors import FetchError
from post2pod.fetch.http import (
    Download,
    HttpSettings,
    Policy,
    check_address,
    check_url,
    is_internal,
    is_url,
)

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class _Retry(Exception):
    """A failure worth another attempt: what happened, and how long the server asked us to wait."""

    def __init__(self, reason: str, wait_s: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait_s = wait_s


@dataclass(frozen=True)
class _Redirect:
    location: str


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a literal address resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


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


def get(url: str, settings: HttpSettings, accept: str, headers: dict[str, str], trusted: bool) -> Download:
    """What `http.download` does (see there), with httpx."""
    check_url(url)
    request_headers = {"User-Agent": settings.user_agent, "Accept": accept, **headers}
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
