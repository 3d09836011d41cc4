"""StreamField blocks shared by the site's pages.

Every block has a template under ``templates/components/streamfield/blocks/``, an icon,
a group and a preview value, so the editor's block picker and previews are useful.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

BLOCK_TEMPLATES = "components/streamfield/blocks/"
RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Texte du titre"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Titre de section (h2)")), ("h3", _("Sous-titre (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        group = _("Texte")
        label = _("Titre")
        template = BLOCK_TEMPLATES + "heading_block.html"
        preview_value = {"text": "L’ESS en Bourgogne", "level": "h2"}
        description = _("Un titre de section ; respectez l’ordre des niveaux.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        group = _("Texte")
        label = _("Paragraphe")
        template = BLOCK_TEMPLATES + "paragraph_block.html"
        preview_value = "<p>L’économie sociale et solidaire regroupe des personnes, et non des capitaux.</p>"
        description = _("Texte courant avec listes et liens.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citation"))
    attribution = blocks.CharBlock(label=_("Source"), required=False)

    class Meta:
        icon = "openquote"
        group = _("Texte")
        label = _("Citation")
        template = BLOCK_TEMPLATES + "quote_block.html"
        preview_value = {"text": "Une personne, une voix.", "attribution": "PREDESS, 2009"}
        description = _("Une citation mise en valeur, avec sa source.")


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("Valeur"), decimal_places=2)
    unit = blocks.CharBlock(label=_("Unité"), required=False, max_length=20)
    label = blocks.CharBlock(label=_("Libellé"), max_length=120)
    detail = blocks.CharBlock(label=_("Précision"), required=False, max_length=250)

    class Meta:
        icon = "decimal"
        label = _("Chiffre")


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), required=False, max_length=200)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("Chiffres"), min_num=1)
    source = blocks.CharBlock(label=_("Source"), max_length=250)

    class Meta:
        icon = "table"
        group = _("Données")
        label = _("Chiffres clés")
        template = BLOCK_TEMPLATES + "key_figures_block.html"
        preview_value = {
            "title": "L’ESS en Bourgogne",
            "figures": [{"value": "57560", "unit": "", "label": "emplois", "detail": ""}],
            "source": "Recherche et solidarité, 2007",
        }
        description = _("Des chiffres avec leur libellé et leur source (du texte, pas une image).")


class ChartValue(blocks.StructValue):
    """Derived geometry for the inline SVG bar chart, so the template stays simple.

    Each row is drawn as its label on one line and its bars (one per series) below it,
    across the full width, so the text stays legible when the chart shrinks on a phone.
    """

    WIDTH = 600
    LABEL_HEIGHT = 34
    BAR_HEIGHT = 30
    BAR_GAP = 6
    ROW_GAP = 14
    BAR_SPACE = 0.72  # share of the width for the longest bar; the rest holds its value

    def max_value(self):
        values = [float(v) for row in self["rows"] for v in row["values"]]
        return max(values) if values else 0

    def bars(self):
        """One entry per row: its label position and one bar per series with its geometry."""
        top = self.max_value() or 1
        series = list(self["series"])
        y = 0
        rows = []
        for row in self["rows"]:
            label_y = y + 24
            y += self.LABEL_HEIGHT
            bars = []
            for index, value in enumerate(row["values"]):
                width = max(round(float(value) / top * self.WIDTH * self.BAR_SPACE, 1), 2)
                bars.append(
                    {
                        "series": series[index] if index < len(series) else "",
                        "series_index": index,
                        "value": value,
                        "width": width,
                        "y": y,
                        "text_y": y + 22,
                        "value_x": width + 8,
                    }
                )
                y += self.BAR_HEIGHT + self.BAR_GAP
            rows.append({"label": row["label"], "label_y": label_y, "bars": bars})
            y += self.ROW_GAP
        return rows

    def height(self):
        count = sum(len(row["values"]) for row in self["rows"])
        rows = len(self["rows"])
        return rows * (self.LABEL_HEIGHT + self.ROW_GAP) + count * (self.BAR_HEIGHT + self.BAR_GAP)


class ChartRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Libellé"), max_length=120)
    values = blocks.ListBlock(blocks.FloatBlock(label=_("Valeur")), label=_("Valeurs"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Ligne")


class BarChartBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"), max_length=200)
    unit = blocks.CharBlock(label=_("Unité"), required=False, max_length=20)
    series = blocks.ListBlock(
        blocks.CharBlock(label=_("Série")),
        label=_("Séries"),
        min_num=1,
        help_text=_("Une valeur par série et par ligne (par exemple Bourgogne, France)."),
    )
    rows = blocks.ListBlock(ChartRowBlock(), label=_("Lignes"), min_num=1)
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        expected = len(value["series"])
        for row in value["rows"]:
            if len(row["values"]) != expected:
                raise StructBlockValidationError(
                    block_errors={
                        "rows": ValidationError(
                            _("La ligne « %(label)s » a %(count)s valeur(s) pour %(expected)s série(s).")
                            % {"label": row["label"], "count": len(row["values"]), "expected": expected}
                        )
                    }
                )
        return value

    class Meta:
        icon = "table"
        group = _("Données")
        label = _("Graphique en barres")
        template = BLOCK_TEMPLATES + "bar_chart_block.html"
        value_class = ChartValue
        preview_value = {
            "title": "Répartition des établissements",
            "unit": "%",
            "series": ["Bourgogne"],
            "rows": [
                {"label": "Associations", "values": [80.1]},
                {"label": "Coopératives", "values": [14.4]},
            ],
            "source": "Recherche et solidarité, 2007",
        }
        description = _("Un graphique accessible, accompagné du tableau de ses données.")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Texte du lien"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page du site"), required=False)
    url = blocks.URLBlock(label=_("Ou adresse externe"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choisissez une page du site ou une adresse, pas les deux."))}
            )
        return value

    class Meta:
        icon = "link"
        group = _("Liens")
        label = _("Bouton d’action")
        template = BLOCK_TEMPLATES + "call_to_action_block.html"
        preview_value = {"text": "Découvrir les fiches", "url": "https://example.org/"}
        description = _("Un lien mis en avant vers une page ou un site.")


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Question ou titre"), max_length=200)
    content = ParagraphBlock(label=_("Contenu"))

    class Meta:
        icon = "collapse-down"
        label = _("Élément")


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Éléments"), min_num=1)

    class Meta:
        icon = "list-ul"
        group = _("Texte")
        label = _("Accordéon")
        template = BLOCK_TEMPLATES + "accordion_block.html"
        preview_value = {"items": [{"title": "Qu’est-ce qu’une SCOP ?", "content": "<p>Une société coopérative.</p>"}]}
        description = _("Des sections repliables (questions fréquentes).")


class AccessibleImageBlock(ImageBlock):
    """Wagtail's ImageBlock: contextual alt text, required unless marked decorative."""

    class Meta:
        group = _("Médias")
        label = _("Image")
        template = BLOCK_TEMPLATES + "image_block.html"
        description = _("Une image avec son texte alternatif.")


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    bar_chart = BarChartBlock()
    image = AccessibleImageBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()

    class Meta:
        block_counts = {}
