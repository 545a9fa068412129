"""Script assembly: blocks into sentences and segments, with footnotes as asides, the intro and outro
templates, the narrator's phrases per language and the user's lexicon."""
