"""The admin form of a partner: offers and départements as checkboxes, French messages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from home.choices import Departement

from .choices import Offer
from .models import EMAIL_MESSAGE, postcode_error, website_validator


class FicheChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("Fiche %(number)s : %(title)s") % {"number": obj.number, "title": obj.title}


class PartnerForm(WagtailAdminModelForm):
    """Adds ``offers`` and ``departements`` (stored as child rows) to the model's fields.

    The rows are set on the in-memory cluster before saving, so a draft revision carries
    them and the live partner only changes when the revision is published.
    """

    offers = forms.MultipleChoiceField(
        label=_("Ce que propose la structure"),
        choices=Offer.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    departements = forms.MultipleChoiceField(
        label=_("Départements où elle intervient"),
        choices=Departement.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez les quatre pour une structure qui couvre toute la région."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk or getattr(instance, "_cluster_related_objects", None):
            self.initial.setdefault("offers", [link.offer for link in instance.offer_links.all()])
            self.initial.setdefault("departements", [link.departement for link in instance.departement_links.all()])
        if "fiches" in self.fields:
            from fiches.models import FichePage

            fiches = FichePage.objects.order_by("path")
            if instance.locale_id:
                fiches = fiches.filter(locale_id=instance.locale_id)
            field = self.fields["fiches"]
            self.fields["fiches"] = FicheChoiceField(
                queryset=fiches,
                required=False,
                label=field.label,
                help_text=field.help_text,
                widget=forms.CheckboxSelectMultiple,
            )
        messages = {
            "email": EMAIL_MESSAGE,
            "website": website_validator.message,
        }
        for name, message in messages.items():
            if name in self.fields:
                self.fields[name].error_messages["invalid"] = message
        if "slug" in self.fields:
            self.fields["slug"].error_messages["invalid"] = _(
                "L’identifiant ne peut contenir que des lettres minuscules sans accents, des chiffres et des tirets."
            )

    def clean(self):
        cleaned_data = super().clean()
        error = postcode_error(cleaned_data.get("postcode"), cleaned_data.get("departements") or [])
        if error:
            self.add_error("postcode", error)
        return cleaned_data

    def save(self, commit=True):
        instance = self.instance
        if "offers" in self.cleaned_data:
            instance.set_offers(self.cleaned_data["offers"])
        if "departements" in self.cleaned_data:
            instance.set_departements(self.cleaned_data["departements"])
        return super().save(commit=commit)
