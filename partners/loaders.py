"""Loader step of ``load_predess`` for the partner directory.

Creates the directory page (``content/fr/partners-index.md``) and one live partner per
entry of ``content/fr/partners.yaml``, linked to the fiches by their number. Idempotent:
a partner whose values already match the file is left untouched (no new revision); a
partner that someone edited in the admin (a revision with a user) is kept unless
``--force``. Only the facts the file gives are written: no address or phone is invented.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale

from home.choices import Departement
from home.content import ContentError, content_path, read_markdown, read_yaml, to_html, upsert_page
from home.loaders import translate_from_file

from .choices import Offer, PartnerKind
from .models import Partner, PartnerDirectoryPage, postcode_error

# Fields of partners.yaml copied as they are (address and contact when the file has them).
TEXT_FIELDS = ["name", "acronym", "commune", "postcode", "street_address", "website", "email", "phone"]


def load_partners(loader):
    directory = load_directory_page(loader)
    locale = Locale.objects.get(language_code="fr")
    entries = read_yaml(content_path("fr", "partners.yaml")) or []
    if not isinstance(entries, list):
        raise ContentError("content/fr/partners.yaml doit être une liste de partenaires.")
    with transaction.atomic():
        for entry in entries:
            upsert_partner(entry, locale, loader)
    return directory


def directory_fields(language):
    meta, body = read_markdown(content_path(language, "partners-index.md"))
    for key in ("title", "slug"):
        if not meta.get(key):
            raise ContentError(f"content/{language}/partners-index.md : « {key} » manque dans l’en-tête.")
    return {"title": meta["title"], "slug": meta["slug"], "summary": meta.get("summary", ""), "intro": to_html(body)}


def load_directory_page(loader):
    fields = directory_fields("fr")
    directory = upsert_page(
        loader.home,
        PartnerDirectoryPage,
        fields.pop("slug"),
        {**fields, "show_in_menus": True},
        report=loader.report,
        force=loader.force,
    )
    # The page in English (content/en/partners-index.md); the partners themselves stay
    # French until they are translated (the English directory shows them meanwhile).
    translate_from_file(loader, directory, PartnerDirectoryPage, directory_fields, "partners-index.md")
    return directory


def wanted_values(entry, fiches):
    """Check one entry of partners.yaml and return the values the partner must have."""
    slug = entry.get("slug") or ""
    where = f"partners.yaml, partenaire « {slug or entry.get('name', '?')} »"
    for key in ("slug", "name", "kind"):
        if not entry.get(key):
            raise ContentError(f"{where} : « {key} » manque.")
    if entry["kind"] not in PartnerKind.values:
        raise ContentError(f"{where} : type « {entry['kind']} » inconnu ({', '.join(PartnerKind.values)}).")
    offers = [str(value) for value in entry.get("offers") or []]
    unknown = [value for value in offers if value not in Offer.values]
    if unknown:
        raise ContentError(f"{where} : offre(s) inconnue(s) {', '.join(unknown)}.")
    departements = [str(value) for value in entry.get("departements") or []]
    unknown = [value for value in departements if value not in Departement.values]
    if unknown:
        raise ContentError(f"{where} : département(s) inconnu(s) {', '.join(unknown)}.")
    numbers = [str(value) for value in entry.get("fiches") or []]
    missing = [number for number in numbers if number not in fiches]
    if missing:
        raise ContentError(f"{where} : fiche(s) {', '.join(missing)} introuvable(s).")
    values = {name: str(entry.get(name) or "").strip() for name in TEXT_FIELDS}
    error = postcode_error(values["postcode"], departements)
    if error:
        raise ContentError(f"{where} : {error}")
    values.update(
        slug=slug,
        kind=entry["kind"],
        description=to_html(entry.get("description") or ""),
    )
    return values, offers, departements, [fiches[number] for number in numbers]


def current_values(partner):
    values = {name: getattr(partner, name) for name in [*TEXT_FIELDS, "slug", "kind", "description"]}
    offers = sorted(link.offer for link in partner.offer_links.all())
    departements = sorted(link.departement for link in partner.departement_links.all())
    fiche_ids = sorted(partner.fiches.values_list("pk", flat=True))
    return values, offers, departements, fiche_ids


def upsert_partner(entry, locale, loader):
    values, offers, departements, fiches = wanted_values(entry, loader.fiches)
    partner = Partner.objects.filter(locale=locale, slug=values["slug"]).first()
    report = loader.report
    if partner is not None:
        if partner.revisions.exclude(user=None).exists() and not loader.force:
            report.kept.append(partner)
            return partner
        wanted = (values, sorted(offers), sorted(departements), sorted(fiche.pk for fiche in fiches))
        if current_values(partner) == wanted and partner.live and not partner.has_unpublished_changes:
            return partner
    created = partner is None
    if created:
        partner = Partner(locale=locale, live=False)
    for name, value in values.items():
        setattr(partner, name, value)
    partner.set_offers(offers)
    partner.set_departements(departements)
    partner.fiches = fiches
    try:
        partner.full_clean(exclude=["fiches", "tags"])
    except ValidationError as exc:
        details = "; ".join(f"{field} : {' '.join(messages)}" for field, messages in exc.message_dict.items())
        raise ContentError(f"partners.yaml, partenaire « {values['slug']} » : {details}") from exc
    partner.save()
    partner.save_revision().publish()
    (report.created if created else report.updated).append(partner)
    return partner
