"""Fetch policy: links from feed content never reach internal addresses (checked after DNS, every hop).

Refusals are tested by resolution only: a refused address is never connected to, so no test sends
traffic anywhere but 127.0.0.1.
"""

from __future__ import annotations

import dataclasses

import pytest
from pytest_httpserver import HTTPServer

from post2pod.errors import FetchError
from post2pod.fetch import client, fetch_feed, fetch_page, http

from .conftest import FAST, feed_bytes

PAGE = "<html><body><article><p>Hello from the page.</p></article></body></html>"


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names the test resolves itself (anything else resolves as usual)."""
    names: dict[str, list[str]] = {}
    real = client.resolve

    def resolve(host: str, port: int) -> list[str]:
        return names[host] if host in names else real(host, port)

    monkeypatch.setattr(client, "resolve", resolve)
    return names


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:9/secret",
        "http://[::1]:9/",
        "http://[::ffff:127.0.0.1]:9/",
        "http://0.0.0.0:9/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://internal.test/",
    ],
)
def test_content_links_to_internal_addresses_are_refused_unconnected(url, connections, dns) -> None:
    dns["internal.test"] = ["192.168.1.20"]
    with pytest.raises(FetchError, match="internal address"):
        fetch_page(url, settings=FAST)
    assert connections == []


def test_a_name_with_any_internal_address_is_refused(connections, dns) -> None:
    dns["mixed.test"] = ["93.184.215.14", "10.1.2.3"]
    with pytest.raises(FetchError, match="internal address"):
        fetch_page("http://mixed.test/post", settings=FAST)
    assert connections == []


def test_a_redirect_into_an_internal_address_is_refused(server: HTTPServer, connections) -> None:
    server.expect_request("/post").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    settings = dataclasses.replace(FAST, allowed_addresses=frozenset({"127.0.0.1"}))
    with pytest.raises(FetchError, match="internal address"):
        fetch_page(server.url_for("/post"), settings=settings)
    assert {host for host, _port in connections} == {"127.0.0.1"}


@pytest.mark.usefixtures("connections")
def test_the_feeds_own_host_is_allowed_for_its_pages(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(feed_bytes("rss-content-encoded.xml"))
    result = fetch_feed(server.url_for("/feed"), settings=FAST)
    assert result.addresses == frozenset({"127.0.0.1"})
    server.expect_request("/post").respond_with_data(PAGE, content_type="text/html")
    settings = dataclasses.replace(FAST, allowed_addresses=result.addresses)
    assert "Hello from the page" in fetch_page(server.url_for("/post"), settings=settings)
    with pytest.raises(FetchError, match="internal address"):
        fetch_page("http://10.0.0.1/", settings=settings)


def test_allow_private_opts_in(server: HTTPServer) -> None:
    server.expect_request("/post").respond_with_data(PAGE, content_type="text/html")
    settings = dataclasses.replace(FAST, allow_private=True)
    assert "Hello" in fetch_page(server.url_for("/post"), settings=settings)


def test_the_operators_own_url_is_trusted(server: HTTPServer) -> None:
    server.expect_request("/post").respond_with_data(PAGE, content_type="text/html")
    assert "Hello" in fetch_page(server.url_for("/post"), settings=FAST, trusted=True)


def test_plain_text_is_not_a_page(server: HTTPServer) -> None:
    server.expect_request("/creds").respond_with_data("AWS_SECRET=abc", content_type="text/plain")
    with pytest.raises(FetchError, match="not a web page"):
        fetch_page(server.url_for("/creds"), settings=dataclasses.replace(FAST, allow_private=True))


def test_global_addresses_pass_the_check() -> None:
    http.check_address("93.184.215.14", http.Policy())
    http.check_address("2606:2800:21f:cb07:6820:80da:af6b:8b2c", http.Policy())
    with pytest.raises(FetchError):
        http.check_address("100.64.0.1", http.Policy())  # carrier-grade NAT is not global either
