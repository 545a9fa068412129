"""Document structure: a post's HTML parsed and cleaned, its article found, furniture trimmed, and
walked into the blocks a listener hears (prose, lists, quotes, code, tables, verse, media, formulas)."""
