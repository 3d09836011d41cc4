"""A ceiling on every uploaded file, before it reaches memory or a temporary file.

Django streams uploads to disk without any size limit; forms check sizes only once the
whole file has arrived. ``SizeLimitedUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``)
drops any file that grows past ``FILE_UPLOAD_HARD_LIMIT`` bytes: the rest of that file
is read and discarded, the other fields of the request are kept, and the dropped file's
field name and file name are listed in ``request.oversized_uploads`` so that the view
can tell the person which file was too large. Forms keep their own, lower limits.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.FILE_UPLOAD_HARD_LIMIT:
            if self.request is not None:
                oversized = getattr(self.request, "oversized_uploads", None)
                if oversized is None:
                    oversized = self.request.oversized_uploads = []
                oversized.append((self.field_name, self.file_name))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
