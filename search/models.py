from django.db import models
from django.utils.translation import gettext_lazy as _


class QueryOutcome(models.Model):
    """How many results a search query of the public site had the last time it was made.

    Wagtail's search promotions count the queries (``Query``, ``QueryDailyHits``); this
    adds what staff need to improve the content: which queries find nothing.
    """

    query = models.OneToOneField(
        "wagtailsearchpromotions.Query",
        verbose_name=_("recherche"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="outcome",
    )
    result_count = models.PositiveIntegerField(_("nombre de résultats"))
    searched_at = models.DateTimeField(_("dernière recherche"))

    class Meta:
        verbose_name = _("résultat d’une recherche")
        verbose_name_plural = _("résultats des recherches")
        permissions = [("view_search_report", _("Peut consulter les recherches des visiteurs"))]

    def __str__(self):
        return f"{self.query_id}: {self.result_count}"
