"""filmjournal: a terminal film journal."""

__version__ = "0.1.0"
