from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentGeneration(models.Model):
    """The site's content generation: one row, bumped whenever public content changes.

    Every cached page's key holds the generation it was rendered in, so a bump makes all
    of them unreachable at once, in every gunicorn worker, whatever the cache backend.
    """

    value = models.BigIntegerField(_("génération"), default=0)
    changed_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("génération du contenu")
        verbose_name_plural = _("générations du contenu")

    def __str__(self):
        return str(self.value)
