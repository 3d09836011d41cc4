from django.core.management.base import BaseCommand

from pagecache import generation


class Command(BaseCommand):
    help = (
        "Rend périmées toutes les pages en cache, dans tous les processus (incrémente la génération "
        "du contenu). À lancer après une modification faite sans les signaux de Django (import en "
        "masse, SQL)."
    )

    def handle(self, *args, **options):
        generation.bump()
        if options["verbosity"]:
            self.stdout.write(f"Génération du contenu : {generation.current()}")
