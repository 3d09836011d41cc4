"""English translations of loaded content, made through wagtail-localize.

The English text comes from ``content/en/``, written with the same structure as the
French files. For each French page (or snippet) the loader builds an unsaved English
instance from the English file, pairs its translatable segments with the French ones
(field by field, in order), imports them as translations of the wagtail-localize
``Translation`` (exactly what an editor's PO import does) and saves the target. Staff
then see these strings in wagtail-localize's editor, and an edit to the French page
marks them out of date as usual.

Do not call ``translate`` inside ``transaction.atomic``: wagtail-localize publishes the
target revision on commit, from page objects read before their children were added, and
would write stale tree counters (``numchild``) back.
"""

from collections import defaultdict

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .content import ContentError, fingerprint, was_edited_by_someone

TOOL_NAME = "load_predess"


def english_locale():
    return Locale.objects.get_or_create(language_code="en")[0]


def _strings_by_field(instance):
    grouped = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            grouped[segment.path.split(".")[0]].append(segment)
    return grouped


def pair_segments(source_instance, english_instance, *, label):
    """{(path, French text): English text} for every translatable string of the source."""
    french = _strings_by_field(source_instance)
    english = _strings_by_field(english_instance)
    pairs = {}
    for field_name, french_segments in french.items():
        english_segments = english.get(field_name, [])
        if len(english_segments) != len(french_segments):
            raise ContentError(
                f"{label} : le champ « {field_name} » a {len(french_segments)} segment(s) en français "
                f"et {len(english_segments)} en anglais ; les deux fichiers doivent avoir la même structure."
            )
        for fr_segment, en_segment in zip(french_segments, english_segments, strict=True):
            pairs[(fr_segment.path, fr_segment.string.data)] = en_segment.string.data
    return pairs


def translate(source_instance, english_instance, *, report, force=False, label=""):
    """Create or update the English translation of ``source_instance``; return it."""
    from home.models import LoadedContent

    locale = english_locale()
    existing = source_instance.get_translation_or_none(locale)
    is_page = hasattr(source_instance, "path")
    if existing is not None and is_page:
        existing = existing.specific
        if was_edited_by_someone(existing) and not force:
            report.kept.append(existing)
            return existing
    pairs = pair_segments(source_instance, english_instance, label=label or str(source_instance))
    digest = fingerprint({"en": sorted(pairs.items()), "source": getattr(source_instance, "latest_revision_id", None)})
    if existing is not None and is_page and not force:
        record = LoadedContent.objects.filter(page=existing).first()
        if record and record.digest == digest:
            return existing

    source, _ = TranslationSource.update_or_create_from_instance(source_instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    po = translation.export_po()
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        english_text = pairs.get((entry.msgctxt, entry.msgid))
        if english_text is None:
            missing.append(entry.msgctxt)
        entry.msgstr = english_text or ""
    if missing:
        raise ContentError(f"{label or source_instance} : pas de traduction pour {', '.join(sorted(set(missing)))}.")
    translation.import_po(po, translation_type="manual", tool_name=TOOL_NAME)
    translation.save_target(publish=True)
    target = source_instance.get_translation(locale)
    if is_page:
        target = target.specific
        LoadedContent.objects.update_or_create(page=target, defaults={"digest": digest})
        (report.updated if existing else report.created).append(target)
    return target
