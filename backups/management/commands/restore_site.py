from django.core.management.base import BaseCommand, CommandError

from backups import archive


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde faite par backup_site : remplace la base de données, les médias "
        "et les fichiers privés par ceux de l’archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="L’archive .tar.gz à restaurer.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        path = options["archive"]
        try:
            manifest = archive.read_manifest(path)
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(f"Archive illisible : {exc}") from exc
        if options["interactive"]:
            answer = input(
                f"La base et les médias seront remplacés par la sauvegarde du {manifest['created_at']}. "
                "Tapez « oui » pour continuer : "
            )
            if answer.strip().lower() not in ("oui", "yes"):
                raise CommandError("Restauration annulée.")
        try:
            archive.restore(path)
        except (archive.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restauré : {path} ({manifest['created_at']}).")
