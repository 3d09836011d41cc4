"""Fixed vocabularies shared by every app (one list, one place)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Departement(models.TextChoices):
    """The four départements of Bourgogne, by their INSEE number."""

    COTE_D_OR = "21", _("Côte-d’Or (21)")
    NIEVRE = "58", _("Nièvre (58)")
    SAONE_ET_LOIRE = "71", _("Saône-et-Loire (71)")
    YONNE = "89", _("Yonne (89)")

    @classmethod
    def postcode_matches(cls, departement, postcode):
        """True when a French postcode belongs to the département (21xxx for 21…)."""
        return bool(postcode) and str(postcode).strip().startswith(str(departement))
