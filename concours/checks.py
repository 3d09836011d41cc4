"""System checks: the private files must never be reachable under a public URL."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


def _inside(child, parent):
    try:
        Path(child).resolve().relative_to(Path(parent).resolve())
    except ValueError:
        return False
    return True


@register()
def private_media_is_private(app_configs, **kwargs):
    private = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
    if not private:
        return [Error("PRIVATE_MEDIA_ROOT must be set.", id="concours.E001")]
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = getattr(settings, name, None)
        if public and (_inside(private, public) or _inside(public, private)):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) must be outside {name} ({public}): "
                    "the concours applications would be served publicly.",
                    id="concours.E002",
                )
            )
    return errors
