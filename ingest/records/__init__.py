"""Structured-record importers (IATI activity XML, CSV tables, FollowTheMoney JSON lines)."""
