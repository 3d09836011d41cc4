"""Create the local administrator account once; never with a fixed password.

The password comes from ``DJANGO_SUPERUSER_PASSWORD`` or is generated and printed once.
When a superuser already exists, nothing changes.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Crée le compte d’administration local s’il n’existe pas encore."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin"))
        parser.add_argument("--email", default=os.environ.get("DJANGO_SUPERUSER_EMAIL", "admin@example.org"))

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            names = ", ".join(User.objects.filter(is_superuser=True).values_list("username", flat=True)[:3])
            self.stdout.write(
                f"Compte d’administration existant : {names} "
                "(mot de passe affiché au premier lancement, ou DJANGO_SUPERUSER_PASSWORD)."
            )
            return
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Compte d’administration créé : identifiant « {username} »"))
        if generated:
            self.stdout.write(self.style.WARNING(f"Mot de passe (affiché une seule fois, notez-le) : {password}"))
        else:
            self.stdout.write("Mot de passe : celui de DJANGO_SUPERUSER_PASSWORD.")
