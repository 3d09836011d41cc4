"""Loader steps of ``load_predess`` for the vocabularies, the axes and the fiches."""

from django.db import transaction
from wagtail.models import Locale

from home.content import ContentError, content_path, read_markdown, read_yaml, split_sections, to_html, upsert_page

from .models import Audience, AxisPage, FicheIndexPage, FichePage, Need

SECTION_HEADINGS = ["Qu’est-ce que c’est ?", "Pour quoi faire ?", "Pour qui ?", "Comment ?"]
SECTION_FIELDS = ["what_is_it", "what_for", "who_for", "how"]


def _same_heading(a, b):
    return a.replace("'", "’").strip().lower() == b.replace("'", "’").strip().lower()


def load_vocabulary(loader):
    locale = Locale.objects.get(language_code="fr")
    data = read_yaml(content_path("fr", "vocabulary.yaml"))
    for model, key in ((Audience, "audiences"), (Need, "needs")):
        for order, item in enumerate(data.get(key, [])):
            obj, created = model.objects.get_or_create(
                slug=item["slug"], locale=locale, defaults={"label": item["label"], "sort_order": order}
            )
            if not created and (obj.label != item["label"] or obj.sort_order != order) and loader.force:
                obj.label, obj.sort_order = item["label"], order
                obj.save()


def parse_fiche(path):
    """Read a fiche file and check its four sections; return (meta, {field: html})."""
    meta, body = read_markdown(path)
    sections = [(heading, text) for heading, text in split_sections(body) if heading]
    headings = [heading for heading, _ in sections]
    if len(sections) != 4 or not all(_same_heading(a, b) for a, b in zip(headings, SECTION_HEADINGS, strict=True)):
        raise ContentError(
            f"{path.name} : les sections doivent être, dans l’ordre, {', '.join(SECTION_HEADINGS)} "
            f"(trouvé : {', '.join(headings) or 'aucune'})."
        )
    values = {}
    for field_name, (heading, text) in zip(SECTION_FIELDS, sections, strict=True):
        if not text.strip():
            raise ContentError(f"{path.name} : la section « {heading} » est vide.")
        values[field_name] = to_html(text)
    return meta, values


@transaction.atomic
def load_fiches(loader):
    folder = content_path("fr", "fiches")
    locale = Locale.objects.get(language_code="fr")
    index_meta, index_body = read_markdown(folder / "index.md")
    index = upsert_page(
        loader.home,
        FicheIndexPage,
        index_meta["slug"],
        {
            "title": index_meta["title"],
            "summary": index_meta.get("summary", ""),
            "intro": to_html(index_body),
            "show_in_menus": True,
        },
        report=loader.report,
        force=loader.force,
    )
    audiences = {a.slug: a for a in Audience.objects.filter(locale=locale)}
    fiches_by_number = {}
    related_wanted = {}
    for axis_path in sorted(folder.glob("axe-*.md")):
        axis_meta, axis_body = read_markdown(axis_path)
        number = int(axis_meta["number"])
        axis = upsert_page(
            index,
            AxisPage,
            axis_meta["slug"],
            {
                "title": axis_meta["title"],
                "number": number,
                "summary": axis_meta.get("summary", ""),
                "intro": to_html(axis_body),
            },
            report=loader.report,
            force=loader.force,
        )
        for fiche_path in sorted(folder.glob(f"fiche-{number}-*.md")):
            meta, sections = parse_fiche(fiche_path)
            unknown = [slug for slug in meta.get("audiences", []) if slug not in audiences]
            if unknown:
                raise ContentError(f"{fiche_path.name} : public(s) inconnu(s) {', '.join(unknown)}.")
            fiche = upsert_page(
                axis,
                FichePage,
                meta["slug"],
                {
                    "title": meta["title"],
                    "number": str(meta["number"]),
                    "summary": meta.get("summary", ""),
                    **sections,
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
