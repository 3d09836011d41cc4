"""sitemap.xml for every language, with hreflang alternates between translations."""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.i18n import language_code_of


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists the French tree only; this one lists every language's tree
    (the translations of the site's root page) and links each page to its translations."""

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        in_trees = Q()
        for root in roots:
            in_trees |= Q(path__startswith=root.path)
        return Page.objects.live().public().filter(in_trees).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        pages = list(self.paginator.page(page).object_list)
        by_key = defaultdict(list)
        for item in pages:
            by_key[item.translation_key].append(item)
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                translations = by_key[item.translation_key]
                # A page listing its own sub-routes (a scheme of /aides/) gives their alternates.
                if len(translations) > 1 and "alternates" not in url_info:
                    url_info["alternates"] = [
                        {"lang_code": language_code_of(t.locale_id), "location": t.get_full_url(self.request)}
                        for t in translations
                    ]
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
