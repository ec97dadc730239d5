"""Leaves that import nothing above them: user errors, the personal-data patterns, Danish formats,
safe file access, where the project's files are."""
