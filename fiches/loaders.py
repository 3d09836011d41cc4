"""Loader steps of ``load_predess`` for the vocabularies, the axes and the fiches."""

from wagtail.models import Locale

from home.content import (
    ContentError,
    content_path,
    has_language,
    read_markdown,
    read_yaml,
    split_sections,
    to_html,
    upsert_page,
)
from home.loaders import translate_from_file
from home.translation import translate

from .models import Audience, AxisPage, FicheIndexPage, FichePage, Need

SECTION_HEADINGS = {
    "fr": ["Qu’est-ce que c’est ?", "Pour quoi faire ?", "Pour qui ?", "Comment ?"],
    "en": ["What is it?", "What for?", "Who for?", "How?"],
}
SECTION_FIELDS = ["what_is_it", "what_for", "who_for", "how"]


def _same_heading(a, b):
    return a.replace("'", "’").strip().lower() == b.replace("'", "’").strip().lower()


def load_vocabulary(loader):
    locale = Locale.objects.get(language_code="fr")
    data = read_yaml(content_path("fr", "vocabulary.yaml"))
    english = read_yaml(content_path("en", "vocabulary.yaml")) if has_language("en") else {}
    for model, key in ((Audience, "audiences"), (Need, "needs")):
        english_labels = {item["slug"]: item["label"] for item in english.get(key, [])}
        for order, item in enumerate(data.get(key, [])):
            term, created = model.objects.get_or_create(
                slug=item["slug"], locale=locale, defaults={"label": item["label"], "sort_order": order}
            )
            if not created and (term.label != item["label"] or term.sort_order != order) and loader.force:
                term.label, term.sort_order = item["label"], order
                term.save()
            if item["slug"] in english_labels:
                english_term = model(slug=item["slug"], label=english_labels[item["slug"]], sort_order=order)
                translate(term, english_term, report=loader.report, force=loader.force, label=f"{key}/{item['slug']}")


def parse_fiche(path, language="fr"):
    """Read a fiche file and check its four sections; return (meta, {field: html})."""
    meta, body = read_markdown(path)
    expected = SECTION_HEADINGS[language]
    sections = [(heading, text) for heading, text in split_sections(body) if heading]
    headings = [heading for heading, _ in sections]
    if len(sections) != 4 or not all(_same_heading(a, b) for a, b in zip(headings, expected, strict=True)):
        raise ContentError(
            f"{path.name} : les sections doivent être, dans l’ordre, {', '.join(expected)} "
            f"(trouvé : {', '.join(headings) or 'aucune'})."
        )
    values = {}
    for field_name, (heading, text) in zip(SECTION_FIELDS, sections, strict=True):
        if not text.strip():
            raise ContentError(f"{path.name} : la section « {heading} » est vide.")
        values[field_name] = to_html(text)
    return meta, values


def index_fields(language):
    meta, body = read_markdown(content_path(language, "fiches", "index.md"))
    return {"title": meta["title"], "slug": meta["slug"], "summary": meta.get("summary", ""), "intro": to_html(body)}


def axis_fields(language, name):
    meta, body = read_markdown(content_path(language, "fiches", name))
    return {
        "title": meta["title"],
        "slug": meta["slug"],
        "number": int(meta["number"]),
        "summary": meta.get("summary", ""),
        "intro": to_html(body),
    }


def fiche_fields(language, name):
    meta, sections = parse_fiche(content_path(language, "fiches", name), language)
    fields = {
        "title": meta["title"],
        "slug": meta["slug"],
        "number": str(meta["number"]),
        "summary": meta.get("summary", ""),
        **sections,
    }
    return fields, meta


def load_fiches(loader):
    folder = content_path("fr", "fiches")
    locale = Locale.objects.get(language_code="fr")
    fields = index_fields("fr")
    index = upsert_page(
        loader.home,
        FicheIndexPage,
        fields.pop("slug"),
        {**fields, "show_in_menus": True},
        report=loader.report,
        force=loader.force,
    )
    translate_from_file(loader, index, FicheIndexPage, index_fields, "fiches/index.md")
    audiences = {a.slug: a for a in Audience.objects.filter(locale=locale)}
    fiches_by_number = {}
    related_wanted = {}
    for axis_path in sorted(folder.glob("axe-*.md")):
        fields = axis_fields("fr", axis_path.name)
        axis = upsert_page(index, AxisPage, fields.pop("slug"), fields, report=loader.report, force=loader.force)
        translate_from_file(
            loader, axis, AxisPage, lambda lang, n=axis_path.name: axis_fields(lang, n), f"fiches/{axis_path.name}"
        )
        for fiche_path in sorted(folder.glob(f"fiche-{axis.number}-*.md")):
            fields, meta = fiche_fields("fr", fiche_path.name)
            unknown = [slug for slug in meta.get("audiences", []) if slug not in audiences]
            if unknown:
                raise ContentError(f"{fiche_path.name} : public(s) inconnu(s) {', '.join(unknown)}.")
            fiche = upsert_page(
                axis,
                FichePage,
                fields.pop("slug"),
                {
                    **fields,
                    "audiences": [audiences[slug] for slug in meta.get("audiences", [])],
                    "tags": list(meta.get("tags", [])),
                },
                report=loader.report,
                force=loader.force,
            )
            fiches_by_number[fiche.number] = fiche
            related_wanted[fiche.number] = [str(n) for n in meta.get("related", [])]
    loader.fiches = fiches_by_number
    # Related fiches point at each other: set once every fiche exists.
    for number, wanted in related_wanted.items():
        fiche = fiches_by_number[number]
        targets = [fiches_by_number[n] for n in wanted if n in fiches_by_number]
        current = set(fiche.related_fiches.values_list("pk", flat=True))
        if current != {t.pk for t in targets} and (loader.force or not current):
            fiche.related_fiches.set(targets)
            fiche.save_revision().publish()
    # English translations, once the French fiches are complete.
    for fiche_path in sorted(folder.glob("fiche-*.md")):
        number = fiche_path.stem.removeprefix("fiche-").replace("-", ".")
        translate_from_file(
            loader,
            fiches_by_number[number],
            FichePage,
            lambda lang, n=fiche_path.name: fiche_fields(lang, n)[0],
            f"fiches/{fiche_path.name}",
        )
