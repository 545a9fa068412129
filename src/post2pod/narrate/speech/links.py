"""Links, addresses and DOIs in running text, and how a narrator says them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

URL_RE = re.compile(r"(?:(?<![a-z0-9+.-])\b[a-z][a-z0-9+.-]*://|(?<![\w.-])www\.)[^\s<>\"']+", re.IGNORECASE)
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])\b([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)\b")


def domain_of(url: str) -> str:
    """`https://www.example.com/x` -> `example.com` (empty when there is none)."""
    if "://" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    host = host[4:] if host.startswith("www.") else host
    return host if re.fullmatch(r"[\w.-]+\.[^\W\d_]{2,}", host) else ""


# A DOI written out, as a doi.org link or as "DOI:10.xxxx/...".
DOI_RE = re.compile(
    r"(?:\b(?:https?://)?(?:dx\.)?doi\.org/|\bdoi:\s?)10\.\d{4,9}/[^\s\"'<>]*[^\s\"'<>.,;:)\]]",
    re.IGNORECASE,
)
# A domain name followed by a path ("github.com/jane/project"), without a scheme.
BARE_LINK_RE = re.compile(
    r"(?<![\w@./-])(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?!(?:js|ts|py|md|rb|go|cc|hs|kt|pl|pm|sh|rs)/)(?:com|org|net|io|dev|app|ai|co|edu|gov|"
    r"info|blog|xyz|me|so|ly|tv|fm|gg|page|site|tech|cloud|[a-z]{2})/[^\s<>\"']*",
    re.IGNORECASE,
)


def spoken_url(match: re.Match[str], english: bool) -> str:
    """A `URL_RE` match as "a link to example.com" (in other languages, the domain alone)."""
    raw = match.group(0)
    trail = re.search(r"[.,;:!?)\]}]+$", raw)
    url = raw[: trail.start()] if trail else raw
    domain = domain_of(url)
    spoken = (f"a link to {domain}" if english else domain) if domain else ""
    return spoken + (trail.group(0) if trail else "")


def spoken_email(match: re.Match[str]) -> str:
    """An `EMAIL_RE` match as "jane dot doe at example dot com"."""
    names = {".": " dot ", "-": " dash ", "_": " underscore ", "+": " plus "}
    user = re.sub(r"[._+-]+", lambda m: names[m.group(0)[0]], match.group(1))
    return f"{user} at {match.group(2).replace('.', ' dot ')}"
