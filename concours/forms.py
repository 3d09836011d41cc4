"""The application form: what an ESS structure files, checked field by field, in French."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.choices import Departement

from .choices import DocumentKind
from .documents import ACCEPT_ATTRIBUTE, detect_document_type, format_size
from .models import Candidature
from .validators import comparable_title, normalize_siret, validate_phone, validate_postcode, validate_siret

TEXT_MAX_LENGTH = 2000
HONEYPOT_FIELD = "website"
HONEYPOT_CODE = "honeypot"
DUPLICATE_CODE = "duplicate"


class EuroAmountField(forms.DecimalField):
    """An amount in euros typed the French way: "12 500,50", "12500.50 €"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        self.error_messages.update(
            {
                "invalid": _("Indiquez un montant en euros, en chiffres, par exemple 12 500 ou 12 500,50."),
                "min_value": _("Le montant ne peut pas être négatif."),
                "max_digits": _("Ce montant est trop élevé."),
                "max_whole_digits": _("Ce montant est trop élevé."),
                "max_decimal_places": _("Indiquez au plus deux chiffres après la virgule (les centimes)."),
            }
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f€]", "", value).replace(",", ".")
        if value in self.empty_values:
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def widget_attrs(self, widget):
        # A text input (French decimal comma), not <input type=number>: no min/step attributes.
        return {}


def check_document(uploaded):
    """Refuse a file above the size limit or that is not really a PDF, ODT or DOCX."""
    limit = settings.CONCOURS_MAX_FILE_SIZE
    if uploaded.size > limit:
        raise ValidationError(
            _("« %(name)s » pèse %(size)s : chaque document doit peser %(limit)s au plus."),
            code="file_too_large",
            params={"name": uploaded.name, "size": format_size(uploaded.size), "limit": format_size(limit)},
        )
    document_type = detect_document_type(uploaded)
    if document_type is None:
        raise ValidationError(
            _(
                "« %(name)s » n’est pas un document PDF, ODT ou DOCX : seuls ces formats sont acceptés, "
                "et c’est le contenu du fichier qui est vérifié, pas son nom. Enregistrez-le dans l’un de ces "
                "formats depuis votre traitement de texte."
            ),
            code="file_type",
            params={"name": uploaded.name},
        )
    uploaded.document_type = document_type
    return uploaded


