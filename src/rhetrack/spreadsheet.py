"""Keeping CSV cells from running as spreadsheet formulas (OWASP's rule).

Shared by every stage that writes CSV (exports and listings): article text
is written by the groups analysts track, and a cell that starts like a
formula would run when the file is opened in a spreadsheet.
"""

from __future__ import annotations

import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# Off with `rhetrack --csv-formulas`.
protect_csv = True


def csv_safe(text: str) -> str:
    """A CSV cell no spreadsheet will run as a formula: a leading ' where needed.

    >>> csv_safe('=HYPERLINK("http://x")'), csv_safe("-7.0")
    ('\\'=HYPERLINK("http://x")', '-7.0')
    """
    if protect_csv and text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
