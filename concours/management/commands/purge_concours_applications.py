"""Delete the concours applications whose retention period is over (RGPD).

    python manage.py purge_concours_applications            # delete
    python manage.py purge_concours_applications --dry-run  # only say what would go

An application is kept ``CONCOURS_RETENTION_YEARS`` (3) years after its edition: those of
the 2026 edition until 31 December 2029. Its documents' files are deleted with it. Run
it once a year or more (e.g. from cron); it is what "Données personnelles" promises.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from concours.models import Candidature


def expired_applications(today=None):
    today = today or timezone.localdate()
    last_kept_edition = today.year - settings.CONCOURS_RETENTION_YEARS - 1
    return Candidature.objects.filter(edition__year__lte=last_kept_edition)


class Command(BaseCommand):
    help = "Supprime les candidatures au concours dont la durée de conservation est écoulée."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Afficher sans supprimer.")

    def handle(self, *args, dry_run=False, **options):
        expired = expired_applications()
        count = expired.count()
        if dry_run:
            self.stdout.write(f"{count} candidature(s) à supprimer (simulation, rien n’est supprimé).")
            return
        with transaction.atomic():
            # One by one, so that each document's file is deleted with it (post_delete).
            for candidature in expired.prefetch_related("documents"):
                candidature.delete()
        self.stdout.write(self.style.SUCCESS(f"{count} candidature(s) supprimée(s)."))
