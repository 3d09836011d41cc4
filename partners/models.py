"""The partner directory: ``Partner`` snippets kept by communications staff, and the
routable ``PartnerDirectoryPage`` that lists, filters, exports and shows them."""

import html

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator, URLValidator
from django.db import models
from django.db.models import Value
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.rich_text import RichText
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from home.blocks import RICH_TEXT_FEATURES
from home.choices import Departement
from home.i18n import default_locale_id, with_french_fallback
from home.models import BasePage
from search.boosts import Boost

from .choices import Offer, PartnerKind, in_vocabulary_order

PARTNER_RICH_TEXT_FEATURES = ["bold", "italic", "ul", "link"]

postcode_validator = RegexValidator(
    r"^\d{5}$", _("Un code postal s’écrit avec cinq chiffres, par exemple 21000."), code="invalid"
)
phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 .()-]{5,22}$",
    _("Saisissez un numéro de téléphone, par exemple 03 80 00 00 00 ou +33 3 80 00 00 00."),
    code="invalid",
)
website_validator = URLValidator(
    schemes=["http", "https"],
    message=_("Saisissez une adresse web complète commençant par http:// ou https://."),
)
# Sub-paths of the directory page that a partner's slug must not take.
RESERVED_SLUGS = {"flux"}
EMAIL_MESSAGE = _("Saisissez une adresse électronique valide, par exemple contact@exemple.fr.")


def labelled(label):
    """Give a derived value its label in the admin's listing, inspect view and export."""

    def decorate(function):
        function.short_description = label
        return function

    return decorate


def plain_text(rich_text):
    """Rich text (HTML) as one line of plain text, for exports, meta and JSON-LD."""
    return " ".join(html.unescape(strip_tags(rich_text or "")).split())


def postcode_error(postcode, departements):
    """The French message explaining why ``postcode`` does not fit ``departements``, or None.

    A postcode is optional; when the partner is attached to one or more départements, it
    must belong to one of them (21xxx for the Côte-d’Or…).
    """
    if not postcode or not departements:
        return None
    if any(Departement.postcode_matches(code, postcode) for code in departements):
        return None
    labels = ", ".join(str(Departement(code).label) for code in departements)
    return _("Le code postal %(postcode)s n’est pas dans le ou les départements choisis : %(departements)s.") % {
        "postcode": postcode,
        "departements": labels,
    }


class WebsiteFormField(forms.URLField):
    default_validators = [website_validator]
    default_error_messages = {"invalid": website_validator.message}


class WebsiteField(models.URLField):
    """A URL that must use http or https (no ftp, no javascript:)."""

    default_validators = [website_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebsiteFormField, "assume_scheme": "https", **kwargs})


class PartnerQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def shown_in(self, locale_id):
        """The live partners a page in ``locale_id`` shows: those of its language and, for
        another language than French, the French partners not yet translated into it (shown
        in French, with ``lang="fr"``). No query of its own."""
        own = self.live().filter(locale_id=locale_id)
        return with_french_fallback(own, self.live().filter(locale_id=default_locale_id()), locale_id)

    def citing_fiche(self, fiche, locale_id):
        """The partners shown in ``locale_id`` that cite ``fiche`` (in any language)."""
        return (
            self.shown_in(locale_id)
            .filter(
                pk__in=Partner.fiches.through.objects.filter(fichepage__translation_key=fiche.translation_key).values(
                    "partner_id"
                )
            )
            .order_by("sort_name", "pk")
        )


class PartnerTag(TaggedItemBase):
    content_object = ParentalKey("partners.Partner", related_name="tagged_items", on_delete=models.CASCADE)


