from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArdessConfig(AppConfig):
    name = "ardess"
    verbose_name = _("ARDESS")
