from django import template

register = template.Library()


@register.simple_tag
def field_widget(field):
    """The field's widget, described by its help text and its errors (``aria-describedby``).

    Django adds ``aria-invalid`` itself when the field has errors.
    """
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else None
    return field.as_widget(attrs=attrs)
