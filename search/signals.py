"""Keep what the processes keep fresh: any save or deletion of an object of a registered
kind (a page published, a partner renamed…) raises the content version, and every worker
reads the facet codes and rebuilds the suggestions' vocabulary on next use."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import facets, registry, vocabulary

_searched = {}


def _is_searched(model):
    if model not in _searched:
        _searched[model] = any(issubclass(model, tuple(kind.models)) for kind in registry.kinds())
    return _searched[model]


@receiver(post_save, dispatch_uid="search_vocabulary_on_save")
@receiver(post_delete, dispatch_uid="search_vocabulary_on_delete")
def forget_vocabulary(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if _is_searched(sender):
        facets.invalidate()
        vocabulary.clear()
