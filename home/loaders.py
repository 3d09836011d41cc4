"""Loader steps of ``load_predess`` for the site, the home page and the general pages."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from .content import ContentError, body_to_stream, content_path, read_markdown, read_yaml, to_html, upsert_page
from .models import HomePage, LegalPage, SitemapPage, StandardPage

HOME_SLUG = "accueil"
GENERAL_PAGES = ["l-ess", "le-predess"]  # in menu order
LEGAL_PAGES = ["accessibilite", "mentions-legales", "donnees-personnelles"]


def ensure_locales():
    for code in ("fr", "en"):
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get(language_code="fr")


def home_figures(site_data):
    figures = site_data["key_figures"]
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
                "title": "Répartition des établissements employeurs de l’ESS en Bourgogne",
                "unit": "%",
                "series": ["Part des établissements"],
                "rows": [{"label": row["label"], "values": [row["value"]]} for row in figures["establishments_split"]],
                "source": source,
            },
        },
        {
            "type": "bar_chart",
            "value": {
                "title": "Croissance des créations d’emplois entre 2000 et 2007",
                "unit": "%",
                "series": ["Bourgogne", "France"],
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
        stream.append(
            {
                "type": "bar_chart",
                "value": {
                    "title": "Part de l’ESS dans l’emploi total",
                    "unit": "%",
                    "series": ["Part de l’emploi"],
                    "rows": [
                        {"label": "Bourgogne", "values": [share["bourgogne"]]},
                        {"label": "France", "values": [share["france"]]},
                    ],
                    "source": source,
                },
            }
        )
    return stream


@transaction.atomic
def load_home(loader):
    """The French home page, set as the root of the default Site."""
    ensure_locales()
    data = read_yaml(content_path("fr", "site.yaml"))
    home_data = data["home"]
    root = Page.get_first_root_node()
    fields = {
        "title": home_data["title"],
        "summary": data.get("tagline", ""),
        "intro": to_html(home_data["intro"]),
        "figures_intro": home_data.get("figures_intro", ""),
        "figures": home_figures(data),
    }
    home = upsert_page(root, HomePage, HOME_SLUG, fields, report=loader.report, force=loader.force)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=data["site_name"]
        )
    elif site.root_page_id != home.pk:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = data["site_name"]
        site.save()
        # Wagtail's initial "Welcome" page is replaced by the PREDESS home page.
        if placeholder.specific_class is Page and placeholder.depth == 2 and not placeholder.get_children().exists():
            placeholder.delete()
    loader.home = home.specific
    return home


def _markdown_page(name):
    meta, body = read_markdown(content_path("fr", "pages", f"{name}.md"))
    for key in ("title", "slug"):
        if not meta.get(key):
            raise ContentError(f"content/fr/pages/{name}.md : « {key} » manque dans l’en-tête.")
    return meta, body


def load_general_pages(loader):
    for name in GENERAL_PAGES:
        meta, body = _markdown_page(name)
        upsert_page(
            loader.home,
            StandardPage,
            meta["slug"],
            {
                "title": meta["title"],
                "summary": meta.get("summary", ""),
                "body": body_to_stream(body),
                "show_in_menus": True,
            },
            report=loader.report,
            force=loader.force,
        )


def load_legal_pages(loader):
    for name in LEGAL_PAGES:
        meta, body = _markdown_page(name)
        upsert_page(
            loader.home,
            LegalPage,
            meta["slug"],
            {
                "title": meta["title"],
                "summary": meta.get("summary", ""),
                "body": body_to_stream(body),
                "last_reviewed": meta.get("last_reviewed"),
            },
            report=loader.report,
            force=loader.force,
        )
    upsert_page(
        loader.home,
        SitemapPage,
        "plan-du-site",
        {"title": "Plan du site", "summary": "Toutes les pages du site, dans l’ordre de leur rubrique."},
        report=loader.report,
        force=loader.force,
    )
