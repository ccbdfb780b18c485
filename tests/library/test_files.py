"""Uploads are checked by content, not by name: every accepted kind is recognised whatever it is called, and
every bad file gets its own clear message and a ValidationError, never another exception; through the
service, a refused file leaves nothing behind."""

from __future__ import annotations

import functools
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from mignet.library import choices as c
from mignet.library import files, services
from mignet.library.models import Resource, ResourceVersion

from . import upload_samples as s


def refusal(content: bytes, name: str, content_type: str = "application/octet-stream") -> str:
    """The message a person reads for this file (and proof that only ValidationError came out)."""
    with pytest.raises(ValidationError) as caught:
        files.inspect_upload(s.upload(content, name, content_type))
    return " ".join(caught.value.message_dict["file"])


# --- Good files: recognised by content, whatever their name and claimed type


@pytest.mark.parametrize(
    ("build", "name", "content_type", "extension", "extractable"),
    [
        (s.pdf, "brief.pdf", files.PDF, "pdf", True),
        (s.docx, "brief.docx", files.DOCX, "docx", True),
        (s.xlsx, "returnees.xlsx", files.XLSX, "xlsx", True),
        (s.pptx, "training.pptx", files.PPTX, "pptx", True),
        (lambda: s.CSV, "returnees.csv", files.CSV, "csv", True),
        (s.png, "chart.png", files.PNG, "png", False),
        (s.jpeg, "photo.jpg", files.JPEG, "jpg", False),
    ],
)
def test_accepted_kinds_are_recognised_by_content(build, name, content_type, extension, extractable):
    content = build()
    facts = files.inspect_upload(s.upload(content, name, "text/html"))
    assert facts == files.UploadFacts(
        content_type=content_type,
        extension=extension,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        extractable=extractable,
    )
    # The name plays no part: the same bytes under a misleading name are the same kind.
    assert files.inspect_upload(s.upload(content, "misleading.exe")).content_type == content_type


def test_the_upload_is_rewound_for_the_storage():
    upload = s.upload(s.docx(), "brief.docx")
    files.inspect_upload(upload)
    assert upload.tell() == 0
    assert upload.read() == s.docx()


def test_a_file_on_disk_is_read_the_same_way():
    content = s.pdf()
    upload = TemporaryUploadedFile("brief.pdf", "application/pdf", len(content), None)
    upload.write(content)
    upload.seek(0)
    try:
        assert files.inspect_upload(upload).content_type == files.PDF
    finally:
        upload.close()


@pytest.mark.parametrize(
    "content",
    [
        "district,note\nসিলেট,রেমিট্যান্স\n".encode("utf-8-sig"),
        "district,note\nসিলেট,রেমিট্যান্স\n".encode("utf-16"),
        "district\tnote\nসিলেট\tরেমিট্যান্স\n".encode(),
    ],
    ids=["utf-8-bom", "utf-16-bom", "tab-separated"],
)
def test_csv_in_utf8_or_utf16_with_bom_is_accepted(content):
    assert files.inspect_upload(s.upload(content, "districts.csv")).content_type == files.CSV


# --- Bad files: each with its own message


def test_windows_executable_renamed_pdf():
    message = refusal(s.windows_exe(), "brief.pdf", "application/pdf")
    assert "program or a script" in message


def test_elf_renamed_docx():
    assert "program or a script" in refusal(s.elf(), "brief.docx", files.DOCX)


@pytest.mark.parametrize(
    "content",
    [b"\xcf\xfa\xed\xfe" + bytes(60), b"#!/bin/sh\nrm -rf ~\n", b"\x00asm\x01\x00\x00\x00"],
    ids=["mach-o", "shell-script", "webassembly"],
)
def test_other_programs_and_scripts(content):
    assert "program or a script" in refusal(content, "data.csv", "text/csv")


def test_text_that_starts_with_mz_is_not_mistaken_for_a_program():
    content = b"MZ district,returnees\nSylhet,1200\n"
    assert files.inspect_upload(s.upload(content, "mz.csv")).content_type == files.CSV


def test_over_the_limit_is_refused_before_it_is_read(settings):
    settings.MIGNET_UPLOAD_MAX_MB = 0.01  # about 10 KB

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the declared size alone refuses it")

    content = s.CSV * 400  # about 22 KB
    upload = s.upload(content, "big.csv", "text/csv")
    upload.file = Unreadable(content)
    with pytest.raises(ValidationError) as caught:
        files.inspect_upload(upload)
    assert caught.value.message_dict["file"] == [
        "This file is 0.03 MB; a file can be at most 0.01 MB. Make it smaller (for example, compress its "
        "pictures) or split it, then upload it again."
    ]


def test_over_the_limit_when_the_declared_size_lies(settings):
    settings.MIGNET_UPLOAD_MAX_MB = 0.01
    upload = s.upload(s.CSV * 400, "big.csv")
    upload.size = 10  # a wrong size does not let more than the limit through
    with pytest.raises(ValidationError) as caught:
        files.inspect_upload(upload)
    assert "a file can be at most" in caught.value.message_dict["file"][0]


