"""A mail backend that always fails, to test what happens when the SMTP server is down."""

from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connexion au serveur de courrier perdue (test).")
