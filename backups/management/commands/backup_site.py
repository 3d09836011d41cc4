from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups import archive


class Command(BaseCommand):
    help = (
        "Sauvegarde la base de données, les médias et les fichiers privés (candidatures) dans une "
        "archive .tar.gz (dossier BACKUP_DIR, « backups/ » par défaut)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=settings.BACKUP_DIR, help="Dossier de l’archive.")

    def handle(self, *args, **options):
        try:
            path = archive.create(options["output_dir"])
        except (archive.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
