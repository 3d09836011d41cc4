"""Which changes make cached pages stale: any change to content a visitor can see.

The content generation is bumped (``pagecache.generation.bump``) on

* a page published, unpublished, moved or deleted, and a live page saved (a draft saved
  on a live page changes nothing a visitor sees and bumps nothing);
* a snippet or any model of the project's apps saved, published, unpublished or deleted
  (partners, aid schemes, events' categories, vocabularies, orderables of pages…), and
  their many-to-many relations changed;
* Wagtail's own content: images, documents, collections, view restrictions of pages and
  collections (and their groups), locales, sites, tags.

Not: users and sessions, revisions and workflow states, renditions (made while
rendering), search index entries, and the models in ``PAGE_CACHE_IGNORED_MODELS``
(private data such as concours applications). Receivers are connected per model, so
Django keeps its fast path for bulk deletes of every other model.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from . import generation

# Fields a draft save writes on a live page or snippet: nothing a visitor sees.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "approved_go_live_at",
    }
)

WAGTAIL_CONTENT_MODELS = frozenset(
    {
        "wagtailcore.Page",
        "wagtailcore.PageViewRestriction",
        "wagtailcore.CollectionViewRestriction",
        "wagtailcore.Collection",
        "wagtailcore.Locale",
        "wagtailcore.Site",
        "wagtailimages.Image",
        "wagtaildocs.Document",
        "taggit.Tag",
    }
)


def _is_project_app(app_config):
    path = Path(app_config.path).resolve()
    base = Path(settings.BASE_DIR).resolve()
    return base in path.parents and "site-packages" not in path.parts and ".venv" not in path.parts


def is_content_model(model):
    label = model._meta.label
    if label in settings.PAGE_CACHE_IGNORED_MODELS or model._meta.app_label == "pagecache":
        return False
    if issubclass(model, Page) or label in WAGTAIL_CONTENT_MODELS:
        return True
    if issubclass(model, AbstractBaseUser):
        return False
    return _is_project_app(model._meta.app_config)


def _only_draft_fields(update_fields):
    return update_fields is not None and set(update_fields) <= DRAFT_ONLY_FIELDS


def content_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or _only_draft_fields(update_fields):
        return
    if getattr(instance, "live", True) is False:
        return  # a draft (or an unpublished object): the unpublish signal covers the change
    generation.bump()


def content_changed(sender, **kwargs):
    generation.bump()


def relation_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        generation.bump()


def connect():
    for model in apps.get_models():
        if not is_content_model(model):
            continue
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(content_saved, sender=model, dispatch_uid=f"{uid}:save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}:delete")
        for field in model._meta.local_many_to_many:
            through = getattr(field.remote_field, "through", None)
            if through is not None and not isinstance(through, str):
                m2m_changed.connect(relation_changed, sender=through, dispatch_uid=f"{uid}:{field.name}")
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(content_changed, dispatch_uid=f"pagecache:{id(signal)}")
