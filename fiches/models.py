from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES
from home.i18n import active_locale
from home.models import BasePage
from home.queries import public


class Vocabulary(TranslatableMixin, models.Model):
    """A term of one of the site's shared lists, editable by staff and translatable."""

    slug = models.SlugField(_("identifiant"), max_length=60)
    label = models.CharField(_("libellé"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [FieldPanel("label"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "label"]

    def __str__(self):
        return self.label

    @property
    def localized(self):
        """This term in the active language (itself when it is already in that language)."""
        if self.locale_id == active_locale().pk:
            return self
        return super().localized


class Audience(Vocabulary):
    """ "Pour qui ?": who a fiche, an aid scheme or a partner's offer is for."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("public (« Pour qui ? »)")
        verbose_name_plural = _("publics (« Pour qui ? »)")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_audience_slug_locale")]


class Need(Vocabulary):
    """ "Vous cherchez…": what a person needs (accompaniment, loan, guarantee…)."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("besoin (« Vous cherchez… »)")
        verbose_name_plural = _("besoins (« Vous cherchez… »)")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_need_slug_locale")]


class FicheIndexPage(BasePage):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["fiches.AxisPage"]
    max_count_per_parent = 1
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("index des fiches")
        verbose_name_plural = _("index des fiches")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        audiences = list(Audience.objects.filter(locale_id=self.locale_id))
        selected = request.GET.get("pour-qui", "")
        selected_audience = next((a for a in audiences if a.slug == selected), None)

        fiches = public(FichePage.objects.live().descendant_of(self), request).order_by("path")
        fiches = fiches.prefetch_related("audiences")
        if selected_audience:
            fiches = fiches.filter(audiences__slug=selected_audience.slug)
        axes = list(public(AxisPage.objects.live().child_of(self), request).order_by("number"))
        by_axis = {axis.path: [] for axis in axes}
        for fiche in fiches:
            parent_path = fiche.path[: -FichePage.steplen]
            if parent_path in by_axis:
                by_axis[parent_path].append(fiche)
        context.update(
            audiences=audiences,
            selected_audience=selected_audience,
            axes_with_fiches=[(axis, by_axis[axis.path]) for axis in axes],
            fiche_count=sum(len(items) for items in by_axis.values()),
        )
        return context


class AxisPage(BasePage):
    number = models.PositiveSmallIntegerField(
        _("numéro de l’axe"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES)

    parent_page_types = ["fiches.FicheIndexPage"]
    subpage_types = ["fiches.FichePage"]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.FilterField("number")]
    content_panels = [
        FieldPanel("number"),
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
    ]

    class Meta:
        verbose_name = _("axe")
        verbose_name_plural = _("axes")

    def __str__(self):
        return self.title

    @property
    def label(self):
        return _("Axe %(number)s") % {"number": self.number}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fiches = public(FichePage.objects.live().child_of(self), request).order_by("path")
        context["fiches"] = fiches.prefetch_related("audiences")
        return context


class FicheTag(TaggedItemBase):
    content_object = ParentalKey("fiches.FichePage", related_name="tagged_items", on_delete=models.CASCADE)


fiche_number_validator = RegexValidator(
    r"^[1-4]\.[1-9]$", _("Le numéro d’une fiche s’écrit « axe.rang », par exemple 1.1 ou 4.2.")
)


class FichePageForm(WagtailAdminPageForm):
    """Checks what an editor could get wrong: empty sections, a number outside the axis."""

    def clean(self):
        cleaned_data = super().clean()
        for name, heading in FichePage.SECTIONS:
            if name in cleaned_data and not strip_tags(cleaned_data.get(name) or "").strip():
                self.add_error(name, _("La section « %(heading)s » ne peut pas être vide.") % {"heading": heading})
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        axis = parent.specific if parent else None
        number = cleaned_data.get("number")
        if isinstance(axis, AxisPage) and number and not number.startswith(f"{axis.number}."):
            self.add_error(
                "number",
                _("Cette fiche est rangée sous l’axe %(axis)s : son numéro doit commencer par « %(axis)s. ».")
                % {"axis": axis.number},
            )
        return cleaned_data


class FichePage(BasePage):
    """A fiche of the plan: its number and its four sections, always in this order."""

    SECTIONS = (
        ("what_is_it", _("Qu’est-ce que c’est ?")),
        ("what_for", _("Pour quoi faire ?")),
        ("who_for", _("Pour qui ?")),
        ("how", _("Comment ?")),
    )

    number = models.CharField(_("numéro"), max_length=4, validators=[fiche_number_validator])
    what_is_it = RichTextField(_("Qu’est-ce que c’est ?"), features=RICH_TEXT_FEATURES)
    what_for = RichTextField(_("Pour quoi faire ?"), features=RICH_TEXT_FEATURES)
    who_for = RichTextField(_("Pour qui ?"), features=RICH_TEXT_FEATURES)
    how = RichTextField(_("Comment ?"), features=RICH_TEXT_FEATURES)
    audiences = ParentalManyToManyField(
        Audience,
        verbose_name=_("publics concernés"),
        blank=True,
        related_name="fiches",
        help_text=_("Permet au public de filtrer les fiches selon qui il est."),
    )
    related_fiches = ParentalManyToManyField("self", verbose_name=_("fiches liées"), blank=True, symmetrical=False)
    tags = ClusterTaggableManager(through=FicheTag, blank=True, verbose_name=_("mots-clés"))

    base_form_class = FichePageForm
    override_translatable_fields = [SynchronizedField("number")]
    parent_page_types = ["fiches.AxisPage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [
        index.SearchField("number", boost=3),
        index.SearchField("what_is_it"),
        index.SearchField("what_for"),
        index.SearchField("who_for"),
        index.SearchField("how"),
        index.FilterField("number"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]
    content_panels = [
        FieldPanel("number"),
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("what_is_it"), FieldPanel("what_for"), FieldPanel("who_for"), FieldPanel("how")],
            heading=_("Les quatre sections de la fiche"),
        ),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_fiches"),
        FieldPanel("tags"),
    ]

    class Meta:
        verbose_name = _("fiche")
        verbose_name_plural = _("fiches")

    @cached_property
    def label(self):
        return _("Fiche %(number)s") % {"number": self.number}

    def sections(self):
        """(anchor, heading, rich text) for the four sections, in the plan's order."""
        return [(name, heading, getattr(self, name)) for name, heading in self.SECTIONS]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Related fiches are synchronised between languages: show each in this page's language.
        related = FichePage.objects.live().filter(
            locale_id=self.locale_id, translation_key__in=self.related_fiches.values("translation_key")
        )
        context["related"] = public(related, request).order_by("path")
        context["fiche_index"] = next(
            (page for page in self.get_route_ancestors() if page.specific_class is FicheIndexPage), None
        )
        return context
