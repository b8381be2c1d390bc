"""The one exception family rhetrack raises.

The library raises these; the CLI turns any of them into one message on
stderr and exit code 1, in one place. Every message names the file or value
at fault and says what to do about it.
"""

from __future__ import annotations


class RhetrackError(Exception):
    """Base of every error rhetrack reports to the user."""


class DocumentError(RhetrackError):
    """A document could not be read or decoded."""


class MetadataError(RhetrackError):
    """Publication metadata (front matter, manifest, --published) is malformed."""


class DatabaseError(RhetrackError):
    """The database cannot be opened, is not rhetrack's, or is newer than the code."""


class DataFileError(RhetrackError):
    """A shipped or user-supplied data file (actors, cues, targets) is malformed."""


class QueryError(RhetrackError):
    """A query cannot be answered as asked (unknown actor, bad filter value)."""


class GoldFileError(RhetrackError):
    """A gold file for `rhetrack eval` is malformed."""


class ExchangeError(RhetrackError):
    """An export folder is missing a file or holds one that cannot be read."""


class ReportError(RhetrackError):
    """A report cannot be written as asked (nothing selected, the file exists)."""