class Partner(
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """An organisation of the ESS in Bourgogne, as the directory shows it.

    Offers and départements are stored as small child rows (``offer_links``,
    ``departement_links``) holding values of ``Offer`` and ``Departement``, so the directory
    can filter on them and count them with plain SQL on SQLite and PostgreSQL alike, and
    drafts and revisions carry them along with the rest of the partner.
    """

    name = models.CharField(_("nom"), max_length=255)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(
        _("identifiant dans l’adresse"),
        max_length=100,
        blank=True,
        allow_unicode=False,
        help_text=_("Utilisé dans l’adresse de la fiche du partenaire. Laissé vide, il est calculé à partir du nom."),
    )
    kind = models.CharField(
        _("type de structure"), max_length=40, choices=PartnerKind.choices, default=PartnerKind.AUTRE, db_index=True
    )
    street_address = models.CharField(_("adresse"), max_length=255, blank=True, help_text=_("Numéro et voie."))
    address_complement = models.CharField(
        _("complément d’adresse"), max_length=255, blank=True, help_text=_("Bâtiment, boîte postale…")
    )
    postcode = models.CharField(_("code postal"), max_length=5, blank=True, validators=[postcode_validator])
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-90, _("La latitude est comprise entre -90 et 90.")),
            MaxValueValidator(90, _("La latitude est comprise entre -90 et 90.")),
        ],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-180, _("La longitude est comprise entre -180 et 180.")),
            MaxValueValidator(180, _("La longitude est comprise entre -180 et 180.")),
        ],
    )
    website = WebsiteField(_("site web"), max_length=300, blank=True)
    email = models.EmailField(_("adresse électronique"), blank=True, error_messages={"invalid": EMAIL_MESSAGE})
    phone = models.CharField(_("téléphone"), max_length=30, blank=True, validators=[phone_validator])
    description = RichTextField(
        _("présentation"),
        features=PARTNER_RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Ce que fait la structure, pour qui ; quelques phrases."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo_alt = models.CharField(
        _("texte alternatif du logo"),
        max_length=250,
        blank=True,
        help_text=_("Ce que le logo dit, par exemple « Logo de la CRESS Bourgogne ». Obligatoire avec un logo."),
    )
    fiches = ParentalManyToManyField(
        "fiches.FichePage",
        verbose_name=_("fiches qui citent ce partenaire"),
        related_name="partners",
        blank=True,
    )
    tags = ClusterTaggableManager(through=PartnerTag, blank=True, verbose_name=_("mots-clés"))
    sort_name = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = PartnerQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=Boost.TITLE),
        index.AutocompleteField("name"),
        index.SearchField("acronym", boost=Boost.TITLE),
        index.AutocompleteField("acronym"),
        index.SearchField("description"),
        index.SearchField("commune", boost=Boost.SUMMARY),
        index.AutocompleteField("commune"),
        index.SearchField("kind_label"),
        index.SearchField("offers_text"),
        index.RelatedFields("tags", [index.SearchField("name", boost=Boost.SUMMARY)]),
        index.FilterField("live"),
        index.FilterField("locale"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["sort_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"],
                name="unique_partner_slug_locale",
                violation_error_message=_("Un autre partenaire utilise déjà cet identifiant dans cette langue."),
            )
        ]

    def __str__(self):
        return self.name

    # --- Derived values -------------------------------------------------------------

    @property
    def display_name(self):
        if self.acronym and self.acronym.lower() != self.name.lower():
            return f"{self.name} ({self.acronym})"
        return self.name

    @property
    @labelled(_("Type de structure"))
    def kind_label(self):
        return str(PartnerKind(self.kind).label) if self.kind in PartnerKind.values else ""

    @property
    def offers(self):
        """The partner's offers (``Offer`` members), in the vocabulary's order."""
        values = getattr(self, "_offer_values", None)
        if values is None:
            values = [link.offer for link in self.offer_links.all()]
        return in_vocabulary_order(Offer, values)

    def offers_text(self):
        return " ".join(str(offer.label) for offer in self.offers)

    @property
    @labelled(_("Ce que propose la structure"))
    def offers_label(self):
        return ", ".join(str(offer.label) for offer in self.offers)

    @property
    @labelled(_("Fiches qui le citent"))
    def fiches_label(self):
        return ", ".join(sorted(fiche.number for fiche in self.fiches.all()))

    @property
    def departements(self):
        """The départements the partner works in (``Departement`` members), in order."""
        values = getattr(self, "_departement_values", None)
        if values is None:
            values = [link.departement for link in self.departement_links.all()]
        return in_vocabulary_order(Departement, values)

    @property
    def covers_whole_region(self):
        return len(self.departements) == len(Departement)

    @property
    @labelled(_("Territoire"))
    def territory_label(self):
        departements = self.departements
        if not departements:
            return _("Non précisé")
        if len(departements) == len(Departement):
            return _("Toute la région (les quatre départements)")
        return ", ".join(str(d.label) for d in departements)

    @property
    def description_text(self):
        return plain_text(self.description)

    @property
    def has_contact(self):
        return any([self.street_address, self.postcode, self.commune, self.website, self.email, self.phone])

    @property
    def address_lines(self):
        town = " ".join(part for part in (self.postcode, self.commune) if part)
        return [line for line in (self.street_address, self.address_complement, town) if line]

    def set_offers(self, values):
        """Set the offers (``Offer`` values) on the in-memory cluster; saved with the partner."""
        self.offer_links = _child_rows(self.offer_links.all(), "offer", values, PartnerOffer)
        self.__dict__.pop("_offer_values", None)

    def set_departements(self, values):
        """Set the départements (``Departement`` values); saved with the partner."""
        self.departement_links = _child_rows(self.departement_links.all(), "departement", values, PartnerDepartement)
        self.__dict__.pop("_departement_values", None)

    @classmethod
    def attach_offers_and_departements(cls, partners, ids=None):
        """Read the offers and départements of ``partners`` in one query (a UNION of the two
        child tables) and keep them on each partner for ``offers`` and ``departements``.
        ``ids`` (a ``values("pk")`` queryset) replaces a long list of ids in the SQL."""
        partners = list(partners)
        by_id = {partner.pk: partner for partner in partners}
        for partner in partners:
            partner._offer_values, partner._departement_values = [], []
        if not by_id:
            return partners
        ids = list(by_id) if ids is None else ids
        offers = PartnerOffer.objects.filter(partner_id__in=ids).values_list("partner_id", Value("o"), "offer")
        departements = PartnerDepartement.objects.filter(partner_id__in=ids).values_list(
            "partner_id", Value("d"), "departement"
        )
        for partner_id, table, value in offers.order_by().union(departements.order_by(), all=True):
            partner = by_id.get(partner_id)
            if partner is not None:
                (partner._offer_values if table == "o" else partner._departement_values).append(value)
        return partners

    def get_description_display(self):
        """The presentation as the public sees it (the inspect view shows it formatted)."""
        return RichText(self.description)

    # --- Validation and saving ------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        self.slug = (self.slug or slugify(self.acronym or self.name or ""))[:100].lower()
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("« %(slug)s » est réservé par l’annuaire ; choisissez un autre identifiant.") % {
                "slug": self.slug
            }
        elif self.slug and self.locale_id:
            clash = Partner.objects.filter(locale_id=self.locale_id, slug=self.slug).exclude(pk=self.pk)
            if clash.exists():
                errors["slug"] = _("Un autre partenaire utilise déjà l’identifiant « %(slug)s » dans cette langue.") % {
                    "slug": self.slug
                }
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Indiquez la latitude et la longitude, ou aucune des deux."
            )
        if self.logo_id and not self.logo_alt.strip():
            errors["logo_alt"] = _("Décrivez le logo pour les personnes qui ne le voient pas.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.acronym or self.name)[:100]
        self.sort_name = sort_key(self.name)
        if self.locale_id is None:
            self.locale = Locale.get_default()
        super().save(*args, **kwargs)
        # ClusterableModel writes the offers, départements and tags after the row itself,
        # that is after the search index was updated by the post_save signal: index again
        # so that a search finds a partner by its offers and tags.
        if getattr(self, "search_auto_update", True):
            index.insert_or_update_object(self)

    # --- URLs, previews and machine-readable forms ----------------------------------

    def get_directory(self):
        return PartnerDirectoryPage.objects.live().filter(locale_id=self.locale_id).first()

    def get_url(self, request=None, directory=None):
        directory = directory or self.get_directory()
        if directory is None or not self.slug:
            return None
        return directory.partner_url(self, request=request)

    def get_full_url(self, request=None, directory=None):
        directory = directory or self.get_directory()
        if directory is None or not self.slug:
            return None
        return directory.partner_url(self, request=request, full=True)

    def get_preview_template(self, request, mode_name):
        return "partners/partner_detail.html"

    def get_preview_context(self, request, mode_name):
        directory = self.get_directory()
        return {"page": directory, "partner": self, "self": directory, "is_preview": True}

    def json_ld(self, page_url):
        """schema.org ``Organization`` describing the partner (only facts that are set)."""
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "@id": f"{page_url}#organisation",
            "name": self.name,
            "url": self.website or page_url,
            "mainEntityOfPage": page_url,
        }
        if self.acronym:
            data["alternateName"] = self.acronym
        if self.description_text:
            data["description"] = self.description_text
        if self.website:
            data["sameAs"] = [self.website]
        if self.email:
            data["email"] = self.email
        if self.phone:
            data["telephone"] = self.phone
        if self.street_address or self.postcode or self.commune:
            address = {"@type": "PostalAddress", "addressCountry": "FR"}
            street = ", ".join(part for part in (self.street_address, self.address_complement) if part)
            if street:
                address["streetAddress"] = street
            if self.postcode:
                address["postalCode"] = self.postcode
            if self.commune:
                address["addressLocality"] = self.commune
            data["address"] = address
        if self.latitude is not None and self.longitude is not None:
            data["location"] = {
                "@type": "Place",
                "geo": {
                    "@type": "GeoCoordinates",
                    "latitude": float(self.latitude),
                    "longitude": float(self.longitude),
                },
            }
        departements = self.departements
        if departements:
            data["areaServed"] = [
                {"@type": "AdministrativeArea", "name": str(d.label), "identifier": d.value} for d in departements
            ]
        offers = self.offers
        if offers:
            data["knowsAbout"] = [str(offer.label) for offer in offers]
        return data

    def export_record(self, page_url, fiche_numbers=None, tag_names=None):
        """One partner as open data: plain values, French keys, stable order. The fiche
        numbers and tag names may be given (read for many partners at once)."""
        if fiche_numbers is None:
            fiche_numbers = [fiche.number for fiche in self.fiches.all()]
        if tag_names is None:
            tag_names = [tag.name for tag in self.tags.all()]
        return {
            "identifiant": self.slug,
            "nom": self.name,
            "sigle": self.acronym,
            "type": self.kind,
            "type_libelle": self.kind_label,
            "offres": [offer.value for offer in self.offers],
            "offres_libelles": [str(offer.label) for offer in self.offers],
            "departements": [d.value for d in self.departements],
            "toute_la_region": self.covers_whole_region,
            "adresse": self.street_address,
            "complement_adresse": self.address_complement,
            "code_postal": self.postcode,
            "commune": self.commune,
            "latitude": float(self.latitude) if self.latitude is not None else None,
            "longitude": float(self.longitude) if self.longitude is not None else None,
            "site_web": self.website,
            "courriel": self.email,
            "telephone": self.phone,
            "presentation": self.description_text,
            "fiches": sorted(fiche_numbers),
            "mots_cles": sorted(tag_names),
            "page": page_url,
            "mis_a_jour": self.last_published_at.isoformat() if self.last_published_at else None,
        }


