"""Checks on what applicants type: SIRET, postcode, phone number, and the duplicate key."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share the SIREN 356 000 000; their SIRET numbers do not follow
# the Luhn key but the sum of their 14 digits is a multiple of 5 (INSEE rule).
LA_POSTE_SIREN = "356000000"


def normalize_siret(value):
    """The SIRET without the spaces, dots or dashes people type between the digit groups."""
    return re.sub(r"[\s.\-\u00a0\u202f]", "", str(value or ""))


def luhn_is_valid(digits):
    """The Luhn key (mod 10) that INSEE uses for SIREN and SIRET numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siret_is_valid(siret):
    if not re.fullmatch(r"\d{14}", siret or ""):
        return False
    if siret.startswith(LA_POSTE_SIREN):
        return luhn_is_valid(siret) or sum(int(c) for c in siret) % 5 == 0
    return luhn_is_valid(siret)


def validate_siret(value):
    siret = normalize_siret(value)
    if not re.fullmatch(r"\d{14}", siret):
        raise ValidationError(
            _("Le numéro SIRET comporte 14 chiffres (9 pour le SIREN, puis 5 pour l’établissement)."),
            code="siret_format",
        )
    if not siret_is_valid(siret):
        raise ValidationError(
            _(
                "Ce numéro SIRET n’existe pas : sa clé de contrôle ne correspond pas. "
                "Vérifiez-le sur l’avis de situation au répertoire SIRENE de la structure."
            ),
            code="siret_key",
        )


def validate_postcode(value):
    if not re.fullmatch(r"\d{5}", str(value or "").strip()):
        raise ValidationError(_("Le code postal comporte 5 chiffres, par exemple 21000."), code="postcode")


PHONE_RE = re.compile(r"^(?:\+33\s?\(?0?\)?\s?|0)[1-9](?:[\s.\-]?\d{2}){4}$")


def validate_phone(value):
    if not PHONE_RE.match(str(value or "").strip()):
        raise ValidationError(
            _("Indiquez un numéro de téléphone français à 10 chiffres, par exemple 06 12 34 56 78."),
            code="phone",
        )


def comparable_title(title):
    """A project title reduced for the duplicate check: case, spacing and apostrophes ignored."""
    text = unicodedata.normalize("NFKC", str(title or ""))
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    return " ".join(text.casefold().split())
