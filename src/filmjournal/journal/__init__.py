"""The journal domain: storage, validation, search. No Textual import here.

Peewee imports psycopg, when it is installed, as Peewee itself is imported: a tenth of a second
at every start, for journal files too. It is kept out of that import here (the package runs
before any module of it imports Peewee) and handed to Peewee when a server journal is opened
(:func:`filmjournal.journal.server.server_database`). No option of Peewee's does this.
"""

import sys

if "peewee" not in sys.modules and "psycopg" not in sys.modules:
    sys.modules["psycopg"] = None  # type: ignore[assignment]  # "import psycopg" fails at once
    try:
        import peewee  # noqa: F401
    finally:
        del sys.modules["psycopg"]
