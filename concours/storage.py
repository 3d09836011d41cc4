"""Storage for the applicants' documents: a folder outside MEDIA_ROOT, with no URL.

The folder is ``settings.PRIVATE_MEDIA_ROOT``, read on every access (so a test can point
it at a temporary folder). ``url()`` raises: these files are only ever sent by the
permission-checked view ``concours.views.download_document``.

The storage is ``STORAGES["private"]``: this folder by default, a private S3 bucket when
``AWS_PRIVATE_STORAGE_BUCKET_NAME`` is set (see ``predess/settings/base.py``). The model
field names the callable ``get_private_storage``, so switching needs no migration.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible


@deconstructible(path="concours.storage.PrivateMediaStorage")
class PrivateMediaStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no URL; use the concours document download view.")


def get_private_storage():
    return storages["private"]
