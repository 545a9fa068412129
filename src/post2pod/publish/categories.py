"""Apple Podcasts categories, checked on the podcast being published (the list lives in
`post2pod.categories`, shared with `config`)."""

from __future__ import annotations

from post2pod.categories import APPLE_CATEGORIES, category_problem
from post2pod.errors import PublishError

__all__ = ["APPLE_CATEGORIES", "check_category"]


def check_category(category: str, subcategory: str = "") -> None:
    """Raise PublishError unless (category, subcategory) is on Apple's list; the message names valid ones."""
    problem = category_problem(category, subcategory)
    if problem:
        raise PublishError(problem)