def test_the_limit_is_a_setting(settings):
    settings.MIGNET_UPLOAD_MAX_MB = 1
    assert files.max_upload_bytes() == 1024 * 1024
    assert files.inspect_upload(s.upload(s.CSV * 1000, "medium.csv")).size == len(s.CSV) * 1000


def test_zip_bomb_docx():
    content = s.zip_bomb_docx()
    assert len(content) < 2 * s.MB  # small on disk, 200 MB inside
    assert "archive bomb" in refusal(content, "brief.docx", files.DOCX)


def test_too_many_parts_is_a_bomb(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_ENTRIES", 20)
    content = s.with_entries(s.docx(), {f"word/media/p{i}.xml": b"<x/>" for i in range(30)})
    assert "archive bomb" in refusal(content, "brief.docx")


def test_too_much_uncompressed_in_total_is_a_bomb(monkeypatch):
    monkeypatch.setattr(files, "ZIP_MAX_TOTAL", 100_000)
    content = s.with_entries(s.docx(), {"word/media/noise.bin": bytes(range(256)) * 600})
    assert "archive bomb" in refusal(content, "brief.docx")


def test_docx_with_macros():
    assert "contains macros" in refusal(s.macro_docx(), "brief.docx", files.DOCX)


def test_macro_enabled_workbook_renamed_xlsx():
    workbook = s.xlsx()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as xlsm,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            xlsm.writestr(info, data)
    assert "contains macros" in refusal(out.getvalue(), "figures.xlsx")


def test_excel_4_macro_sheet():
    content = s.with_entries(s.xlsx(), {"xl/macrosheets/sheet1.xml": b"<xm:macrosheet/>"})
    assert "contains macros" in refusal(content, "figures.xlsx")


def test_zip_with_encrypted_parts():
    content = s.flagged_encrypted(s.with_entries(s.docx(), {"word/secret.xml": b"<x/>"}), "word/secret.xml")
    assert "encrypted" in refusal(content, "brief.docx")


@pytest.mark.parametrize(
    "name", ["../../etc/cron.d/evil", "/etc/passwd", "C:/Windows/evil.dll", "word/../../x"]
)
def test_zip_with_unsafe_paths(name):
    assert "unsafe names" in refusal(s.with_entries(s.docx(), {name: b"x"}), "brief.docx")


def test_password_protected_or_legacy_office_file():
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)
    assert "older Office file" in refusal(content, "brief.docx")


def test_encrypted_pdf():
    assert "password-protected or encrypted" in refusal(s.encrypted_pdf(), "brief.pdf", files.PDF)


