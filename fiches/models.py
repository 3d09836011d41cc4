from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, F, Q, Window
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Locale, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES
from home.choices import Departement
from home.i18n import active_locale, fallback_lang, language_code_of
from home.models import BasePage
from home.queries import public
from pagecache import memo
from search.boosts import Boost

from .amounts import format_amount


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

    PARTNERS_SHOWN = 24  # partners named on the page; the directory lists the others

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
        index.SearchField("number", boost=Boost.TITLE),
        index.SearchField("what_is_it"),
        index.SearchField("what_for"),
        index.SearchField("who_for"),
        index.SearchField("how"),
        index.FilterField("number"),
        index.RelatedFields("tags", [index.SearchField("name", boost=Boost.SUMMARY)]),
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
        from home.templatetags.predess_tags import home_children
        from partners.models import PartnerDirectoryPage

        context = super().get_context(request, *args, **kwargs)
        # Related fiches are synchronised between languages: show each in this page's language.
        related = FichePage.objects.live().filter(
            locale_id=self.locale_id, translation_key__in=self.related_fiches.values("translation_key")
        )
        context["related"] = public(related, request).order_by("path")
        context["fiche_index"] = next(
            (page for page in self.get_route_ancestors() if page.specific_class is FicheIndexPage), None
        )
        # The partners citing this fiche: one query, whatever their number. The directory
        # is a child of the home page, which the navigation reads anyway.
        directory = PartnerDirectoryPage.among(home_children(request))
        directory_url = directory.get_url(request) if directory else None
        context["partner_links"] = []
        context["partner_total"] = 0
        if directory_url:
            # The first ones (one query, with their number; kept per content generation,
            # the same for every visitor): beyond, the directory filtered by this fiche
            # lists them all.
            cited, total = memo.per_generation(
                request, f"fiche-partners:{self.pk}:{directory.pk}", lambda: self._cited_partners(directory)
            )
            context["partner_links"] = [
                (name, lang, directory_url + PartnerDirectoryPage.partner_path(slug)) for name, lang, slug in cited
            ]
            context["partner_total"] = total
            if total > len(cited):
                context["partners_url"] = f"{directory_url}?{urlencode({'fiche': self.number})}"
        # The aid schemes this fiche describes (one query; their URLs need the finder page).
        context["dispositifs"] = list(Dispositif.objects.describing(self))
        return context

    def _cited_partners(self, directory):
        """([(name shown, ``lang`` of a French name or "", slug)], how many in all): the
        first ``PARTNERS_SHOWN`` partners citing this fiche in ``directory``, in one query."""
        from partners.models import Partner

        rows = (
            Partner.objects.citing_fiche(self, directory.locale_id)
            .only("pk", "name", "acronym", "slug", "locale_id")
            .annotate(total=Window(Count("pk")))[: self.PARTNERS_SHOWN]
        )
        cited, total = [], 0
        for partner in rows:
            # A French partner not yet translated: its name is marked as French.
            cited.append((partner.display_name, fallback_lang(partner, directory.locale_id), partner.slug))
            total = partner.total
        return cited, total


# --- Aid schemes (dispositifs) and the aid finder ------------------------------------


class DispositifStatus(models.TextChoices):
    ACTIF = "actif", _("actif")
    EN_CONSTRUCTION = "en-construction", _("en cours de construction")
    FERME = "ferme", _("fermé")


