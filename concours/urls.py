"""The permission-checked download of application documents (outside Wagtail's admin
wrapper, which would redirect refused users instead of answering 403)."""

from django.urls import path

from . import views

urlpatterns = [
    path("admin/concours/documents/<int:pk>/", views.download_document, name="concours_document"),
]
