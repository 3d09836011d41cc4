"""The titles and names of the public site, for suggestions as one types and for
"Vouliez-vous dire …".

Built per language from every registered kind (one query per kind: page titles, partner
and aid names, upcoming events), public content only, and kept in the process: a version
number in the shared cache (``search.facets.content_version``), raised whenever an object
of a registered kind is saved or deleted (``search.signals``), tells every worker to
rebuild it; it is also rebuilt after
``MAX_AGE`` seconds and each new day (events end).
"""

import bisect
import difflib
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from home.i18n import active_locale

from . import registry
from .facets import content_version
from .registry import columns_queryset
from .terms import fold

MAX_AGE = 600  # seconds
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

_built = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Entry:
    kind: object
    title: str
    url_path: str
    url_tail: str
    folded_title: str


class Vocabulary:
    def __init__(self, entries):
        self.entries = entries
        postings = {}
        forms = {}
        for index, entry in enumerate(entries):
            for match in _WORD.finditer(entry.title):
                word = match.group()
                folded = fold(word)
                postings.setdefault(folded, set()).add(index)
                forms.setdefault(folded, Counter())[word.lower() if not word.isupper() else word] += 1
        self.words = sorted(postings)
        self.postings = postings
        self.forms = {folded: counter.most_common(1)[0][0] for folded, counter in forms.items()}
        self.by_initial = {}
        for word in self.words:
            self.by_initial.setdefault(word[0], []).append(word)

    def _entries_with_prefix(self, prefix):
        found = set()
        start = bisect.bisect_left(self.words, prefix)
        for word in self.words[start:]:
            if not word.startswith(prefix):
                break
            found |= self.postings[word]
        return found

    def suggest(self, words, limit):
        """Entries whose title has a word starting with each of ``words``, best first."""
        folded = [fold(word) for word in words if word]
        if not folded:
            return []
        candidates = None
        for word in folded:
            found = self._entries_with_prefix(word)
            candidates = found if candidates is None else candidates & found
            if not candidates:
                return []
        whole = " ".join(folded)

        def rank(index):
            entry = self.entries[index]
            return (not entry.folded_title.startswith(whole), entry.kind.order, len(entry.title), entry.title)

        return [self.entries[index] for index in sorted(candidates, key=rank)[:limit]]

    def correct(self, words):
        """The words with each unknown one replaced by the closest known word, or None."""
        corrected, changed = [], False
        for word in words:
            folded = fold(word)
            if folded in self.postings or len(folded) < 4:
                corrected.append(word)
                continue
            pool = [w for w in self.by_initial.get(folded[0], []) if abs(len(w) - len(folded)) <= 2]
            close = difflib.get_close_matches(folded, pool, n=1, cutoff=0.75)
            if close:
                corrected.append(self.forms[close[0]])
                changed = True
            else:
                corrected.append(word)
        return corrected if changed else None


def _build(locale):
    entries = []
    for kind in registry.kinds():
        columns = {"title": kind.display_columns()["title"]}
        columns.update({name: kind.display_columns()[name] for name in ("url_path", "url_tail")})
        for row in columns_queryset(kind.get_queryset(None, locale, shared=True), columns):
            title = row["_s_title"] or ""
            if title:
                entries.append(Entry(kind, title, row["_s_url_path"], row["_s_url_tail"] or "", fold(title)))
    return Vocabulary(entries)


def get_vocabulary(locale=None):
    locale = locale or active_locale()
    version = content_version()
    today = timezone.localdate()
    built = _built.get(locale.pk)
    if built is not None:
        built_version, built_day, built_at, vocabulary = built
        if built_version == version and built_day == today and time.monotonic() - built_at < MAX_AGE:
            return vocabulary
    with _lock:
        vocabulary = _build(locale)
        _built[locale.pk] = (version, today, time.monotonic(), vocabulary)
    return vocabulary


def clear():
    _built.clear()
