"""The Textual interface. Imported only when the interface starts."""
