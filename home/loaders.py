"""Loader steps of ``load_predess`` for the site, the home page and the general pages.

Each ``*_fields(language)`` function turns a content file of one language into page field
values; the French values create the pages, the English ones their translations.
"""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from .content import (
    ContentError,
    MissingContentFile,
    body_to_stream,
    content_path,
    has_language,
    read_markdown,
    read_yaml,
    to_html,
    upsert_page,
    with_block_ids,
)
from .models import HomePage, LegalPage, SitemapPage, StandardPage
from .translation import translate

HOME_SLUG = "accueil"
GENERAL_PAGES = ["l-ess", "le-predess"]  # in menu order
LEGAL_PAGES = ["accessibilite", "mentions-legales", "donnees-personnelles"]


def ensure_locales():
    for code in ("fr", "en"):
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get(language_code="fr")


def home_figures(site_data):
    figures = site_data["key_figures"]
    charts = site_data["charts"]
    source = figures["source"]
    stream = [
        {
            "type": "key_figures",
            "value": {
                "title": "",
                "figures": [
                    {
                        "value": str(item["value"]),
                        "unit": item.get("unit") or "",
                        "label": item["label"],
                        "detail": item.get("detail") or "",
                    }
                    for item in figures["items"]
                ],
                "source": source,
            },
        },
        {
            "type": "bar_chart",
            "value": {
                "title": charts["establishments"]["title"],
                "unit": "%",
                "series": [charts["establishments"]["series"]],
                "rows": [{"label": row["label"], "values": [row["value"]]} for row in figures["establishments_split"]],
                "source": source,
            },
        },
        {
            "type": "bar_chart",
            "value": {
                "title": charts["job_growth"]["title"],
                "unit": "%",
                "series": list(charts["job_growth"]["series"]),
                "rows": [
                    {"label": row["label"], "values": [row["bourgogne"], row["france"]]}
                    for row in figures["job_growth"]
                ],
                "source": source,
            },
        },
    ]
    share = figures.get("employment_share")
    if share:
        chart = charts["employment_share"]
        stream.append(
            {
                "type": "bar_chart",
                "value": {
                    "title": chart["title"],
                    "unit": "%",
                    "series": [chart["series"]],
                    "rows": [
                        {"label": chart["rows"][0], "values": [share["bourgogne"]]},
                        {"label": chart["rows"][1], "values": [share["france"]]},
                    ],
                    "source": source,
                },
            }
        )
    return stream


def home_fields(language):
    data = read_yaml(content_path(language, "site.yaml"))
    home = data["home"]
    return {
        "title": home["title"],
        "slug": home.get("slug", HOME_SLUG),
        "summary": data.get("tagline", ""),
        "intro": to_html(home["intro"]),
        "figures_intro": home.get("figures_intro", ""),
        "figures": home_figures(data),
    }


def markdown_page_fields(language, name, *, with_body=True):
    meta, body = read_markdown(content_path(language, "pages", f"{name}.md"))
    for key in ("title", "slug"):
        if not meta.get(key):
            raise ContentError(f"content/{language}/pages/{name}.md : « {key} » manque dans l’en-tête.")
    fields = {"title": meta["title"], "slug": meta["slug"], "summary": meta.get("summary", "")}
    if with_body:
        fields["body"] = body_to_stream(body)
    return fields, meta


def sitemap_fields(language):
    data = read_yaml(content_path(language, "site.yaml"))["sitemap_page"]
    return {"title": data["title"], "slug": data["slug"], "summary": data.get("summary", "")}


def translate_from_file(loader, page, model, fields_for_language, label):
    """Translate ``page`` into English from the English content file, when there is one."""
    if not has_language("en"):
        return None
    try:
        english_fields = fields_for_language("en")
    except MissingContentFile:
        loader.report.untranslated.append(label)
        return None
    english = model(**{k: with_block_ids(model, k, v) for k, v in english_fields.items() if k != "tags"})
    return translate(page, english, report=loader.report, force=loader.force, label=label)


def _upsert(loader, parent, model, fields, **extra):
    fields = dict(fields)
    slug = fields.pop("slug")
    return upsert_page(parent, model, slug, {**fields, **extra}, report=loader.report, force=loader.force)


def load_home(loader):
    """The French home page, set as the root of the default Site, and its translation."""
    ensure_locales()
    site_name = read_yaml(content_path("fr", "site.yaml"))["site_name"]
    root = Page.get_first_root_node()
    home = _upsert(loader, root, HomePage, home_fields("fr"))

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=site_name
        )
    elif site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = site_name
        site.save()
        # Wagtail's initial "Welcome" page is replaced by the PREDESS home page.
        if placeholder.specific_class is Page and placeholder.depth == 2 and not placeholder.get_children().exists():
            placeholder.delete()
    hostname, port = settings.SITE_HOSTNAME, settings.SITE_PORT
    if hostname and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    loader.home = home.specific
    translate_from_file(loader, loader.home, HomePage, home_fields, "site.yaml")
    return home


def load_general_pages(loader):
    for name in GENERAL_PAGES:
        fields, _ = markdown_page_fields("fr", name)
        page = _upsert(loader, loader.home, StandardPage, fields, show_in_menus=True)
        translate_from_file(
            loader, page, StandardPage, lambda lang, n=name: markdown_page_fields(lang, n)[0], f"pages/{name}.md"
        )


def load_legal_pages(loader):
    for name in LEGAL_PAGES:
        fields, meta = markdown_page_fields("fr", name)
        page = _upsert(loader, loader.home, LegalPage, fields, last_reviewed=meta.get("last_reviewed"))
        translate_from_file(
            loader, page, LegalPage, lambda lang, n=name: markdown_page_fields(lang, n)[0], f"pages/{name}.md"
        )
    page = _upsert(loader, loader.home, SitemapPage, sitemap_fields("fr"))
    translate_from_file(loader, page, SitemapPage, sitemap_fields, "site.yaml (plan du site)")
