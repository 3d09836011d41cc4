"""The kinds of content the site search returns, each registered by its own app.

An app describes one kind in its ``search_kinds.py`` (found by ``SearchConfig.ready``):

    from search.registry import PageKind, register

    register(PageKind("fiche", _("Fiches"), _("Fiche"), models=[FichePage], order=10, axes=…))

A kind says which indexed models it covers, which objects a visitor may find
(``get_queryset``: live, public or readable by this visitor, in the current language,
upcoming for events), how to link to one (a page's ``url_path`` and an optional tail such
as a partner's slug) and, for the facets, its départements and axes as SQL expressions
giving comma-separated codes. The search service (``search.service``) and the
suggestions read nothing else.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Aggregate, CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from wagtail.models import Page, get_page_models
from wagtail.search.index import class_is_indexed

from home.queries import page_view_restrictions, public, restriction_accepts, viewable

NO_VALUE = Value("", output_field=CharField())

_kinds = {}
_compiled_sql = {}
MAX_COMPILED = 512


def columns_queryset(queryset, columns):
    """``queryset`` as ``SELECT pk AS "_s_pk", <expr> AS "_s_<name>"…``: named columns that
    an outer query reads."""
    aliased = {f"_s_{name}": expression for name, expression in columns.items()}
    return queryset.order_by().annotate(_s_pk=F("pk"), **aliased).values("_s_pk", *aliased)


def forget_compiled_sql():
    _compiled_sql.clear()


class CommaJoined(Aggregate):
    """The values of a group joined by commas (facet codes: "21,58")."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, function="STRING_AGG", template="%(function)s((%(expressions)s)::text, ',')"
        )


def codes_of(queryset, owner, value, *, outer="pk"):
    """A facet column: the ``value`` of the rows of ``queryset`` whose ``owner`` is the
    outer object (its ``outer`` field), joined by commas (the départements of a partner:
    child rows)."""
    grouped = queryset.filter(**{owner: OuterRef(outer)}).order_by().values(owner)
    return Subquery(grouped.annotate(_codes=CommaJoined(value)).values("_codes")[:1], output_field=CharField())


def page_url_path(page_model):
    """A display column: the ``url_path`` of the live ``page_model`` of the outer object's
    language (the directory for a partner, the aid finder for a scheme)."""
    pages = page_model.objects.live().filter(locale_id=OuterRef("locale_id")).order_by("path")
    return Subquery(pages.values("url_path")[:1], output_field=CharField())


def page_url(url_path, request):
    """``Page.get_url(request)`` of the page at ``url_path``, without loading it.

    Wagtail's URL of a page only reads its ``url_path`` (and the cached site root paths);
    a bare instance, made without ``Page.__init__`` (costly: defaults, signals), is enough.
    """
    if not url_path:
        return None
    known = getattr(request, "_search_page_urls", None) if request is not None else None
    if known is None:
        known = {}
        if request is not None:
            request._search_page_urls = known
    if url_path not in known:
        page = Page.__new__(Page)
        page.url_path = url_path
        known[url_path] = page.get_url(request)
    return known[url_path]


