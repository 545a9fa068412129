"""Apple Podcasts categories (19 categories, 110 names in all) and their validation.

Shared, not a stage: `config` checks [podcast] at load and `publish` checks the podcasts it writes.
"""

from __future__ import annotations

import difflib

# https://podcasters.apple.com/support/1691-apple-podcasts-categories (names are case-sensitive).
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden",
        "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News",
        "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality",
    ),
    "Science": (
        "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences",
        "Nature", "Physics", "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships",
    ),
    "Sports": (
        "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby",
        "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}  # fmt: skip


def category_problem(category: str, subcategory: str = "") -> str | None:
    """Why (category, subcategory) is not on Apple's list, naming valid ones; None when it is."""
    if category not in APPLE_CATEGORIES:
        return f"[podcast] category {category!r} is not an Apple Podcasts category; {_fix_category(category)}"
    if subcategory and subcategory not in APPLE_CATEGORIES[category]:
        fix = _fix_subcategory(category, subcategory)
        return f"[podcast] subcategory {subcategory!r} is not under {category!r}; {fix}"
    return None


def _fix_category(category: str) -> str:
    parent = _parent_of(category)
    if parent:
        return (
            f'it is a subcategory: set category = "{parent[0]}" and subcategory = "{parent[1]}" in [podcast]'
        )
    near = _nearest(category, list(APPLE_CATEGORIES))
    return f"{_did_you_mean(near)}valid categories: {', '.join(APPLE_CATEGORIES)}"


def _fix_subcategory(category: str, subcategory: str) -> str:
    valid = APPLE_CATEGORIES[category]
    if not valid:
        return f'{category!r} has no subcategories: leave subcategory empty (""){_elsewhere(subcategory)}'
    near = _nearest(subcategory, list(valid))
    listed = ", ".join(valid)
    return f"{_did_you_mean(near)}valid subcategories of {category!r}: {listed}{_elsewhere(subcategory)}"


def _elsewhere(subcategory: str) -> str:
    parent = _parent_of(subcategory)
    return f' (or use category = "{parent[0]}", subcategory = "{parent[1]}")' if parent else ""


def _parent_of(name: str) -> tuple[str, str] | None:
    """The (category, subcategory) pair whose subcategory matches `name`, ignoring case."""
    wanted = name.strip().casefold()
    for parent, children in APPLE_CATEGORIES.items():
        for child in children:
            if child.casefold() == wanted:
                return parent, child
    return None


def _nearest(name: str, choices: list[str]) -> list[str]:
    """Closest names: an exact match ignoring case first, then similar spellings."""
    folded = {choice.casefold(): choice for choice in choices}
    key = name.strip().casefold()
    if key in folded:
        return [folded[key]]
    return [folded[match] for match in difflib.get_close_matches(key, list(folded), n=3, cutoff=0.6)]


def _did_you_mean(near: list[str]) -> str:
    if not near:
        return ""
    return "did you mean " + " or ".join(f'"{name}"' for name in near) + "? "
