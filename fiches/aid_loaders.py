"""Loader step of ``load_predess`` for the aid finder and the aid schemes.

``content/fr/aides.md`` gives the finder page (``/aides/``), ``content/fr/dispositifs.yaml``
every scheme of the plan with its amounts as numbers, linked by slug to the "Pour qui ?"
profiles, the needs and the partners who run it (``partners.yaml``, loaded by the step
before this one), and by number to the fiches. ``content/en/`` holds the same files in
English: they become wagtail-localize translations, whose profiles, needs and fiches are
the English ones (and the partners too, once they are translated).

Idempotent: a scheme whose values already match the files is not touched (no new
revision); a scheme that someone edited in the admin (a revision with a user) is kept,
with its translation, unless ``--force``. ``translate()`` is not called inside
``transaction.atomic`` (see ``home.translation``).
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from wagtail.models import Locale

from home.choices import Departement
from home.content import (
    ContentError,
    MissingContentFile,
    content_path,
    has_language,
    read_markdown,
    read_yaml,
    to_html,
    upsert_page,
)
from home.loaders import translate_from_file
from home.translation import english_locale, pair_segments, translate
from partners.models import Partner

from .models import AidFinderPage, Audience, DepartementsField, Dispositif, DispositifStatus, FichePage, Need

FINDER_FILE = "aides.md"
SCHEMES_FILE = "dispositifs.yaml"
# Fields written in each language (the English file gives their translation).
TEXT_FIELDS = ["name", "acronym", "amount_text", "summary", "source_text"]
# Fields the same in both languages.
NUMBER_FIELDS = ["amount_min", "amount_max", "percentage", "percentage_base"]
SHARED_FIELDS = ["slug", "status", *NUMBER_FIELDS, "departements", "external_url"]
RELATIONS = {"audiences": Audience, "needs": Need, "fiches": FichePage, "operators": Partner}


def finder_fields(language):
    meta, body = read_markdown(content_path(language, FINDER_FILE))
    for key in ("title", "slug"):
        if not meta.get(key):
            raise ContentError(f"content/{language}/{FINDER_FILE} : « {key} » manque dans l’en-tête.")
    return {"title": meta["title"], "slug": meta["slug"], "summary": meta.get("summary", ""), "intro": to_html(body)}


def load_dispositifs(loader):
    fields = finder_fields("fr")
    finder = upsert_page(
        loader.home,
        AidFinderPage,
        fields.pop("slug"),
        {**fields, "show_in_menus": True},
        report=loader.report,
        force=loader.force,
    )
    translate_from_file(loader, finder, AidFinderPage, finder_fields, FINDER_FILE)

    french = Locale.objects.get(language_code="fr")
    entries = _entries("fr")
    english_entries = {}
    if has_language("en"):
        try:
            english_entries = {entry.get("slug"): entry for entry in _entries("en")}
        except MissingContentFile:
            loader.report.untranslated.append(SCHEMES_FILE)
    terms = SchemeTerms(french)
    for entry in entries:
        values, relations, kind = wanted_values(entry, terms)
        scheme, kept = upsert_scheme(values, relations, kind, french, loader)
        if kept or not english_entries:
            continue
        english_entry = english_entries.get(values["slug"])
        if english_entry is None:
            loader.report.untranslated.append(f"{SCHEMES_FILE} : {values['slug']}")
            continue
        translate_scheme(scheme, english_entry, terms, loader)
    return finder


def _entries(language):
    entries = read_yaml(content_path(language, SCHEMES_FILE))
    if not isinstance(entries, list):
        raise ContentError(f"content/{language}/{SCHEMES_FILE} doit être une liste de dispositifs.")
    return entries


class SchemeTerms:
    """The French profiles, needs and fiches by slug or number, and their translations,
    read once for the whole file."""

    def __init__(self, locale):
        self.locale = locale
        self.audiences = {a.slug: a for a in Audience.objects.filter(locale=locale)}
        self.needs = {n.slug: n for n in Need.objects.filter(locale=locale)}
        self.fiches = {f.number: f for f in FichePage.objects.filter(locale=locale)}
        self.partners = {p.slug: p for p in Partner.objects.filter(locale=locale)}
        self._translations = {}

    def translated(self, objects):
        """The English versions of ``objects`` (the object itself when it has none)."""
        if not objects:
            return []
        model = type(objects[0])
        if model not in self._translations:
            queryset = model.objects.filter(locale=english_locale())
            self._translations[model] = {o.translation_key: o for o in queryset}
        return [self._translations[model].get(o.translation_key, o) for o in objects]


def _number(entry, key, where, decimal=False):
    value = entry.get(key)
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)) if decimal else int(value)
    except (TypeError, ValueError, InvalidOperation) as exc:
        raise ContentError(f"{where} : « {key} » doit être un nombre (trouvé : {value!r}).") from exc
    if number < 0:
        raise ContentError(f"{where} : « {key} » ne peut pas être négatif.")
    return number


def wanted_values(entry, terms):
    """Check one entry of dispositifs.yaml; return (field values, relations, kind)."""
    slug = str(entry.get("slug") or "")
    where = f"{SCHEMES_FILE}, dispositif « {slug or entry.get('name', '?')} »"
    for key in ("slug", "name", "kind", "summary"):
        if not entry.get(key):
            raise ContentError(f"{where} : « {key} » manque.")
    status = entry.get("status") or DispositifStatus.ACTIF
    if status not in DispositifStatus.values:
        raise ContentError(f"{where} : statut « {status} » inconnu ({', '.join(DispositifStatus.values)}).")

    def lookup(key, table, what):
        wanted = [str(value) for value in entry.get(key) or []]
        unknown = [value for value in wanted if value not in table]
        if unknown:
            raise ContentError(f"{where} : {what} inconnu(s) : {', '.join(unknown)}.")
        return [table[value] for value in wanted]

    if str(entry["kind"]) not in terms.needs:
        raise ContentError(f"{where} : type d’aide « {entry['kind']} » inconnu.")
    kind = terms.needs[str(entry["kind"])]
    relations = {
        "audiences": lookup("audiences", terms.audiences, "public(s)"),
        "needs": lookup("needs", terms.needs, "besoin(s)"),
        "fiches": lookup("fiches", terms.fiches, "fiche(s)"),
        "operators": lookup("operators", terms.partners, "partenaire(s)"),
    }
    if not relations["needs"]:
        raise ContentError(f"{where} : « needs » doit nommer au moins un besoin.")
    departements = [str(code) for code in entry.get("departements") or []]
    unknown = [code for code in departements if code not in Departement.values]
    if unknown:
        raise ContentError(f"{where} : département(s) inconnu(s) {', '.join(unknown)}.")
    values = {
        "slug": slug,
        "name": str(entry["name"]).strip(),
        "acronym": str(entry.get("acronym") or "").strip(),
        "status": status,
        "amount_min": _number(entry, "amount_min", where),
        "amount_max": _number(entry, "amount_max", where),
        "percentage": _number(entry, "percentage", where, decimal=True),
        "percentage_base": _number(entry, "percentage_base", where),
        "amount_text": str(entry.get("amount_text") or "").strip(),
        "departements": DepartementsField.join(departements),
        "summary": str(entry["summary"]).strip(),
        "source_text": to_html(entry.get("source_text") or ""),
        "external_url": str(entry.get("external_url") or "").strip(),
    }
    return values, relations, kind


def edited_by_someone(obj):
    return obj.revisions.exclude(user=None).exists()


def _relation_ids(scheme):
    return {name: sorted(getattr(scheme, name).values_list("pk", flat=True)) for name in RELATIONS}


def _is_current(scheme, values, relations, kind):
    return (
        all(getattr(scheme, name) == value for name, value in values.items())
        and scheme.kind_id == kind.pk
        and _relation_ids(scheme) == {name: sorted(o.pk for o in objects) for name, objects in relations.items()}
        and scheme.live
        and not scheme.has_unpublished_changes
    )


def upsert_scheme(values, relations, kind, locale, loader):
    """Create or update the French scheme; return (scheme, kept because edited by a person)."""
    report = loader.report
    scheme = Dispositif.objects.filter(locale=locale, slug=values["slug"]).first()
    if scheme is not None:
        if edited_by_someone(scheme) and not loader.force:
            report.kept.append(scheme)
            return scheme, True
        if _is_current(scheme, values, relations, kind):
            return scheme, False
    created = scheme is None
    if created:
        scheme = Dispositif(locale=locale, live=False)
    for name, value in values.items():
        setattr(scheme, name, value)
    scheme.kind = kind
    for name, objects in relations.items():
        setattr(scheme, name, objects)
    try:
        scheme.full_clean(exclude=list(RELATIONS))
    except ValidationError as exc:
        details = "; ".join(f"{field} : {' '.join(messages)}" for field, messages in exc.message_dict.items())
        raise ContentError(f"{SCHEMES_FILE}, dispositif « {values['slug']} » : {details}") from exc
    scheme.save()
    scheme.save_revision().publish()
    (report.created if created else report.updated).append(scheme)
    return scheme, False


def english_instance(scheme, entry):
    """An unsaved scheme holding the English text of ``entry``, shaped like ``scheme``."""
    english = Dispositif(
        name=str(entry.get("name") or "").strip(),
        acronym=str(entry.get("acronym") or "").strip(),
        amount_text=str(entry.get("amount_text") or "").strip(),
        summary=str(entry.get("summary") or "").strip(),
        source_text=to_html(entry.get("source_text") or ""),
        kind_id=scheme.kind_id,
    )
    for name in SHARED_FIELDS:
        setattr(english, name, getattr(scheme, name))
    return english


def _translation_is_current(scheme, target, english, relations, kind):
    if not target.live or target.has_unpublished_changes or target.kind_id != kind.pk:
        return False
    if any(getattr(target, name) != getattr(scheme, name) for name in SHARED_FIELDS):
        return False
    if _relation_ids(target) != {name: sorted(o.pk for o in objects) for name, objects in relations.items()}:
        return False
    try:
        return pair_segments(scheme, target, label="") == pair_segments(scheme, english, label="")
    except ContentError:  # the French text changed shape: translate again
        return False


def translate_scheme(scheme, entry, terms, loader):
    """The English translation of a French scheme, from its entry of content/en."""
    label = f"{SCHEMES_FILE} (en) : {scheme.slug}"
    english = english_instance(scheme, entry)
    relations = {name: terms.translated(list(getattr(scheme, name).all())) for name in RELATIONS}
    (kind,) = terms.translated([scheme.kind])
    target = scheme.get_translation_or_none(english_locale())
    if target is not None:
        if edited_by_someone(target) and not loader.force:
            loader.report.kept.append(target)
            return target
        if _translation_is_current(scheme, target, english, relations, kind):
            return target
    else:
        # Made here rather than by wagtail-localize so that its profiles, needs and fiches
        # are the English ones from its first revision.
        target = scheme.copy_for_translation(english_locale())
        target.live = False
    for name, objects in relations.items():
        setattr(target, name, objects)
    target.save()
    created = target.latest_revision_id is None
    translated = translate(scheme, english, report=loader.report, force=loader.force, label=label)
    (loader.report.created if created else loader.report.updated).append(translated)
    return translated
