"""Article readers (plain text with header, HTML, JSON lines)."""
