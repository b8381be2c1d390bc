"""rhetrack: dated, speaker-attributed statements from articles, in SQLite."""

__version__ = "0.1.0"