def test_truncated_pdf():
    content = s.pdf()
    assert "PDF is damaged or incomplete" in refusal(content[: len(content) // 2], "brief.pdf")


def test_truncated_png():
    content = s.png()
    assert "image is damaged or incomplete" in refusal(content[: len(content) // 2], "chart.png")


def test_truncated_jpeg():
    import weasyprint  # noqa: F401 — it tells Pillow to load truncated images, process-wide

    content = s.jpeg()
    assert "image is damaged or incomplete" in refusal(content[: len(content) * 3 // 4], "photo.jpg")
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # WeasyPrint's choice is restored after the check


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_image_with_too_many_pixels(monkeypatch):
    from PIL import Image

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    content = s.png(size=(1200, 1000))
    assert "too many pixels" in refusal(content, "poster.png")


def test_csv_with_nul_bytes():
    content = b"district,returnees\nSylhet,\x00\x00\x00\n"
    assert "not a CSV text file" in refusal(content, "returnees.csv", "text/csv")


def test_csv_not_in_utf8():
    content = "district,note\nDhaka,café résumé\n".encode("cp1252")
    assert "CSV UTF-8" in refusal(content, "returnees.csv", "text/csv")


def test_random_binary_is_not_text():
    content = bytes(range(1, 256)) * 4
    assert "not a CSV text file" in refusal(content, "report.pdf")


def test_empty_file():
    assert "file is empty" in refusal(b"", "brief.pdf", "application/pdf")


def test_zip_that_is_not_office():
    assert "ZIP archive, not a Word" in refusal(s.plain_zip(), "brief.docx", files.DOCX)


def test_html_named_report_pdf():
    assert "web page" in refusal(s.HTML, "report.pdf", "application/pdf")


@pytest.mark.parametrize(
    "content",
    [b"  \n<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", b"a,b\n<?php system($_GET[1]); ?>"],
    ids=["svg", "php"],
)
def test_markup_and_scripts_are_not_csv(content):
    assert "web page" in refusal(content, "figures.csv")


def test_other_kinds_are_refused():
    gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00"
    assert "not a CSV text file" in refusal(gif, "chart.png")
    assert "cannot be uploaded" in refusal(b"{\\rtf1\\ansi Hello}", "brief.docx")


def test_a_library_error_becomes_a_refusal(monkeypatch):
    def explode(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("pypdf.PdfReader.__init__", explode)
    assert "PDF is damaged" in refusal(s.pdf(), "brief.pdf")

    monkeypatch.setattr(files, "_check_office", explode)
    assert "could not be read" in refusal(s.docx(), "brief.docx")


# --- Nothing but ValidationError, whatever the bytes

GOOD = {"pdf": s.pdf, "docx": s.docx, "xlsx": s.xlsx, "pptx": s.pptx, "png": s.png, "jpeg": s.jpeg}


@functools.cache
def good(kind: str) -> bytes:
    return GOOD[kind]()


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(sorted(GOOD)),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8),
)
def test_damaged_files_never_raise_anything_else(kind, cut, flips):
    content = bytearray(good(kind)[: max(1, int(len(good(kind)) * cut))])
    for where, value in flips:
        content[min(len(content) - 1, int(where * len(content)))] = value
    try:
        facts = files.inspect_upload(s.upload(bytes(content), f"x.{kind}"))
    except ValidationError as error:
        assert error.message_dict["file"]
    else:
        assert facts.content_type in files.EXTENSIONS


@hypothesis_settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=2048))
def test_arbitrary_bytes_never_raise_anything_else(content):
    try:
        files.inspect_upload(s.upload(content, "anything.pdf"))
    except ValidationError as error:
        assert error.message_dict["file"]


# --- Through the service: a refused file leaves nothing; a good one is extracted and searchable

BAD = {
    "exe": (s.windows_exe, "brief.pdf"),
    "elf": (s.elf, "brief.docx"),
    "bomb": (s.zip_bomb_docx, "brief.docx"),
    "macros": (s.macro_docx, "brief.docx"),
    "encrypted-pdf": (s.encrypted_pdf, "brief.pdf"),
    "truncated-pdf": (lambda: s.pdf()[:500], "brief.pdf"),
    "html": (lambda: s.HTML, "report.pdf"),
    "empty": (lambda: b"", "brief.pdf"),
    "plain-zip": (s.plain_zip, "brief.docx"),
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def create(users, network, content: bytes, name: str) -> Resource:
    return services.resource_create(
        actor=users["member"],
        network=network,
        data={"kind": c.ResourceKind.POLICY_BRIEF, "title": "Labour migration brief", "language": "en"},
        upload=s.upload(content, name),
    )


@pytest.mark.parametrize("kind", sorted(BAD))
def test_a_bad_file_through_the_service_creates_nothing(kind, users, network, media):
    build, name = BAD[kind]
    with pytest.raises(ValidationError) as caught:
        create(users, network, build(), name)
    assert caught.value.message_dict["file"]
    assert not Resource.all_objects.exists()
    assert not ResourceVersion.all_objects.exists()
    assert stored_files(media) == []


def test_over_the_limit_through_the_service_creates_nothing(users, network, media, settings):
    settings.MIGNET_UPLOAD_MAX_MB = 0.001
    with pytest.raises(ValidationError):
        create(users, network, s.pdf(), "brief.pdf")
    assert not Resource.all_objects.exists()
    assert stored_files(media) == []


def test_a_good_pdf_is_extracted_and_searchable(users, network, media, django_capture_on_commit_callbacks):
    content = s.pdf("Remittance corridors from Sylhet", "Ethical recruitment of garment workers")
    with django_capture_on_commit_callbacks(execute=True):
        resource = create(users, network, content, "Brief (final).PDF")
    version = ResourceVersion.all_objects.get(resource=resource)
    assert version.content_type == files.PDF
    assert version.size == len(content)
    assert version.sha256 == hashlib.sha256(content).hexdigest()
    assert version.original_name == "Brief (final).PDF"
    assert version.text_status == c.TextStatus.EXTRACTED
    assert version.page_count == 2
    assert version.extraction_seconds > 0
    assert "garment workers" in version.extracted_text
    resource.refresh_from_db()
    assert "Ethical recruitment" in resource.search_document
    assert [path.read_bytes() for path in stored_files(media)] == [content]


def test_a_png_is_kept_with_no_searchable_text(users, network, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        resource = create(users, network, s.png(), "chart.png")
    assert callbacks == []  # nothing to extract: no background work
    version = ResourceVersion.all_objects.get(resource=resource)
    assert version.content_type == files.PNG
    assert version.text_status == c.TextStatus.NO_TEXT
    assert version.page_count == 0
    assert len(stored_files(media)) == 1


def test_a_pdf_without_text_is_kept_with_no_searchable_text(
    users, network, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resource = create(users, network, s.blank_pdf(pages=3), "scan.pdf")
    version = ResourceVersion.all_objects.get(resource=resource)
    assert version.text_status == c.TextStatus.NO_TEXT
    assert version.page_count == 3


def test_a_broker_that_cannot_be_reached_does_not_lose_the_extraction(
    users, network, media, django_capture_on_commit_callbacks, monkeypatch
):
    from kombu.exceptions import OperationalError

    from mignet.library import tasks

    def unreachable(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(tasks.version_extract, "delay", unreachable)
    with django_capture_on_commit_callbacks(execute=True):
        resource = create(users, network, s.pdf(), "brief.pdf")
    version = ResourceVersion.all_objects.get(resource=resource)
    assert version.text_status == c.TextStatus.EXTRACTED
    assert version.page_count == 1
