from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partenaires")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Partner, forget_partner_locales

        post_save.connect(forget_partner_locales, sender=Partner, dispatch_uid="partners_locales_save")
        post_delete.connect(forget_partner_locales, sender=Partner, dispatch_uid="partners_locales_delete")
