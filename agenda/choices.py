"""The agenda's fixed vocabularies: event status, attendance mode, recurrence."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Programmé")
    CANCELLED = "cancelled", _("Annulé")
    POSTPONED = "postponed", _("Reporté")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("Sur place")
    ONLINE = "online", _("En ligne")
    MIXED = "mixed", _("Sur place et en ligne")


class Recurrence(models.TextChoices):
    NONE = "", _("Pas de répétition")
    DAILY = "daily", _("Chaque jour")
    WEEKLY = "weekly", _("Chaque semaine, le même jour")
    MONTHLY_WEEKDAY = "monthly_weekday", _("Chaque mois, le même jour de la semaine (ex. : le 2e mardi)")
    MONTHLY_DAY = "monthly_day", _("Chaque mois, à la même date")


# Filter values in the URL (?price=…, ?mode=…).
PRICE_FREE = "gratuit"
PRICE_PAID = "payant"
MODE_ONLINE = "en-ligne"
MODE_IN_PERSON = "sur-place"
