"""How much an aid scheme gives, written for people: one formatter for the whole site.

French typography: thousands grouped with a narrow no-break space (U+202F), and the same
space before "€" and "%": "jusqu’à 10 000 €", "de 5 000 à 30 000 €", "jusqu’à 65 % d’un
montant de 30 500 €". English: "up to €10,000", "€5,000 to €30,000", "up to 65% of
€30,500". The sentences are gettext messages (their English form is in the catalogue);
the numbers go through the site's locale-aware ``number`` filter.

The sentences below contain U+202F, written as such in the source (xgettext reads the
characters, not escapes).
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from home.templatetags.predess_tags import number


def format_money(amount):
    """``3000`` → "3 000 €" (French) or "€3,000" (English)."""
    return _("%(amount)s €") % {"amount": number(amount)}


def format_percentage(percentage):
    """``Decimal("65.00")`` → "65 %" (French) or "65%" (English)."""
    return _("%(percentage)s %%") % {"percentage": number(Decimal(percentage))}


def format_amount(amount_min=None, amount_max=None, percentage=None, percentage_base=None):
    """The amount of a scheme from its numbers, in the active language; "" when it has none.

    - a percentage: "jusqu’à 70 %", or "jusqu’à 65 % d’un montant de 30 500 €" with its base;
    - a range: "de 5 000 à 30 000 €"; the same bound twice: "3 000 €";
    - one bound: "jusqu’à 10 000 €", "à partir de 1 000 €".
    """
    if percentage is not None:
        if percentage_base is not None:
            return _("jusqu’à %(percentage)s d’un montant de %(amount)s") % {
                "percentage": format_percentage(percentage),
                "amount": format_money(percentage_base),
            }
        return _("jusqu’à %(percentage)s") % {"percentage": format_percentage(percentage)}
    if amount_min is not None and amount_max is not None:
        if amount_min == amount_max:
            return format_money(amount_max)
        return _("de %(minimum)s à %(maximum)s €") % {"minimum": number(amount_min), "maximum": number(amount_max)}
    if amount_max is not None:
        return _("jusqu’à %(amount)s") % {"amount": format_money(amount_max)}
    if amount_min is not None:
        return _("à partir de %(amount)s") % {"amount": format_money(amount_min)}
    return ""
