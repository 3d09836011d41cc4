"""The aid finder's form, the way it picks schemes, and how the pages read what they show
around the schemes in a fixed number of queries.

"Vous êtes…", "Vous cherchez…", "Montant recherché", département: a GET form that works
without JavaScript. The schemes' profiles, needs and fiches (and the finder's own lists
of profiles and needs) come from ONE query, a ``UNION ALL`` of small selects
(``relation_rows``), whatever the number of schemes.
"""

import re
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import CharField, IntegerField, Value
from django.utils.translation import gettext_lazy as _

from home.choices import Departement
from home.i18n import active_locale
from home.templatetags.predess_tags import home_children, localize_terms
from partners.models import Partner, PartnerDirectoryPage

from .amounts import format_money
from .models import Audience, Dispositif, FichePage, Need

MAX_AMOUNT = 100_000_000  # euros: far above any scheme, small enough to stay a plain number
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_CURRENCY = re.compile(r"(€|euros?|eur)$", re.IGNORECASE)


class AmountField(forms.CharField):
    """A whole number of euros; "15 000", "15000 €" and "15 000 euros" are understood."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        text = _CURRENCY.sub("", _SPACES.sub("", value))
        if re.fullmatch(r"-[0-9]+", text):
            raise ValidationError(_("Le montant ne peut pas être négatif."), code="negative")
        if not re.fullmatch(r"[0-9]+", text):
            raise ValidationError(
                _("Indiquez un montant en euros, en chiffres et sans centimes, par exemple 15000."), code="invalid"
            )
        if len(text.lstrip("0")) > len(str(MAX_AMOUNT)) or int(text) > MAX_AMOUNT:
            raise ValidationError(
                _("Indiquez un montant d’au plus %(maximum)s.") % {"maximum": format_money(MAX_AMOUNT)},
                code="too_large",
            )
        return int(text)


class AidFinderForm(forms.Form):
    profil = forms.ChoiceField(label=_("Vous êtes…"), required=False)
    besoin = forms.ChoiceField(label=_("Vous cherchez…"), required=False)
    departement = forms.ChoiceField(label=_("Votre département"), required=False)
    montant = AmountField(
        label=_("Montant recherché (facultatif)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 12}),
        help_text=_(
            "En euros, sans centimes. Un dispositif est retenu quand ce montant est compris entre son "
            "minimum et son maximum ; pour une garantie exprimée en pourcentage, quand il ne dépasse pas "
            "le montant garanti. Les dispositifs dont le plan ne précise pas le montant restent affichés."
        ),
    )

    def __init__(self, data, *, audiences, needs):
        super().__init__(data)
        self.fields["profil"].choices = [("", _("Tous les profils")), *[(a.slug, a.label) for a in audiences]]
        self.fields["besoin"].choices = [("", _("Tous les besoins")), *[(n.slug, n.label) for n in needs]]
        self.fields["departement"].choices = [("", _("Toute la Bourgogne")), *Departement.choices]

    def value(self, name):
        """A field's valid value, or None: a wrong answer does not stop the others."""
        if not self.is_bound:
            return None
        self.is_valid()
        value = self.cleaned_data.get(name)
        return None if value in ("", None) else value

    def criteria(self):
        """The answers taken into account, as the person reads them."""
        labels = []
        for name in ("profil", "besoin", "departement"):
            value = self.value(name)
            if value is not None:
                labels.append(str(dict(self.fields[name].choices).get(value, value)))
        if self.value("montant") is not None:
            labels.append(format_money(self.value("montant")))
        return labels


def find_schemes(queryset, form):
    """The schemes of ``queryset`` that match the form's valid answers."""
    if form.value("profil"):
        queryset = queryset.for_audience(form.value("profil"))
    if form.value("besoin"):
        queryset = queryset.for_need(form.value("besoin"))
    if form.value("montant") is not None:
        queryset = queryset.for_amount(form.value("montant"))
    if form.value("departement"):
        queryset = queryset.for_departement(form.value("departement"))
    # Schemes in place first, then the tools still being built, then by name.
    return queryset.select_related("kind").order_by("status", "name", "pk")


# --- Everything around the schemes, in one query -------------------------------------

_TEXT = CharField()
_INT = IntegerField()
VOCABULARY = 0  # "scheme id" of the rows that list the finder's profiles and needs


def _term_rows(queryset, relation, scheme_field, prefix):
    return queryset.values_list(
        scheme_field,
        Value(relation, output_field=_TEXT),
        f"{prefix}id",
        f"{prefix}slug",
        f"{prefix}label",
        Value("", output_field=_TEXT),
        f"{prefix}locale_id",
        f"{prefix}translation_key",
        f"{prefix}sort_order",
    ).order_by()