class DepartementsFormField(forms.TypedMultipleChoiceField):
    """Checkboxes for the départements, stored as one string of codes ("21,71")."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        super().__init__(choices=Departement.choices, **kwargs)

    def prepare_value(self, value):
        return DepartementsField.split(value)

    def clean(self, value):
        return DepartementsField.join(super().clean(value))

    def has_changed(self, initial, data):
        return DepartementsField.join(initial) != DepartementsField.join(data)


class DepartementsField(models.CharField):
    """Some of the four départements of ``Departement``, as sorted codes joined by commas.

    Empty means the whole region. Codes are two digits apart from commas, so
    ``departements__contains="71"`` finds a scheme of the Saône-et-Loire in one SQL
    condition, on SQLite and PostgreSQL alike.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    @staticmethod
    def split(value):
        if isinstance(value, (list, tuple)):
            return [str(code) for code in value if code]
        return [code for code in (value or "").split(",") if code]

    @classmethod
    def join(cls, values):
        codes = set(cls.split(values))
        return ",".join(code for code in Departement.values if code in codes)

    def formfield(self, **kwargs):
        kwargs.update(form_class=DepartementsFormField, choices_form_class=None, widget=forms.CheckboxSelectMultiple)
        return super().formfield(**kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = [code for code in self.split(value) if code not in Departement.values]
        if unknown:
            raise ValidationError(_("Département inconnu : %(codes)s.") % {"codes": ", ".join(unknown)})


class DispositifQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def in_finder(self):
        """Live schemes a person can still apply to or watch for (closed ones are left out)."""
        return self.live().exclude(status=DispositifStatus.FERME)

    def for_audience(self, slug):
        return self.filter(audiences__slug=slug)

    def for_need(self, slug):
        return self.filter(needs__slug=slug)

    def for_departement(self, code):
        """Schemes of the whole region (no département given) or of this one."""
        return self.filter(Q(departements="") | Q(departements__contains=code))

    def for_amount(self, amount):
        """Schemes that can fund ``amount`` euros.

        The rule, also explained on the finder: a scheme matches when
        ``amount_min ≤ amount ≤ amount_max``, a missing bound leaving that side open; a
        percentage scheme (a guarantee of 65 % of at most 30 500 €) matches when
        ``amount ≤ percentage_base``. A scheme whose amount the plan does not give has no
        bound at all and stays in the results.
        """
        return self.filter(
            (Q(amount_min__isnull=True) | Q(amount_min__lte=amount))
            & (Q(amount_max__isnull=True) | Q(amount_max__gte=amount))
            & (Q(percentage_base__isnull=True) | Q(percentage_base__gte=amount))
        )

    def run_by(self, partner, locale_id):
        """Live schemes of ``locale_id`` that ``partner`` (or one of its translations) runs."""
        return (
            self.live()
            .filter(locale_id=locale_id, operators__translation_key=partner.translation_key)
            .select_related("kind")
            .distinct()
            .order_by("name", "pk")
        )

    def describing(self, fiche):
        """Live schemes described by ``fiche``, in the fiche's language, in one query."""
        return (
            self.live()
            .filter(locale_id=fiche.locale_id, fiches__translation_key=fiche.translation_key)
            .select_related("kind")
            .distinct()
            .order_by("name", "pk")
        )


class DispositifForm(WagtailAdminModelForm):
    """Offers only the terms and fiches of the scheme's own language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or Locale.get_default().pk
        for name in ("kind", "audiences", "needs", "fiches", "operators"):
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(locale_id=locale_id)


class Dispositif(
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """An aid scheme of the plan: what it gives (numbers the finder filters on), to whom,
    where, who runs it and which fiches describe it."""

    RESERVED_SLUGS = {"comparer"}

    name = models.CharField(_("nom"), max_length=255)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(
        _("identifiant dans l’adresse"),
        max_length=100,
        help_text=_("L’adresse de la page du dispositif : /aides/<identifiant>/."),
    )
    kind = models.ForeignKey(
        Need,
        verbose_name=_("type d’aide"),
        on_delete=models.PROTECT,
        related_name="dispositifs_of_kind",
        help_text=_("Ce que le dispositif apporte d’abord (un prêt, une garantie…)."),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=DispositifStatus.choices, default=DispositifStatus.ACTIF, db_index=True
    )
    amount_min = models.PositiveIntegerField(_("montant minimum (€)"), null=True, blank=True)
    amount_max = models.PositiveIntegerField(
        _("montant maximum (€)"),
        null=True,
        blank=True,
        help_text=_("Un montant fixe (une prime de 3 000 €) : le même montant en minimum et en maximum."),
    )
    percentage = models.DecimalField(
        _("pourcentage"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0.01"), _("Le pourcentage est compris entre 0 et 100.")),
            MaxValueValidator(100, _("Le pourcentage est compris entre 0 et 100.")),
        ],
        help_text=_("Pour une garantie « jusqu’à 65 % … » : 65."),
    )
    percentage_base = models.PositiveIntegerField(
        _("montant de base du pourcentage (€)"),
        null=True,
        blank=True,
        help_text=_("« jusqu’à 65 % d’un montant de 30 500 € » : 30500."),
    )
    amount_text = models.CharField(
        _("montant, tel que le plan l’écrit"),
        max_length=255,
        blank=True,
        help_text=_("Repris tel quel sur la page du dispositif, à côté du montant calculé à partir des chiffres."),
    )
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("pour qui (profils éligibles)"), related_name="dispositifs", blank=True
    )
    needs = ParentalManyToManyField(Need, verbose_name=_("besoins auxquels il répond"), related_name="dispositifs")
    departements = DepartementsField(_("départements"), help_text=_("Aucun département coché : toute la Bourgogne."))
    operators = ParentalManyToManyField(
        "partners.Partner",
        verbose_name=_("qui le porte"),
        related_name="dispositifs",
        blank=True,
        help_text=_("Les structures de l’annuaire des partenaires qui le mettent en œuvre."),
    )
    fiches = ParentalManyToManyField(
        FichePage, verbose_name=_("fiches qui le décrivent"), related_name="dispositifs", blank=True
    )
    summary = models.TextField(
        _("résumé"), max_length=600, help_text=_("Deux ou trois phrases, reprises dans le moteur de recherche d’aides.")
    )
    source_text = RichTextField(
        _("texte du plan"),
        features=["bold", "italic", "ul", "ol", "link"],
        blank=True,
        help_text=_("Le passage du PREDESS qui décrit ce dispositif."),
    )
    external_url = models.URLField(_("lien externe"), max_length=300, blank=True)

    objects = DispositifQuerySet.as_manager()

    base_form_class = DispositifForm
    override_translatable_fields = [
        SynchronizedField("slug", overridable=False),
        SynchronizedField("departements", overridable=False),
    ]
    search_fields = [
        index.SearchField("name", boost=4),
        index.AutocompleteField("name"),
        index.SearchField("acronym", boost=4),
        index.AutocompleteField("acronym"),
        index.SearchField("summary", boost=2),
        index.SearchField("amount_text"),
        index.SearchField("source_text"),
        index.RelatedFields("kind", [index.SearchField("label")]),
        index.FilterField("status"),
        index.FilterField("locale"),
        index.FilterField("live"),
    ]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("acronym"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("status")],
            heading=_("Le dispositif"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("amount_min"),
                FieldPanel("amount_max"),
                FieldPanel("percentage"),
                FieldPanel("percentage_base"),
                FieldPanel("amount_text"),
            ],
            heading=_("Montant"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("needs", widget=forms.CheckboxSelectMultiple),
                FieldPanel("departements", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Pour qui, pour quoi, où"),
        ),
        FieldPanel("operators", widget=forms.CheckboxSelectMultiple),
        FieldPanel("fiches", widget=forms.CheckboxSelectMultiple),
        FieldPanel("summary"),
        FieldPanel("source_text"),
        FieldPanel("external_url"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("dispositif d’aide")
        verbose_name_plural = _("dispositifs d’aide")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"],
                name="unique_dispositif_slug_locale",
                violation_error_message=_("Un autre dispositif utilise déjà cet identifiant dans cette langue."),
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_max__isnull=True) | Q(amount_min__lte=F("amount_max")),
                name="dispositif_amount_min_lte_max",
                violation_error_message=_("Le montant maximum doit être supérieur ou égal au montant minimum."),
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.acronym and self.acronym.lower() not in self.name.lower():
            return f"{self.name} ({self.acronym})"
        return self.name

    @property
    def amount_label(self):
        """The amount written from the numbers ("jusqu’à 10 000 €"), in the active language."""
        return format_amount(self.amount_min, self.amount_max, self.percentage, self.percentage_base)

    amount_label.fget.short_description = _("Montant")

    @property
    def has_amount(self):
        return any(v is not None for v in (self.amount_min, self.amount_max, self.percentage))

    @property
    def is_under_construction(self):
        return self.status == DispositifStatus.EN_CONSTRUCTION

    @property
    def departement_codes(self):
        return DepartementsField.split(self.departements)

    @property
    def departement_labels(self):
        """The départements by name, or "" for the whole region."""
        return [str(Departement(code).label) for code in self.departement_codes]

    @property
    def territory_label(self):
        labels = self.departement_labels
        return ", ".join(labels) if labels else _("Toute la Bourgogne")

    territory_label.fget.short_description = _("Territoire")

    def clean(self):
        super().clean()
        errors = {}
        self.slug = (self.slug or slugify(self.acronym or self.name or ""))[:100]
        if self.slug in self.RESERVED_SLUGS:
            errors["slug"] = _("« %(slug)s » est réservé par le moteur de recherche d’aides.") % {"slug": self.slug}
        if self.amount_min is not None and self.amount_max is not None and self.amount_min > self.amount_max:
            errors["amount_max"] = _("Le montant maximum doit être supérieur ou égal au montant minimum.")
        if self.percentage_base is not None and self.percentage is None:
            errors["percentage"] = _("Indiquez le pourcentage qui s’applique à ce montant de base.")
        if errors:
            raise ValidationError(errors)

    # --- Where it is shown -------------------------------------------------------------

    def get_finder(self):
        return AidFinderPage.objects.live().filter(locale_id=self.locale_id).first()

    def get_url(self, request=None, finder=None):
        finder = finder or self.get_finder()
        if finder is None:
            return None
        return finder.get_url(request) + finder.reverse_subpage("dispositif", args=[self.slug])

    def get_preview_template(self, request, mode_name):
        return "fiches/dispositif_page.html"

    def get_preview_context(self, request, mode_name):
        from .aid_views import scheme_context

        finder = self.get_finder()
        context = super().get_preview_context(request, mode_name)
        context.update(scheme_context(self, finder, request, preview=True))
        context["page"] = finder
        return context


class AidFinderPage(RoutablePageMixin, BasePage):
    """ "Quelle aide pour mon projet ?": the finder, one page per scheme, the comparison
    and the open-data export, all routes of this page (``/aides/…``)."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("moteur de recherche d’aides")
        verbose_name_plural = _("moteurs de recherche d’aides")

    def schemes(self):
        """Live schemes of this page's language."""
        return Dispositif.objects.live().filter(locale_id=self.locale_id)

    @path("")
    def index_route(self, request):
        from .aid_views import finder_view

        return finder_view(self, request)

    @path("comparer/", name="comparer")
    def compare(self, request):
        from .aid_views import compare_view

        return compare_view(self, request)

    @re_path(r"^(?P<slug>[-\w]+)/$", name="dispositif")
    def dispositif(self, request, slug):
        from .aid_views import scheme_view

        return scheme_view(self, request, slug)

    def get_sitemap_urls(self, request=None):
        """The finder, then each live scheme's page with its translations as alternates."""
        urls = super().get_sitemap_urls(request)
        schemes = list(self.schemes().order_by("slug"))
        keys = [scheme.translation_key for scheme in schemes]
        finders = {page.locale_id: page for page in self.get_translations(inclusive=True).live().specific()}
        versions = Dispositif.objects.live().filter(translation_key__in=keys, locale_id__in=list(finders))
        by_key = {}
        for version in versions:
            by_key.setdefault(version.translation_key, []).append(version)
        for scheme in schemes:
            entry = {"location": self.get_full_url(request) + f"{scheme.slug}/", "lastmod": scheme.last_published_at}
            alternates = [
                {
                    "lang_code": language_code_of(v.locale_id),
                    "location": finders[v.locale_id].get_full_url(request) + f"{v.slug}/",
                }
                for v in by_key.get(scheme.translation_key, [])
            ]
            if len(alternates) > 1:
                entry["alternates"] = alternates
            urls.append(entry)
        return urls

    def serve_data_file(self, request, file_name):
        """``/aides/export.json``: the open-data export (the project's URL for data files next
        to their page, ``partner_directory_export``, calls this after Wagtail's checks)."""
        from .aid_views import export_view

        if file_name != "export.json":
            raise Http404
        return export_view(self, request)

    def export_url(self, request=None):
        return self.get_url(request) + "export.json"
