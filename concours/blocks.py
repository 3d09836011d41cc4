"""Blocks of the concours pages: the judging criteria and the prizes of an edition."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import BLOCK_TEMPLATES

from .choices import Category


class CriterionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Critère"), max_length=200)
    description = blocks.TextBlock(label=_("Précision"), required=False)

    class Meta:
        icon = "tick-inverse"
        group = _("Concours")
        label = _("Critère de sélection")
        template = BLOCK_TEMPLATES + "criterion_block.html"
        preview_value = {
            "title": "Représenter les valeurs de l’économie sociale et solidaire",
            "description": "",
        }
        description = _("Un critère sur lequel le jury examine les dossiers (affiché dans une liste numérotée).")


class PrizeValue(blocks.StructValue):
    @property
    def category_label(self):
        category = self.get("category")
        return Category(category).label if category in Category.values else ""


class PrizeBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Nom du prix"), max_length=200)
    category = blocks.ChoiceBlock(
        label=_("Catégorie"), choices=Category.choices, required=False, help_text=_("Vide : toutes catégories.")
    )
    amount = blocks.DecimalBlock(
        label=_("Montant (€)"), required=False, min_value=0, decimal_places=2, help_text=_("Vide : non précisé.")
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "pick"
        group = _("Concours")
        label = _("Prix")
        value_class = PrizeValue
        template = BLOCK_TEMPLATES + "prize_block.html"
        preview_value = {
            "title": "Prix de la réalisation",
            "category": Category.REALISATION,
            "amount": None,
            "description": "Récompense une initiative déjà mise en place ou en cours.",
        }
        description = _("Un prix décerné par le jury, avec sa catégorie et, s’il est connu, son montant.")
