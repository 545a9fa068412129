"""post2pod: turn a blog's feed into a podcast, narrated locally with Piper."""

__version__ = "0.1.0"
