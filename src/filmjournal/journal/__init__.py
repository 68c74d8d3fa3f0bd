"""The journal domain: storage, validation, search. No Textual import here."""