def _child_rows(existing, attribute, values, model):
    """Child rows for ``values``: existing rows kept (same ids), missing ones added."""
    by_value = {getattr(row, attribute): row for row in existing}
    return [by_value.get(value) or model(**{attribute: value}) for value in dict.fromkeys(values)]


def sort_key(name):
    """Case- and accent-insensitive sort key: "Économie" sorts with "Economie", before "F"."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold().strip()[:255]


class PartnerOffer(models.Model):
    """One offer of a partner (a value of ``Offer``)."""

    partner = ParentalKey(Partner, related_name="offer_links", on_delete=models.CASCADE)
    offer = models.CharField(_("offre"), max_length=40, choices=Offer.choices)

    class Meta:
        verbose_name = _("offre d’un partenaire")
        verbose_name_plural = _("offres des partenaires")
        constraints = [models.UniqueConstraint(fields=["partner", "offer"], name="unique_partner_offer")]
        indexes = [models.Index(fields=["offer", "partner"], name="partner_offer_idx")]

    def __str__(self):
        return self.get_offer_display()


class PartnerDepartement(models.Model):
    """One département a partner works in (a value of ``home.choices.Departement``)."""

    partner = ParentalKey(Partner, related_name="departement_links", on_delete=models.CASCADE)
    departement = models.CharField(_("département"), max_length=3, choices=Departement.choices)

    class Meta:
        verbose_name = _("département d’un partenaire")
        verbose_name_plural = _("départements des partenaires")
        constraints = [models.UniqueConstraint(fields=["partner", "departement"], name="unique_partner_departement")]
        indexes = [models.Index(fields=["departement", "partner"], name="partner_departement_idx")]

    def __str__(self):
        return self.get_departement_display()


class PartnerDirectoryPage(RoutablePageMixin, BasePage):
    """``/partenaires/``: search, filters, map and pagination; ``<slug>/`` for each partner;
    ``flux/`` (Atom, recently added partners). ``export.csv`` and ``export.json`` of the
    current filtered list are served by ``partners.views.directory_export`` (Wagtail's page
    routing does not accept a dot in a path segment)."""

    PARTNERS_PER_PAGE = 20
    FEED_LENGTH = 20

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("summary"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("annuaire des partenaires")
        verbose_name_plural = _("annuaires des partenaires")

    @classmethod
    def partner_path(cls, slug):
        """The path of a partner's page below the directory's URL: ``<slug>/``."""
        return cls.get_resolver().reverse("partner_detail", slug=slug)

    @classmethod
    def among(cls, pages):
        """The directory among ``pages`` (e.g. the home page's children), or None."""
        return next((page for page in pages if page.specific_class is cls), None)

    def partner_url(self, partner, request=None, full=False):
        base = self.get_full_url(request) if full else self.get_url(request)
        return (base or "") + self.partner_path(partner.slug)

    def partners(self):
        """The live partners this directory shows: those of its language and the French
        ones not yet translated into it (``PartnerQuerySet.shown_in``)."""
        return Partner.objects.shown_in(self.locale_id)

    @cached_property
    def fiche_index(self):
        from fiches.models import FicheIndexPage

        return FicheIndexPage.objects.live().filter(locale_id=self.locale_id).first()

    # --- Routes ---------------------------------------------------------------------

    @path("")
    def directory(self, request):
        from .views import directory_view

        return directory_view(self, request)

    @path("flux/", name="feed")
    def feed(self, request):
        from .views import feed_view

        return feed_view(self, request)

    @re_path(r"^(?P<slug>[-\w]+)/$", name="partner_detail")
    def partner_detail(self, request, slug):
        from .views import partner_detail_view

        return partner_detail_view(self, request, slug)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return urls
        for slug, last_published_at in self.partners().values_list("slug", "last_published_at"):
            urls.append(
                {
                    "location": base + self.partner_path(slug),
                    "lastmod": last_published_at,
                }
            )
        return urls
