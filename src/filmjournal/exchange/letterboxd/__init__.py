"""Letterboxd: a whole account export read into the journal, and reviews written back out.

:mod:`.archive` reads the export's files; :mod:`.rows`, :mod:`.lists` and :mod:`.reader` check
them; :mod:`.writer` writes them (:mod:`.importer` puts the two together); :mod:`.from_html`
and :mod:`.to_html` turn Letterboxd's review HTML into Markdown and back (checked with
:mod:`.meaning`); :mod:`.export` writes Letterboxd's import format.
"""

from filmjournal.exchange.letterboxd.export import export_letterboxd
from filmjournal.exchange.letterboxd.importer import ExportProblems, import_letterboxd
from filmjournal.exchange.letterboxd.places import place_of
from filmjournal.exchange.letterboxd.rows import LetterboxdError
from filmjournal.exchange.letterboxd.writer import Summary

__all__ = [
    "ExportProblems",
    "LetterboxdError",
    "Summary",
    "export_letterboxd",
    "import_letterboxd",
    "place_of",
]
