"""Apple's category list (shared by config and publish) and its validation."""

from __future__ import annotations

import pytest

from post2pod.categories import APPLE_CATEGORIES
from post2pod.errors import PublishError
from post2pod.publish.categories import check_category


def test_the_list_has_apples_110_names() -> None:
    assert len(APPLE_CATEGORIES) == 19
    assert sum(1 + len(children) for children in APPLE_CATEGORIES.values()) == 110


@pytest.mark.parametrize(
    ("category", "subcategory"),
    [("Technology", ""), ("News", "Tech News"), ("Society & Culture", "Places & Travel"), ("TV & Film", "")],
)
def test_valid_pairs_pass(category: str, subcategory: str) -> None:
    check_category(category, subcategory)


def test_names_are_case_sensitive_and_the_fix_is_named() -> None:
    with pytest.raises(PublishError, match='did you mean "Technology"'):
        check_category("technology")


def test_a_subcategory_under_the_wrong_parent_names_the_right_one() -> None:
    with pytest.raises(PublishError, match='category = "News", subcategory = "Tech News"'):
        check_category("Technology", "Tech News")


def test_an_unknown_name_lists_the_valid_ones() -> None:
    with pytest.raises(PublishError, match="valid categories: Arts, Business"):
        check_category("Podcasting")
