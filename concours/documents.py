"""What an uploaded document really is, from its content (never from its name).

Only three formats are accepted: PDF, OpenDocument text (ODT) and Word (DOCX). A PDF
starts with ``%PDF-``; an ODT is a ZIP whose first entry ``mimetype`` holds
``application/vnd.oasis.opendocument.text``; a DOCX is a ZIP holding
``[Content_Types].xml`` and ``word/document.xml`` (and no macros). Anything else (a
renamed image, an executable, a spreadsheet) is refused.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class DocumentType:
    name: str
    content_type: str
    extension: str


PDF = DocumentType("PDF", "application/pdf", ".pdf")
ODT = DocumentType("ODT", ODT_MIMETYPE.decode(), ".odt")
DOCX = DocumentType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
ACCEPTED_TYPES = (PDF, ODT, DOCX)
# For the file inputs' ``accept`` attribute (a hint to the browser; the server decides).
ACCEPT_ATTRIBUTE = ",".join([t.extension for t in ACCEPTED_TYPES] + [t.content_type for t in ACCEPTED_TYPES])


def detect_document_type(uploaded):
    """The DocumentType of an uploaded file read from its first bytes, or None."""
    uploaded.seek(0)
    head = uploaded.read(8)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"PK\x03\x04"):
            uploaded.seek(0)
            return _zip_document_type(uploaded)
        return None
    finally:
        uploaded.seek(0)


def _zip_document_type(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if entries and entries[0].filename == "mimetype":
                with archive.open(entries[0]) as handle:
                    if handle.read(len(ODT_MIMETYPE) + 1).strip() == ODT_MIMETYPE:
                        return ODT
                return None
            if {"[Content_Types].xml", "word/document.xml"} <= names and "word/vbaProject.bin" not in names:
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError):
        return None
    return None


def download_name(original_name, document_type_extension):
    """The original file name, with the right extension when the applicant's was wrong."""
    path = PurePath(original_name or "document")
    if path.suffix.lower() == document_type_extension:
        return path.name
    return f"{path.stem or 'document'}{document_type_extension}"


def format_size(size):
    """A file size as French readers write it: "10 Mo", "12,4 Mo", "512 ko"."""
    for unit, factor in (("Mo", 1024 * 1024), ("ko", 1024)):
        if size >= factor:
            value = f"{size / factor:.1f}".rstrip("0").rstrip(".")
            return f"{value.replace('.', ',')}\u00a0{unit}"
    return f"{size}\u00a0o"
