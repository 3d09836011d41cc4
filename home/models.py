from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from search.boosts import Boost

from .blocks import RICH_TEXT_FEATURES, BarChartBlock, BodyStreamBlock, KeyFiguresBlock
from .i18n import active_locale
from .queries import public
from .routing import PathRoutingMixin, RouteAwareViewRestrictionsMixin


class BasePage(RouteAwareViewRestrictionsMixin, Page):
    """Abstract base of every page of the site: a summary for cards, search and meta."""

    summary = models.TextField(
        _("résumé"),
        blank=True,
        max_length=400,
        help_text=_("Une ou deux phrases, reprises dans les listes, les résultats de recherche et les aperçus."),
    )

    # Page's own fields first (Wagtail checks they are all there); the title listed again with
    # its boost replaces Page's unboosted one (fields are de-duplicated by kind and name).
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=Boost.TITLE),
        index.SearchField("summary", boost=Boost.SUMMARY),
    ]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("Référencement"),
        ),
        FieldPanel("show_in_menus"),
    ]

    # Its routing kept per content generation (``home.routing``): not for a kind of page
    # counted in thousands.
    route_kept = True

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.summary


class HomePage(PathRoutingMixin, BasePage):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES)
    figures_intro = models.CharField(_("introduction des chiffres clés"), max_length=250, blank=True)
    figures = StreamField(
        [("key_figures", KeyFiguresBlock()), ("bar_chart", BarChartBlock())],
        verbose_name=_("chiffres clés et graphiques"),
        blank=True,
    )

    parent_page_types = ["wagtailcore.Page"]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("figures_intro"),
        FieldPanel("figures"),
    ]

    class Meta:
        verbose_name = _("page d’accueil")
        verbose_name_plural = _("pages d’accueil")

    @property
    def localized(self):
        """``Page.localized`` (the home page of the active language, as Wagtail's ``serve``
        asks for it on every request) without the query for the active locale: locales
        are cached per process (``home.i18n.active_locale``)."""
        locale = active_locale()
        if locale.pk == self.locale_id:
            return self
        return self.get_translation_or_none(locale) or self

    def get_context(self, request, *args, **kwargs):
        from fiches.models import AxisPage

        context = super().get_context(request, *args, **kwargs)
        context["axes"] = public(AxisPage.objects.live().descendant_of(self), request).order_by("number")
        try:
            from agenda.views import next_occurrences
        except ImportError:  # the agenda app is not installed
            pass
        else:
            context["agenda_page"], context["next_occurrences"] = next_occurrences(self, request)
        return context


class StandardPage(BasePage):
    body = StreamField(BodyStreamBlock(), verbose_name=_("contenu"))

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("page standard")
        verbose_name_plural = _("pages standard")


class LegalPage(BasePage):
    """Accessibility statement, legal notice, personal data: linked from every footer."""

    body = StreamField(BodyStreamBlock(), verbose_name=_("contenu"))
    last_reviewed = models.DateField(_("date de mise à jour"), null=True, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("last_reviewed"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("page légale")
        verbose_name_plural = _("pages légales")


class SitemapPage(BasePage):
    """ "Plan du site": the page tree of the current language, generated on each view."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("summary")]

    class Meta:
        verbose_name = _("plan du site")
        verbose_name_plural = _("plans du site")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        pages = list(public(Page.objects.live().descendant_of(home, inclusive=True), request).order_by("path"))
        context["sitemap_tree"] = build_tree(pages)
        return context


def build_tree(pages):
    """Nest a path-ordered list of pages: [(page, [children…]), …] from the shallowest."""
    if not pages:
        return []
    roots = []
    stack = []
    for page in pages:
        node = (page, [])
        while stack and not page.path.startswith(stack[-1][0].path):
            stack.pop()
        if stack:
            stack[-1][1].append(node)
        else:
            roots.append(node)
        stack.append(node)
    return roots


class LoadedContent(models.Model):
    """What ``load_predess`` last wrote into a page, so that a second run changes nothing."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contenu chargé")
        verbose_name_plural = _("contenus chargés")

    def __str__(self):
        return f"{self.page_id}: {self.digest[:8]}"
