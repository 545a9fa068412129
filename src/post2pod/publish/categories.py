"""Apple Podcasts categories, checked on the podcast being published (the list lives in
`post2pod.categories`, shared with `config`)."""

from __future__ import annotations

from post2pod.categories import category_problem
from post2pod.errors import PublishError


def check_category(category: str, subcategory: str = "") -> None:
    """Raise PublishError unless (category, subcategory) is on Apple's list; the message names valid ones."""
    problem = category_problem(category, subcategory)
    if problem:
        raise PublishError(problem)
