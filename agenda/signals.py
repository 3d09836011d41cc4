"""Keep ``EventOccurrence`` in step with the events' dates."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import DATE_FIELDS, EventPage, store_occurrences


@receiver(post_save, sender=EventPage, dispatch_uid="agenda-store-occurrences")
def event_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not DATE_FIELDS.intersection(update_fields):
        return
    store_occurrences(instance)