def relation_rows(schemes, *, vocabulary_locale_id=None):
    """Profiles, needs, live fiches and live operators (partners) of ``schemes`` (a
    queryset, used as a subquery), and with ``vocabulary_locale_id`` the profiles and needs of that language's live
    schemes (the finder's choices): one ``UNION ALL`` query."""
    ids = schemes.order_by().values("pk")
    audiences = Dispositif.audiences.through.objects.filter(dispositif_id__in=ids)
    needs = Dispositif.needs.through.objects.filter(dispositif_id__in=ids)
    fiches = Dispositif.fiches.through.objects.filter(dispositif_id__in=ids, fichepage__live=True)
    operators = Dispositif.operators.through.objects.filter(dispositif_id__in=ids, partner__live=True)
    parts = [
        _term_rows(audiences, "audience", "dispositif_id", "audience__"),
        _term_rows(needs, "need", "dispositif_id", "need__"),
        fiches.values_list(
            "dispositif_id",
            Value("fiche", output_field=_TEXT),
            "fichepage_id",
            "fichepage__number",
            "fichepage__title",
            "fichepage__url_path",
            "fichepage__locale_id",
            "fichepage__translation_key",
            Value(0, output_field=_INT),
        ).order_by(),
        operators.values_list(
            "dispositif_id",
            Value("operator", output_field=_TEXT),
            "partner_id",
            "partner__slug",
            "partner__name",
            "partner__acronym",
            "partner__locale_id",
            "partner__translation_key",
            Value(0, output_field=_INT),
        ).order_by(),
    ]
    if vocabulary_locale_id is not None:
        in_finder = Dispositif.objects.in_finder().filter(locale_id=vocabulary_locale_id)
        for model, relation in ((Audience, "profile-choice"), (Need, "need-choice")):
            terms = model.objects.filter(
                locale_id=vocabulary_locale_id, slug__in=in_finder.values(f"{model._meta.model_name}s__slug")
            )
            parts.append(
                _term_rows(terms.annotate(vocabulary=Value(VOCABULARY, output_field=_INT)), relation, "vocabulary", "")
            )
    first, *others = parts
    return list(first.union(*others, all=True))


class Relations:
    """The rows of ``relation_rows`` as objects: ``Audience``, ``Need``, ``FichePage`` and
    ``Partner`` instances built from the row (a fiche's ``url_path`` is all ``pageurl``
    needs; a partner's slug makes its address in the directory)."""

    def __init__(self, rows):
        self.by_scheme = defaultdict(lambda: defaultdict(list))
        self.vocabulary = defaultdict(list)
        for scheme_id, relation, pk, code, text, extra, locale_id, key, order in rows:
            if relation == "fiche":
                obj = FichePage(
                    id=pk, number=code, title=text, url_path=extra, locale_id=locale_id, translation_key=key, live=True
                )
            elif relation == "operator":
                obj = Partner(id=pk, slug=code, name=text, acronym=extra, locale_id=locale_id, translation_key=key)
            else:
                model = Audience if relation in ("audience", "profile-choice") else Need
                obj = model(id=pk, slug=code, label=text, locale_id=locale_id, translation_key=key, sort_order=order)
            if relation.endswith("-choice"):
                self.vocabulary[relation].append(obj)
            else:
                self.by_scheme[scheme_id][relation].append(obj)
        for objects in self.vocabulary.values():
            objects.sort(key=lambda term: (term.sort_order, term.label))

    @property
    def audiences(self):
        return self.vocabulary["profile-choice"]

    @property
    def needs(self):
        return self.vocabulary["need-choice"]

    def attach(self, schemes, request, finder_url, page=None):
        """Give each scheme its ``url``, ``profiles``, ``need_list``, ``fiche_list`` and
        ``operator_links``, in the active language (see ``for_display``)."""
        schemes = list(schemes)
        locale = active_locale()
        directory = PartnerDirectoryPage.among(home_children(request, page)) if request is not None else None
        for scheme in schemes:
            related = self.by_scheme.get(scheme.pk, {})
            scheme.url = f"{finder_url}{scheme.slug}/" if finder_url else None
            scheme.profiles = sorted(related.get("audience", []), key=lambda t: (t.sort_order, t.label))
            scheme.need_list = sorted(related.get("need", []), key=lambda t: (t.sort_order, t.label))
            scheme.fiche_list = sorted(related.get("fiche", []), key=lambda f: f.number)
            scheme.operators_list = sorted(related.get("operator", []), key=lambda p: p.name.lower())
            scheme.operator_links = operator_links(scheme.operators_list, directory, request)
        # Schemes loaded from the content files point to the terms and fiches of their own
        # language; a translation made by hand may still point to the French ones, which
        # are then replaced by their translations (a query only in that case).
        for scheme in schemes:
            scheme.profiles = localize_terms(scheme.profiles, request)
            scheme.need_list = localize_terms(scheme.need_list, request)
        foreign = {f.translation_key for s in schemes for f in s.fiche_list if f.locale_id != locale.pk}
        if foreign:
            translated = FichePage.objects.live().filter(locale=locale, translation_key__in=foreign)
            by_key = {fiche.translation_key: fiche for fiche in translated}
            for scheme in schemes:
                scheme.fiche_list = [by_key.get(f.translation_key, f) for f in scheme.fiche_list]
        return schemes


def operator_links(partners, directory, request, full=False):
    """(name, address in the partner directory) of each partner; no address without a
    directory in the current language (it shows French partners until they are translated,
    so a French partner is found there too)."""
    base = ""
    if directory is not None:
        base = directory.get_full_url(request) if full else directory.get_url(request)
    return [
        (partner.display_name, base + PartnerDirectoryPage.partner_path(partner.slug) if base else None)
        for partner in partners
    ]


def for_display(schemes, request, finder_url, page=None):
    """Evaluated schemes with what the templates show: two queries in all (the schemes,
    then ``relation_rows``). ``page``: the page being served."""
    schemes = list(schemes)
    if not schemes:
        return schemes
    queryset = Dispositif.objects.filter(pk__in=[scheme.pk for scheme in schemes])
    return Relations(relation_rows(queryset)).attach(schemes, request, finder_url, page)
