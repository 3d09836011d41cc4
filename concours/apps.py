from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcoursConfig(AppConfig):
    name = "concours"
    verbose_name = _("Concours de l’ESS")

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the system checks and signal handlers)
