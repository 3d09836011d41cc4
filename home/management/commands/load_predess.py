"""Build the PREDESS site from the content files in ``content/``, idempotently.

    python manage.py load_predess            # create what is missing, update what the files changed
    python manage.py load_predess --force    # also overwrite pages edited in the admin

Each step lives in the app that owns the content (``<app>.loaders``); the order below is
the order of the page tree.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from home.content import ContentError, LoadReport
from home.roles import ensure_groups, home_pages

STEPS = [
    "home.loaders.load_home",
    "home.loaders.load_general_pages",
    "fiches.loaders.load_vocabulary",
    "fiches.loaders.load_fiches",
    "partners.loaders.load_partners",
    "fiches.aid_loaders.load_dispositifs",
    "ardess.loaders.load_ardess",
    "concours.loaders.load_concours",
    "agenda.loaders.load_agenda",
    "home.loaders.load_legal_pages",
]


class Loader:
    """What the steps share: options, the report, and objects made by earlier steps."""

    def __init__(self, *, force=False, demo=False, stdout=None):
        self.force = force
        self.demo = demo
        self.stdout = stdout
        self.report = LoadReport()
        self.home = None
        self.fiches = {}


class Command(BaseCommand):
    help = "Crée ou met à jour les pages du PREDESS à partir des fichiers de content/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Écraser aussi les pages modifiées dans l’administration."
        )
        parser.add_argument(
            "--demo", action="store_true", help="Ajouter aussi le contenu d’exemple (marqué comme tel)."
        )

    def handle(self, *args, force=False, demo=False, **options):
        loader = Loader(force=force, demo=demo, stdout=self.stdout)
        try:
            for step in STEPS:
                import_string(step)(loader)
        except ContentError as exc:
            raise CommandError(str(exc)) from exc
        ensure_groups(home_pages())
        self.stdout.write(self.style.SUCCESS(f"PREDESS chargé : {loader.report.summary()}."))