class DocumentField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
        super().__init__(**kwargs)
        self.error_messages["empty"] = _("Le fichier envoyé est vide.")

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        return check_document(uploaded) if uploaded else uploaded


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AnnexesField(DocumentField):
    """Up to ``CONCOURS_MAX_ANNEXES`` documents in one file input (``multiple``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE, "multiple": True}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        maximum = settings.CONCOURS_MAX_ANNEXES
        if len(files) > maximum:
            raise ValidationError(
                ngettext(
                    "Vous pouvez joindre %(max)d annexe au plus (vous en avez choisi %(count)d).",
                    "Vous pouvez joindre %(max)d annexes au plus (vous en avez choisi %(count)d).",
                    maximum,
                ),
                code="too_many_annexes",
                params={"max": maximum, "count": len(files)},
            )
        cleaned, errors = [], []
        for uploaded in files:
            try:
                cleaned.append(super().clean(uploaded, initial))
            except ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)
        return cleaned


def required(message):
    return {"required": message}


class CandidatureForm(forms.ModelForm):
    """One page, in five groups (structure, contact, project, budget, documents)."""

    FIELDSETS = (
        (
            _("La structure"),
            ["structure_name", "legal_form", "siret", "address", "postcode", "commune", "departement"],
        ),
        (_("La personne à contacter"), ["contact_first_name", "contact_last_name", "email", "phone"]),
        (_("Le projet"), ["category", "project_title", "summary", "objective"]),
        (_("Le budget du projet"), ["total_budget", "amount_requested", "own_funds"]),
        (_("Les documents"), ["fiche_signaletique", "dossier_presentation", "annexes"]),
    )
    # Shorter names than the labels, for the error summary.
    SUMMARY_LABELS = {"consent": _("Consentement")}
    DOCUMENT_FIELDS = {
        "fiche_signaletique": DocumentKind.FICHE_SIGNALETIQUE,
        "dossier_presentation": DocumentKind.DOSSIER_PRESENTATION,
        "annexes": DocumentKind.ANNEXE,
    }

    structure_name = forms.CharField(
        label=_("Nom de la structure"),
        max_length=200,
        error_messages=required(_("Indiquez le nom de la structure.")),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    siret = forms.CharField(
        label=_("Numéro SIRET"),
        max_length=20,
        help_text=_("14 chiffres, sur l’avis de situation au répertoire SIRENE. Les espaces sont acceptés."),
        error_messages=required(_("Indiquez le numéro SIRET de la structure.")),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    postcode = forms.CharField(
        label=_("Code postal"),
        max_length=5,
        error_messages=required(_("Indiquez le code postal.")),
        validators=[validate_postcode],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    phone = forms.CharField(
        label=_("Téléphone"),
        max_length=30,
        help_text=_("Par exemple 06 12 34 56 78."),
        error_messages=required(_("Indiquez un numéro de téléphone.")),
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    total_budget = EuroAmountField(
        label=_("Budget total du projet (en euros)"),
        help_text=_("En chiffres, par exemple 25 000 ou 12 500,50."),
        error_messages=required(_("Indiquez le budget total du projet.")),
    )
    amount_requested = EuroAmountField(
        label=_("Montant demandé à la Région (en euros)"),
        help_text=_("Indiquez 0 si vous ne demandez pas de financement."),
        error_messages=required(_("Indiquez le montant demandé (0 si aucun).")),
    )
    own_funds = EuroAmountField(
        label=_("Fonds propres engagés dans le projet (en euros)"),
        help_text=_("Indiquez 0 s’il n’y en a pas."),
        error_messages=required(_("Indiquez le montant des fonds propres (0 si aucun).")),
    )
    fiche_signaletique = DocumentField(
        label=_("Fiche signalétique de la structure"),
        help_text=_("PDF, ODT ou DOCX, %(limit)s au plus."),
        error_messages=required(_("Joignez la fiche signalétique de la structure.")),
    )
    dossier_presentation = DocumentField(
        label=_("Dossier de présentation du projet"),
        help_text=_("PDF, ODT ou DOCX, %(limit)s au plus."),
        error_messages=required(_("Joignez le dossier de présentation du projet.")),
    )
    annexes = AnnexesField(
        label=_("Annexes"),
        help_text=_(
            "%(count)s documents au plus (PDF, ODT ou DOCX, %(limit)s au plus chacun) : "
            "budget détaillé, statuts, articles de presse… Vous pouvez en choisir plusieurs à la fois."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "J’accepte que les informations et les documents de ce dossier soient traités par le Conseil "
            "régional de Bourgogne pour l’organisation du concours."
        ),
        help_text=_(
            "Ces données servent uniquement à instruire votre candidature et à vous informer du résultat. "
            "Elles sont conservées 3 ans après l’édition du concours, puis supprimées."
        ),
        error_messages=required(
            _(
                "Cochez la case pour accepter le traitement de vos données : "
                "sans elle, le dossier ne peut pas être instruit."
            )
        ),
    )
    # Honeypot: hidden from people and screen readers; robots fill it in.
    website = forms.CharField(label=_("Ne remplissez pas ce champ"), required=False)

    class Meta:
        model = Candidature
        fields = [
            "structure_name",
            "legal_form",
            "siret",
            "address",
            "postcode",
            "commune",
            "departement",
            "contact_first_name",
            "contact_last_name",
            "email",
            "phone",
            "category",
            "project_title",
            "summary",
            "objective",
            "total_budget",
            "amount_requested",
            "own_funds",
            "consent",
        ]
        labels = {
            "legal_form": _("Forme juridique"),
            "address": _("Adresse"),
            "commune": _("Commune"),
            "departement": _("Département"),
            "contact_first_name": _("Prénom"),
            "contact_last_name": _("Nom"),
            "email": _("Adresse électronique"),
            "category": _("Catégorie"),
            "project_title": _("Titre du projet"),
            "summary": _("Résumé du projet"),
            "objective": _("Objectif visé"),
        }
        help_texts = {
            "address": _("Numéro et voie du siège de la structure."),
            "departement": _("Le concours est ouvert aux structures de Bourgogne."),
            "email": _("Le récépissé de votre dossier, avec sa référence, y est envoyé."),
            "summary": _("Ce que fait le projet, pour qui, où, en quelques phrases (2 000 caractères au plus)."),
            "objective": _(
                "L’objectif clairement identifié que le projet cherche à atteindre (2 000 caractères au plus)."
            ),
        }
        error_messages = {
            "legal_form": required(_("Choisissez la forme juridique de la structure.")),
            "address": required(_("Indiquez l’adresse de la structure.")),
            "commune": required(_("Indiquez la commune.")),
            "departement": required(_("Choisissez le département.")),
            "contact_first_name": required(_("Indiquez le prénom de la personne à contacter.")),
            "contact_last_name": required(_("Indiquez le nom de la personne à contacter.")),
            "email": {
                "required": _("Indiquez une adresse électronique."),
                "invalid": _("Indiquez une adresse électronique valide, par exemple nom@exemple.fr."),
            },
            "category": required(_("Choisissez la catégorie du dossier.")),
            "project_title": required(_("Indiquez le titre du projet.")),
            "summary": required(_("Résumez le projet en quelques phrases.")),
            "objective": required(_("Indiquez l’objectif visé par le projet.")),
        }
        widgets = {
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "commune": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "contact_first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "contact_last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "category": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
            "objective": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }

    def __init__(self, *args, edition, **kwargs):
        kwargs.setdefault("instance", Candidature(edition=edition))
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.fields["category"].choices = [(value, label) for value, label, _description in edition.categories]
        self.fields["legal_form"].choices = [("", _("Choisissez une forme juridique"))] + list(
            self.fields["legal_form"].choices
        )[1:]
        self.fields["departement"].choices = [("", _("Choisissez un département"))] + list(Departement.choices)
        limit = format_size(settings.CONCOURS_MAX_FILE_SIZE)
        for name in ("fiche_signaletique", "dossier_presentation", "annexes"):
            field = self.fields[name]
            field.help_text = field.help_text % {"limit": limit, "count": settings.CONCOURS_MAX_ANNEXES}
        for name in ("summary", "objective"):
            self.fields[name].max_length = TEXT_MAX_LENGTH
            self.fields[name].validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))

    def clean_siret(self):
        siret = normalize_siret(self.cleaned_data["siret"])
        validate_siret(siret)
        return siret

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            self.add_error(
                None,
                ValidationError(
                    _(
                        "Le champ caché « Ne remplissez pas ce champ », destiné à arrêter les robots, a été "
                        "rempli : le dossier n’a pas été enregistré. Si vous n’êtes pas un robot, videz ce "
                        "champ (ou désactivez le remplissage automatique) et envoyez le formulaire à nouveau."
                    ),
                    code=HONEYPOT_CODE,
                ),
            )
        departement, postcode = cleaned_data.get("departement"), cleaned_data.get("postcode")
        if departement and postcode and not Departement.postcode_matches(departement, postcode):
            self.add_error(
                "postcode",
                ValidationError(
                    _("Le code postal %(postcode)s n’est pas dans le département choisi, %(departement)s."),
                    code="postcode_departement",
                    params={"postcode": postcode, "departement": Departement(departement).label},
                ),
            )
        total = cleaned_data.get("total_budget")
        if total is not None:
            for name, message in (
                ("amount_requested", _("Le montant demandé ne peut pas dépasser le budget total du projet.")),
                ("own_funds", _("Les fonds propres ne peuvent pas dépasser le budget total du projet.")),
            ):
                value = cleaned_data.get(name)
                if value is not None and value > total:
                    self.add_error(name, ValidationError(message, code="above_budget"))
        siret, title = cleaned_data.get("siret"), cleaned_data.get("project_title")
        if siret and title and self.is_duplicate(siret, title):
            self.add_duplicate_error()
        return cleaned_data

    def is_duplicate(self, siret, title):
        return Candidature.objects.filter(
            edition=self.edition, siret=siret, project_title_key=comparable_title(title)
        ).exists()

    def add_duplicate_error(self):
        self.add_error(
            "project_title",
            ValidationError(
                _(
                    "Un dossier portant ce titre de projet a déjà été déposé pour ce numéro SIRET dans "
                    "l’édition %(year)s : un projet ne peut concourir qu’une fois par édition. Pour compléter "
                    "ou corriger ce dossier, prenez contact avec l’équipe du concours en rappelant la "
                    "référence indiquée dans le courriel de récépissé."
                ),
                code=DUPLICATE_CODE,
                params={"year": self.edition.year},
            ),
        )

    def add_oversized_errors(self, oversized):
        """Files dropped on arrival because they exceeded FILE_UPLOAD_HARD_LIMIT."""
        for field_name, file_name in oversized:
            if field_name not in self.DOCUMENT_FIELDS:
                continue
            if field_name in self.errors:
                del self.errors[field_name]
            self.add_error(
                field_name,
                ValidationError(
                    _("« %(name)s » est bien trop volumineux : chaque document doit peser %(limit)s au plus."),
                    code="file_too_large",
                    params={"name": file_name, "limit": format_size(settings.CONCOURS_MAX_FILE_SIZE)},
                ),
            )

    @property
    def is_spam(self):
        return self.has_error(NON_FIELD_ERRORS, HONEYPOT_CODE)

    # Rendering helpers ---------------------------------------------------------------

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def error_summary(self):
        """[(anchor or None, label, message)…] in the order of the page."""
        items = []
        for message in self.errors.get(NON_FIELD_ERRORS, []):
            items.append((None, "", message))
        for name in self.fields:
            if name not in self.errors:
                continue
            bound = self[name]
            label = self.SUMMARY_LABELS.get(name, bound.label)
            anchor = bound.id_for_label
            if isinstance(bound.field.widget, forms.RadioSelect):
                anchor = f"{bound.auto_id}_0"
            for message in self.errors[name]:
                items.append((anchor, label, message))
        return items

    @property
    def category_options(self):
        """(radio, description of the category this year) for the category field."""
        descriptions = [description for _value, _label, description in self.edition.categories]
        return list(zip(self["category"], descriptions, strict=False))

    @property
    def had_files(self):
        return bool(self.files)

    def documents(self):
        """(kind, uploaded file) for every document, in order."""
        for name, kind in self.DOCUMENT_FIELDS.items():
            value = self.cleaned_data.get(name)
            for uploaded in value if isinstance(value, list) else [value]:
                if uploaded:
                    yield kind, uploaded
