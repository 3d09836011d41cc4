"""A deleted application document takes its private file with it."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import CandidatureDocument


@receiver(post_delete, sender=CandidatureDocument)
def delete_document_file(sender, instance, **kwargs):
    if instance.file:
        instance.file.delete(save=False)
