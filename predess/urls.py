from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django.views.static import serve as serve_static_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts import urls as accounts_urls
from ardess import views as ardess_views
from home.sitemaps import MultilingualSitemap
from partners import views as partner_views
from search import views as search_views


def dev_media_urlpatterns():
    """Uploaded files in development (DEBUG only), except documents: those always go
    through Wagtail's document view, which checks their collection's privacy."""
    media_prefix = settings.MEDIA_URL.lstrip("/")
    return [
        re_path(
            rf"^{media_prefix}(?!documents/)(?P<path>.*)$",
            serve_static_file,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]


urlpatterns = [
    path("", include("concours.urls")),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view, with no-store headers for private documents.
    re_path(r"^documents/(\d+)/(.*)$", ardess_views.serve_document),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    urlpatterns += dev_media_urlpatterns()

urlpatterns += i18n_patterns(
    path(_("recherche/"), search_views.search, name="search"),
    path(_("recherche/suggestions/"), search_views.suggestions, name="search_suggestions"),
    # Open-data files next to their page: /partenaires/export.csv, and a page's own
    # ``serve_data_file`` (the aid finder's /aides/export.json).
    re_path(
        r"^(?P<page_path>(?:[\w-]+/)+)export\.(?P<file_format>csv|json)$",
        partner_views.directory_export,
        name="partner_directory_export",
    ),
    path(_("espace-participants/"), ardess_views.space, name="ardess_space"),
    path("", include(accounts_urls)),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler403 = "home.views.permission_denied"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
