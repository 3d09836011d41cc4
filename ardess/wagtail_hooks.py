from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .access import PRIVATE_DOCUMENT_FLAG, forbidden, is_private_collection, refuses_logged_in_user
from .models import Participant
from .viewsets import ParticipantViewSet

# Participant accounts have their own permissions (ardess.add_participant…), not those of
# Wagtail's user editor (auth.add_user…), which the proxy model would otherwise inherit.
register_permission_policy(Participant, ModelPermissionPolicy(Participant), exact_class=True)

# Before Wagtail's own checks (order 0), which send every refused visitor to the login page.
BEFORE_WAGTAIL = -10


@hooks.register("on_serve_page", order=BEFORE_WAGTAIL)
def refuse_private_pages_with_403(serve_next):
    """Logged in without the right group: 403 (anonymous visitors still get the login page)."""

    def serve(page, request, args, kwargs):
        if refuses_logged_in_user(page.get_view_restrictions(), request):
            return forbidden(request)
        return serve_next(page, request, args, kwargs)

    return serve


@hooks.register("before_serve_document", order=BEFORE_WAGTAIL)
def check_document_access(document, request):
    restrictions = list(document.collection.get_view_restrictions())
    if restrictions:
        setattr(request, PRIVATE_DOCUMENT_FLAG, True)
    if refuses_logged_in_user(restrictions, request):
        return forbidden(request)
    return None


@hooks.register("before_bulk_action")
def keep_images_out_of_private_collections(request, action_type, objects, action):
    """The bulk "add to collection" of images bypasses the image form's check."""
    if action_type != "add_to_collection" or action.model is not get_image_model():
        return None
    collection = action.cleaned_form.cleaned_data.get("collection")
    if is_private_collection(collection):
        messages.error(
            request,
            _("Une image ne peut pas être rangée dans une collection privée : ses fichiers sont publics."),
        )
        return redirect(action.next_url)
    return None


@hooks.register("register_admin_viewset")
def register_participant_viewset():
    return ParticipantViewSet("ardess_participants")
