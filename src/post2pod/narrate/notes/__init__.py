"""Footnotes found by structure: markers in running text, the notes they point at (linked, endnote
blocks, sidenotes and tooltips), and the kinds of note a listener hears differently."""
