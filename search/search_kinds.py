"""The catch-all kind: every page that no other app registered (standard pages, axes,
indexes, legal pages, the ARDESS and concours pages…)."""

from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from fiches.models import AxisPage

from .registry import OtherPagesKind, register

register(
    OtherPagesKind(
        "page",
        _("Pages"),
        _("Page"),
        order=90,
        # An axis page is in its own axis.
        axes=Cast(Subquery(AxisPage.objects.filter(pk=OuterRef("pk")).values("number")[:1]), CharField()),
    )
)
