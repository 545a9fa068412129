"""The rules of every request post2pod makes: `HttpSettings` (the config's [fetch] table plus what a
run adds), `Download`, which URLs are fetched, and the address policy (links from feed content never
reach internal addresses). `download` runs them through the client in `client.py`, which alone
imports httpx, on the first download: a run that fetches nothing never loads it.
"""

from __future__ import annotations

import ipaddress
import re
import time
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from post2pod import __version__
from post2pod.config import FetchSettings
from post2pod.errors import FetchError

SCHEMES = ("http", "https")
FEED_ACCEPT = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
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
    httpx loads here, on the first download: a run that fetches nothing never imports it.
    """
    from post2pod.fetch import client

    return client.get(url, settings, accept, headers or {}, trusted)