class SearchKind:
    """One kind of search result. Subclass it, or use ``PageKind`` for pages."""

    def __init__(self, key, label, singular, *, models, order=100, departements=None, axes=None, index_page=None):
        self.key = key
        self.index_page = index_page  # "app.Model" of the page listing this kind (help links)
        self.label = label
        self.singular = singular
        self._models = models
        self.order = order
        self.departements = departements
        self.axes = axes

    def __repr__(self):
        return f"<SearchKind {self.key}>"

    @property
    def models(self):
        """The indexed models whose index entries are results of this kind."""
        models = self._models() if callable(self._models) else self._models
        return [apps.get_model(model) if isinstance(model, str) else model for model in models]

    @property
    def index_page_model(self):
        return apps.get_model(self.index_page) if isinstance(self.index_page, str) else self.index_page

    @property
    def search_model(self):
        """The model a search backend is asked about (the common base of ``models``)."""
        return self.models[0]

    def content_type_ids(self):
        return sorted(
            ct.pk for ct in ContentType.objects.get_for_models(*self.models, for_concrete_models=False).values()
        )

    def get_queryset(self, request, locale, *, shared=False):
        """The objects of this kind a visitor may find. ``shared``: for a response kept in a
        cache shared by every visitor (public content only, whoever asks)."""
        raise NotImplementedError

    def variant(self, request, locale, *, shared=False):
        """Everything ``get_queryset`` depends on, as a hashable value: the SQL of the
        visible objects is compiled once per variant and process (see ``visible_sql``)."""
        return (locale.pk, shared)

    def visible_sql(self, request, locale, columns_name, *, shared=False):
        """(sql, params) of ``SELECT pk AS "_s_pk", <columns> AS "_s_<name>"…`` of the
        visible objects; ``columns_name`` is "pk", "facet" or "display". Compiling a queryset
        costs milliseconds: it is done once per variant."""
        key = (self.key, columns_name, self.variant(request, locale, shared=shared))
        compiled = _compiled_sql.get(key)
        if compiled is None:
            columns = {"pk": {}, "facet": self.facet_columns(), "display": self.display_columns()}[columns_name]
            queryset = columns_queryset(self.get_queryset(request, locale, shared=shared), columns)
            compiled = queryset.query.get_compiler(using=queryset.db).as_sql()
            if len(_compiled_sql) >= MAX_COMPILED:
                _compiled_sql.clear()
            _compiled_sql[key] = compiled
        return compiled

    def facet_queryset(self, locale):
        """Every object of this kind in ``locale`` whose facet codes are read (visible or not:
        the search statement decides what is found)."""
        return self.get_queryset(None, locale, shared=True)

    # --- Columns read by the service: facets and display, as SQL expressions -------------

    def facet_columns(self):
        return {
            "departements": self.departements if self.departements is not None else NO_VALUE,
            "axes": self.axes if self.axes is not None else NO_VALUE,
        }

    def display_columns(self):
        """``title``, ``url_path`` (of the page to link from), ``url_tail`` and ``summary``."""
        raise NotImplementedError

    def url_tail(self, tail):
        """The end of a result's link after its page's URL (e.g. a partner's ``<slug>/``)."""
        return tail or ""

    def url(self, url_path, url_tail, request):
        """The link to a result, from its page's ``url_path`` and its tail."""
        base = page_url(url_path, request)
        if base is None:
            return None
        return base + self.url_tail(url_tail)


class PageKind(SearchKind):
    """Pages of some types (``models``), found through Wagtail's page tree."""

    def __init__(self, *args, queryset=None, summary=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._queryset = queryset
        self.summary = summary if summary is not None else F("search_description")

    @property
    def search_model(self):
        models = self.models
        return models[0] if len(models) == 1 else Page

    def base_queryset(self, locale):
        models = self.models
        model = models[0] if len(models) == 1 else Page
        queryset = model.objects.live().filter(locale=locale, depth__gt=1)
        if len(models) > 1:
            queryset = queryset.filter(content_type_id__in=self.content_type_ids())
        if self._queryset is not None:
            queryset = self._queryset(queryset)
        return queryset

    def get_queryset(self, request, locale, *, shared=False):
        queryset = self.base_queryset(locale)
        return public(queryset, request) if shared or request is None else viewable(queryset, request)

    def facet_queryset(self, locale):
        return self.base_queryset(locale)

    def variant(self, request, locale, *, shared=False):
        # The private sections this visitor may not read (all of them when shared).
        hidden = tuple(
            sorted(
                (restriction.pk, restriction.page.path)
                for restriction in page_view_restrictions(request)
                if shared or request is None or not restriction_accepts(restriction, request)
            )
        )
        return (locale.pk, hidden, self._queryset_variant())

    def _queryset_variant(self):
        return getattr(self._queryset, "variant", lambda: None)()

    def display_columns(self):
        return {
            "title": F("title"),
            "url_path": F("url_path"),
            "url_tail": NO_VALUE,
            "summary": Cast(self.summary, CharField()),
        }


class OtherPagesKind(PageKind):
    """Every indexed page type that no other kind claims (standard pages, axes, indexes…)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, models=self._unclaimed_page_models, **kwargs)

    def _unclaimed_page_models(self):
        claimed = {model for kind in _kinds.values() if kind is not self for model in kind.models}
        return [
            model
            for model in get_page_models()
            if model is not Page and model not in claimed and class_is_indexed(model) and not model._meta.abstract
        ]


def register(kind):
    """Add ``kind`` to the site search (idempotent: a key registers once)."""
    _kinds[kind.key] = kind
    return kind


def kinds():
    """The registered kinds, in their display order."""
    return sorted(_kinds.values(), key=lambda kind: (kind.order, kind.key))


def get_kind(key):
    return _kinds.get(key)
