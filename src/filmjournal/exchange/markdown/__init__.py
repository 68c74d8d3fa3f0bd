"""Reviews as Markdown that reads like a blog post, and back again without losing a character.

The file is YAML front matter, the headline, the body, then the review's quotes and comments
(:mod:`.writer`); :mod:`.reader` cuts it back into its parts with the help of the invisible
markers and the escaping in :mod:`.markers`.
"""

from filmjournal.exchange.markdown.markers import MarkdownError
from filmjournal.exchange.markdown.reader import ParsedComment, ParsedReview, parse_markdown
from filmjournal.exchange.markdown.writer import review_to_markdown

__all__ = [
    "MarkdownError",
    "ParsedComment",
    "ParsedReview",
    "parse_markdown",
    "review_to_markdown",
]
