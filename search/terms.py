"""What a visitor typed, as plain words every backend reads the same way.

Full-text engines give meaning to quotes, stars, parentheses, colons, minus signs and to
``OR``/``NEAR``…: a visitor's words are searched as plain words, all of them required.
Only letters and digits survive (``[^\\W_]+``), so nothing reaches SQLite FTS5, PostgreSQL
``to_tsquery`` or Elasticsearch as syntax. French elisions (``l’``, ``d’``…) and the most
common small words are dropped, as the PostgreSQL and Elasticsearch analyzers do, so that
``prêt d’honneur`` and ``semaine de l’ESS`` also work on SQLite, where a missing ``de``
would otherwise lose the result.
"""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Operators some engines read; dropped when typed in capitals ("coopérative OR association").
_OPERATORS = {"OR", "AND", "NOT", "NEAR"}
_ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
_APOSTROPHES = "'’ʼ"
STOP_WORDS = {
    "fr": {
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "en",
        "et",
        "la",
        "le",
        "les",
        "ou",
        "par",
        "pour",
        "sur",
        "un",
        "une",
    },
    "en": {"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"},
}


def fold(text):
    """Lower case without accents: "Économie" → "economie" (as the search index compares)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@dataclass(frozen=True)
class SearchTerms:
    """The query as shown back to the visitor (``text``) and as searched (``words``)."""

    text: str
    words: tuple

    def __bool__(self):
        return bool(self.words)

    @property
    def as_string(self):
        return " ".join(self.words)

    @property
    def folded_words(self):
        return tuple(fold(word) for word in self.words)


def parse(raw, language="fr"):
    """``SearchTerms`` of what a visitor typed (any string, any length)."""
    # Control characters and lone surrogates are dropped: they mean nothing to a reader
    # and a database may refuse them (PostgreSQL text cannot hold NUL).
    visible = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in str(raw or ""))
    text = " ".join(visible.split())[:MAX_QUERY_LENGTH]
    words = []
    for match in _WORD.finditer(text):
        word = match.group()
        following = text[match.end() : match.end() + 1]
        if following and following in _APOSTROPHES and word.lower() in _ELISIONS:
            continue
        if word in _OPERATORS:
            continue
        words.append(word)
    stop_words = STOP_WORDS.get(language, set())
    meaningful = [word for word in words if fold(word) not in stop_words]
    # A query made only of small words ("de la") is searched as typed.
    words = meaningful or words
    return SearchTerms(text=text, words=tuple(dict.fromkeys(words))[:MAX_WORDS])
