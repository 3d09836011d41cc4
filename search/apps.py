from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche")

    def ready(self):
        # Each app registers its kinds of search results in its ``search_kinds.py``.
        autodiscover_modules("search_kinds")
        from . import signals  # noqa: F401
