"""Letterboxd: a whole account export read into the journal, and reviews written back out.

:mod:`.archive` reads the export's files, :mod:`.rows` and :mod:`.lists` check them,
:mod:`.importer` writes them, :mod:`.from_html` and :mod:`.to_html` turn Letterboxd's review
HTML into Markdown and back (checked with :mod:`.meaning`), and :mod:`.export` writes Letterboxd's
import format.
"""

from filmjournal.exchange.letterboxd.export import export_letterboxd
from filmjournal.exchange.letterboxd.importer import Summary, import_letterboxd
from filmjournal.exchange.letterboxd.places import place_of
from filmjournal.exchange.letterboxd.rows import LetterboxdError

__all__ = ["LetterboxdError", "Summary", "export_letterboxd", "import_letterboxd", "place_of"]
