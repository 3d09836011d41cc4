"""Excerpts around the words that matched, with those words marked.

Every piece of text is escaped first and only then wrapped in ``<mark>``, so a query or a
content containing ``<script>`` is shown as text. A word of the text is marked when,
without accents and case, it equals a searched word or shares its beginning (the word
without its last three letters, at least four): "coopératives" marks "coopérative",
"financer" marks "financement", close to what French stemming matched.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .terms import fold

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
EXCERPT_WORDS = 36
WORDS_BEFORE = 10


_VARIANTS = {
    "a": "aàâäáãå",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "n": "nñ",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "y": "yÿý",
}


def _stems(words):
    stems = []
    for word in words:
        folded = fold(word)
        if folded:
            stems.append((folded, folded[: max(4, len(folded) - 3)] if len(folded) > 4 else None))
    return stems


def word_matcher(words):
    """A predicate telling whether a word of a text matches one of the searched ``words``."""
    stems = _stems(words)

    def matches(token):
        folded = fold(token)
        return any(folded == word or (stem and folded.startswith(stem)) for word, stem in stems)

    return matches


def first_match_pattern(words):
    """A regular expression finding, fast and without folding the text, the first word that
    may match (accents and case ignored); ``word_matcher`` has the last word."""
    alternatives = []
    for word, stem in _stems(words):
        letters = stem or word
        pattern = "".join(
            f"[{re.escape(_VARIANTS[char])}]" if char in _VARIANTS else re.escape(char) for char in letters
        )
        alternatives.append(pattern)
    if not alternatives:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _marked(text, spans):
    parts, position = [], 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


def highlight(text, words):
    """``text`` escaped, with the matching words in ``<mark>``."""
    text = text or ""
    matches = word_matcher(words)
    spans = [token.span() for token in _TOKEN.finditer(text) if matches(token.group())]
    return mark_safe(_marked(text, spans))  # noqa: S308 - every piece is escaped above


def _first_token_start(text):
    token = _TOKEN.search(text)
    return token.start() if token else 0


def excerpt(text, words, length=EXCERPT_WORDS):
    """About ``length`` words of ``text`` around the first match, escaped and marked.

    Without a match in ``text`` (the words were in the title), its beginning.
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    matches = word_matcher(words)
    # Look from the first place a word may match, not through the whole text.
    pattern = first_match_pattern(words)
    offset = 0
    first = None
    while pattern is not None:
        found = pattern.search(text, offset)
        if found is None:
            break
        token = _TOKEN.match(text, found.start())
        if token and matches(token.group()):
            first = found.start()
            break
        offset = found.end()
    # The window: some words before the match, then ``length`` words.
    before = []
    if first:
        head_start = max(0, first - 400)
        before = list(_TOKEN.finditer(text, head_start, first))
        if head_start and before and before[0].start() == head_start:
            before = before[1:]  # maybe a word cut in two
        before = before[-WORDS_BEFORE:]
    window_start = before[0].start() if before else (first or 0)
    tokens = []
    for token in _TOKEN.finditer(text, window_start):
        tokens.append(token)
        if len(tokens) >= length:
            break
    if not tokens:
        return escape(text[:300])
    start_index, end_index = 0, len(tokens)
    start = 0 if tokens[0].start() == _first_token_start(text) else tokens[start_index].start()
    last = tokens[end_index - 1]
    end = len(text) if _TOKEN.search(text, last.end()) is None else last.end()
    window = text[start:end]
    spans = [
        (token.start() - start, token.end() - start)
        for token in tokens[start_index:end_index]
        if matches(token.group())
    ]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(escape(prefix) + _marked(window, spans) + escape(suffix))  # noqa: S308 - escaped above
