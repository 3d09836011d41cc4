"""Synthetic partners, many and fast, for the benchmark (``bench/partners.py``) and the
tests that check query counts. Never used by the site or by ``load_predess``.

Rows are written with ``bulk_create`` (partners, offers, départements, fiche links), then
indexed for search in bulk: no revision is written, so they are live without history.
"""

import random

from django.utils import timezone
from wagtail.search.backends import get_search_backends

from home.choices import Departement

from .choices import Offer, PartnerKind
from .models import Partner, PartnerDepartement, PartnerOffer, sort_key

COMMUNES = ["Dijon", "Nevers", "Mâcon", "Auxerre", "Chalon-sur-Saône", "Beaune", "Sens", "Le Creusot", ""]
WORDS = ["économie", "solidaire", "coopérative", "insertion", "emploi", "formation", "territoire", "réseau"]


def create_sample_partners(count, *, locale, fiches=(), prefix="partenaire-exemple", seed=2009, batch_size=500):
    """Create ``count`` live partners with varied types, offers, départements and fiches."""
    rng = random.Random(seed)
    now = timezone.now()
    kinds, offers, departements = PartnerKind.values, Offer.values, Departement.values
    partners = []
    for index in range(count):
        name = f"Structure {rng.choice(WORDS)} n° {index:05d}"
        partners.append(
            Partner(
                locale=locale,
                name=name,
                sort_name=sort_key(name),
                slug=f"{prefix}-{index:05d}",
                kind=kinds[index % len(kinds)],
                commune=rng.choice(COMMUNES),
                description=f"<p>Une structure de l’{rng.choice(WORDS)} {rng.choice(WORDS)} en Bourgogne.</p>",
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    partners = Partner.objects.bulk_create(partners, batch_size=batch_size)
    offer_rows, departement_rows, fiche_rows = [], [], []
    fiche_links = Partner.fiches.through
    for partner in partners:
        for offer in rng.sample(offers, rng.randint(1, 3)):
            offer_rows.append(PartnerOffer(partner=partner, offer=offer))
        chosen = departements if rng.random() < 0.3 else rng.sample(departements, rng.randint(1, 2))
        for departement in chosen:
            departement_rows.append(PartnerDepartement(partner=partner, departement=departement))
        for fiche in rng.sample(list(fiches), min(len(fiches), rng.randint(0, 2))):
            fiche_rows.append(fiche_links(partner_id=partner.pk, fichepage_id=fiche.pk))
    PartnerOffer.objects.bulk_create(offer_rows, batch_size=batch_size)
    PartnerDepartement.objects.bulk_create(departement_rows, batch_size=batch_size)
    fiche_links.objects.bulk_create(fiche_rows, batch_size=batch_size)
    index_partners(partners)
    return partners


def index_partners(partners):
    """Add bulk-created partners to every search backend (no save signal fired for them)."""
    partners = list(Partner.objects.filter(pk__in=[p.pk for p in partners]).prefetch_related("offer_links"))
    for backend in get_search_backends():
        backend.add_bulk(Partner, partners)
