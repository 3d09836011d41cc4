"""Reading the content files of ``content/`` and writing them into Wagtail, idempotently.

The plan's text lives in Markdown and YAML files that a non-developer can correct; this
module turns them into page field values. Nothing here reads outside the repository.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.fields import StreamField

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
MARKDOWN_EXTENSIONS = ["sane_lists"]


class ContentError(ImproperlyConfigured):
    """A content file is missing, malformed or incomplete; the message names it."""


class MissingContentFile(ContentError):
    """A content file does not exist (an English translation not written yet, say)."""


def content_path(language, *parts):
    return CONTENT_DIR / language / Path(*parts)


def has_language(language):
    """True when content files exist for ``language`` (English may be added later)."""
    return (CONTENT_DIR / language / "site.yaml").exists()


def read_yaml(path):
    path = Path(path)
    if not path.exists():
        raise MissingContentFile(f"Fichier de contenu introuvable : {path}")
    with path.open(encoding="utf-8") as handle:
        try:
            return yaml.safe_load(handle) or {}
        except yaml.YAMLError as exc:
            raise ContentError(f"{path} n’est pas un YAML valide : {exc}") from exc


def read_markdown(path):
    """Return (front matter dict, Markdown body) of a file with a ``---`` YAML header."""
    path = Path(path)
    if not path.exists():
        raise MissingContentFile(f"Fichier de contenu introuvable : {path}")
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise ContentError(f"{path} doit commencer par un en-tête YAML entre deux lignes « --- ».")
    try:
        _, header, body = text.split("---", 2)
    except ValueError as exc:
        raise ContentError(f"{path} : l’en-tête YAML n’est pas fermé par « --- ».") from exc
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        raise ContentError(f"{path} : en-tête YAML invalide : {exc}") from exc
    return meta, body.strip()


def to_html(markdown_text):
    """Markdown to the HTML that Wagtail's rich text stores (paragraphs, lists, h3, links)."""
    return markdown.markdown((markdown_text or "").strip(), extensions=MARKDOWN_EXTENSIONS)


def split_sections(body, level=2):
    """Split Markdown on headings of ``level``: [(heading, text), …]; text before the first
    heading comes first with an empty heading."""
    marker = "#" * level + " "
    sections = []
    heading, lines = "", []
    for line in body.splitlines():
        if line.startswith(marker):
            if heading or "".join(lines).strip():
                sections.append((heading, "\n".join(lines).strip()))
            heading, lines = line[len(marker) :].strip(), []
        else:
            lines.append(line)
    if heading or "".join(lines).strip():
        sections.append((heading, "\n".join(lines).strip()))
    return sections


def body_to_stream(body):
    """Markdown body of a standard page to StreamField data: h2 headings and paragraphs."""
    stream = []
    for heading, text in split_sections(body):
        if heading:
            stream.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
        if text:
            stream.append({"type": "paragraph", "value": to_html(text)})
    return stream


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    kept: list = field(default_factory=list)
    untranslated: list = field(default_factory=list)

    def summary(self):
        return (
            f"{len(self.created)} créé(s), {len(self.updated)} mis à jour, "
            f"{len(self.kept)} laissé(s) tel(s) quel(s) (modifié(s) dans l’administration)"
            + (f", {len(self.untranslated)} sans traduction anglaise" if self.untranslated else "")
        )


def was_edited_by_someone(page):
    """True when a person (not the loader) saved a revision of the page."""
    return page.revisions.exclude(user=None).exists()


def fingerprint(fields):
    """A stable digest of the values the loader writes, to skip unchanged pages."""
    payload = json.dumps(fields, sort_keys=True, default=_json_default, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _json_default(value):
    if hasattr(value, "pk") and value.pk is None and hasattr(value, "_meta"):
        # An unsaved inline child (an Orderable of an InlinePanel): its own values.
        return {
            f.attname: getattr(value, f.attname)
            for f in value._meta.concrete_fields
            if f.editable and not f.primary_key and not f.is_relation
        }
    if hasattr(value, "pk"):
        return f"{value._meta.label}:{value.pk}"
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(map(str, value))
    return str(value)


def upsert_page(parent, model, slug, fields, *, report, force=False):
    """Create the child page ``slug`` of ``parent``, or update it from the content files.

    A page that someone edited in the admin is left alone unless ``force``; a page whose
    content files did not change is not touched (no new revision). Returns the specific
    page. ``fields`` may hold ParentalManyToMany values (lists of objects) and ``tags``
    (a list of names).
    """
    from home.models import LoadedContent

    digest = fingerprint(fields)
    existing = parent.get_children().filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug)
        _assign(page, fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        LoadedContent.objects.update_or_create(page=page, defaults={"digest": digest})
        report.created.append(page)
        return page
    page = existing.specific
    if not isinstance(page, model):
        raise ContentError(f"La page « {slug} » existe déjà sous « {parent.title} » avec un autre type.")
    if was_edited_by_someone(page) and not force:
        report.kept.append(page)
        return page
    record = LoadedContent.objects.filter(page=page).first()
    if record and record.digest == digest and not force:
        return page
    _assign(page, fields)
    page.save_revision().publish()
    LoadedContent.objects.update_or_create(page=page, defaults={"digest": digest})
    report.updated.append(page)
    return page


def with_block_ids(model, name, value):
    """StreamField data with an id on every block and list item, as the editor saves it.

    Stable ids keep wagtail-localize's segment paths stable between two loads.
    """
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        stream_value = field.stream_block.to_python(value)
        list(stream_value)  # convert every block, so that nested list items get their ids too
        return stream_value.get_prep_value()
    return value


def _assign(page, fields):
    for name, value in fields.items():
        if name == "tags":
            page.tags.set(value)
        else:
            setattr(page, name, with_block_ids(type(page), name, value))
