"""Purging a CDN in front of the site (``wagtail.contrib.frontend_cache``).

Wagtail purges a page's own URLs when it is published or unpublished. A page is also
shown by the pages that list it, which in this site are its ancestors (the agenda lists
its events, the directory its partners, an axis its fiches, the home page everything):
they are purged too, on publication, unpublication and move. Content that is not a page
(a partner, an aid scheme, a vocabulary term) appears in listings that no purge can
enumerate cheaply: the CDN keeps HTML for ``PAGE_CACHE_SHARED_MAX_AGE`` seconds only, which
bounds how long such a change can take to show there. The cache inside the site
(``pagecache.middleware``) is emptied at once on every change, whatever it is.
"""

from django.conf import settings
from wagtail.signals import page_published, page_unpublished, post_page_move


def cdn_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_listings_of(instance, **kwargs):
    if not cdn_configured():
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    # The page itself too: after a move its new URL, and Wagtail's own handler does not
    # listen to moves.
    batch.add_page(instance)
    batch.add_pages(instance.get_ancestors().filter(depth__gt=1).specific(defer=True))
    batch.purge()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_listings_of, dispatch_uid=f"pagecache-frontend:{id(signal)}")
