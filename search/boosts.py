"""Search boosts of the whole site, one scale for every model.

Titles, names, acronyms and numbers weigh most, then summaries and keywords, then the
body text (no boost). On PostgreSQL each level becomes a tsvector weight (A, B, D), so
keep to these levels: Wagtail's database backend maps at most four distinct boosts.
"""


class Boost:
    TITLE = 4  # title, name, acronym, fiche number
    SUMMARY = 2  # summary, keywords (tags), commune
