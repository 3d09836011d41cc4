"""The checks behind the form, without the database: SIRET, phone, titles, file types."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from concours.checks import private_media_is_private
from concours.documents import DOCX, ODT, PDF, detect_document_type, download_name, format_size
from concours.storage import get_private_storage
from concours.validators import (
    comparable_title,
    luhn_is_valid,
    normalize_siret,
    siret_is_valid,
    validate_phone,
    validate_siret,
)

from .files import EXE_BYTES, PDF_BYTES, PNG_BYTES, docx_bytes, odt_bytes, plain_zip_bytes


@pytest.mark.parametrize("siret", ["12345678900015", "42424242400002", "98765432100049", "35600000000048"])
def test_valid_sirets(siret):
    assert siret_is_valid(siret)
    validate_siret(siret)


@pytest.mark.parametrize("siret", ["12345678900016", "98765432100048", "00000000000001"])
def test_a_wrong_key_is_refused(siret):
    assert not siret_is_valid(siret)
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert error.value.code == "siret_key"


@pytest.mark.parametrize("siret", ["", "123", "1234567890001", "123456789000150", "1234567890001X"])
def test_a_malformed_siret_is_refused(siret):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert error.value.code == "siret_format"


def test_la_poste_establishments_follow_their_own_rule():
    """SIREN 356 000 000: the digits sum to a multiple of 5, the Luhn key may not hold."""
    siret = "35600000012345"  # 3+5+6+1+2+3+4+5 = 29: no
    assert not siret_is_valid(siret)
    siret = "35600000012346"  # sum 30, multiple of 5, Luhn false
    assert not luhn_is_valid(siret)
    assert siret_is_valid(siret)


def test_siret_typing_is_forgiving():
    assert normalize_siret("123 456 789 00015") == "12345678900015"
    assert normalize_siret("123.456.789-00015") == "12345678900015"
    assert normalize_siret("123\u00a0456\u202f789 00015") == "12345678900015"


@pytest.mark.parametrize(
    "phone", ["06 12 34 56 78", "0612345678", "03.80.44.33.00", "+33 6 12 34 56 78", "+33612345678"]
)
def test_valid_phones(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["12", "06 12 34 56", "00 12 34 56 78", "+44 20 7946 0958", "téléphone"])
def test_invalid_phones(phone):
    with pytest.raises(ValidationError):
        validate_phone(phone)


def test_comparable_title_ignores_case_spacing_and_apostrophes():
    assert comparable_title("  Un Jardin  d’insertion ") == comparable_title("un jardin d'insertion")
    assert comparable_title("ÉTÉ solidaire") == comparable_title("été SOLIDAIRE")
    assert comparable_title("Jardin A") != comparable_title("Jardin B")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF_BYTES, PDF),
        (odt_bytes(), ODT),
        (docx_bytes(), DOCX),
        (PNG_BYTES, None),
        (EXE_BYTES, None),
        (plain_zip_bytes(), None),
        (odt_bytes(mimetype=b"application/vnd.oasis.opendocument.spreadsheet"), None),
        (docx_bytes(macros=True), None),
        (b"PK\x03\x04 not really a zip", None),
        (b"", None),
    ],
)
def test_document_types_are_read_from_the_content(content, expected):
    handle = io.BytesIO(content)
    assert detect_document_type(handle) is expected
    assert handle.tell() == 0  # left ready to be saved


def test_sizes_and_names_for_people():
    assert format_size(10 * 1024 * 1024) == "10\u00a0Mo"
    assert format_size(int(12.4 * 1024 * 1024)) == "12,4\u00a0Mo"
    assert format_size(2048) == "2\u00a0ko"
    assert format_size(12) == "12\u00a0o"
    assert download_name("Présentation.PDF", ".pdf") == "Présentation.PDF"
    assert download_name("presentation.pdf", ".odt") == "presentation.odt"
    assert download_name("", ".pdf") == "document.pdf"


def test_private_files_have_no_url():
    with pytest.raises(ValueError):
        get_private_storage().url("concours/2026/x.pdf")


def test_the_private_folder_must_be_outside_the_public_media(tmp_path):
    with override_settings(MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=tmp_path / "private"):
        assert private_media_is_private(None) == []
    with override_settings(MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=tmp_path / "media" / "private"):
        errors = private_media_is_private(None)
        assert [e.id for e in errors] == ["concours.E002"]
