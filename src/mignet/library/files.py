"""Uploads are checked by their content, never by their name or the browser's content type.

Accepted: PDF, DOCX, XLSX, PPTX, CSV (UTF-8, or UTF-16 with a byte-order mark), PNG and JPEG, up to
`settings.MIGNET_UPLOAD_MAX_MB`. Everything else, and anything hostile (programs, archive bombs, macros,
encrypted or damaged files), is refused with `ValidationError({"file": message})`; no other exception leaves
`inspect_upload`, whatever the bytes.

Archive bombs are caught from the ZIP's central directory alone (entry count, declared sizes, compression
ratio), never by decompressing: Python's `zipfile`, which python-docx, openpyxl and python-pptx read through,
never inflates an entry beyond its declared size, so the declared sizes bound what extraction can allocate.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import logging
import re
import struct
import threading
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from filetype.types import archive as archive_types
from filetype.types import image as image_types

log = logging.getLogger("mignet.library")

MB = 1024 * 1024
CHUNK = 64 * 1024
HEAD = 8 * 1024  # what `filetype` reads to recognise a kind

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
CSV = "text/csv"
PNG = "image/png"
JPEG = "image/jpeg"

EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", PPTX: "pptx", CSV: "csv", PNG: "png", JPEG: "jpg"}
EXTRACTABLE = frozenset({PDF, DOCX, XLSX, PPTX, CSV})
# For a file input's `accept` attribute: a hint to the browser only; the content decides.
ACCEPT = ".pdf,.docx,.xlsx,.pptx,.csv,.png,.jpg,.jpeg"

# The main part that makes a ZIP a Word, Excel or PowerPoint file (OPC part names, compared lower-case).
OFFICE_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}

# Archive-bomb limits for DOCX/XLSX/PPTX, read from the central directory. Real Office files stay far
# below them: XML compresses about 5–30 times, and a large workbook has a few hundred parts.
ZIP_MAX_ENTRIES = 10_000
ZIP_MAX_TOTAL = 512 * MB  # all parts together, uncompressed
ZIP_MAX_RATIO = 100  # uncompressed : compressed, for any part larger than ZIP_RATIO_FROM
ZIP_RATIO_FROM = 1 * MB
CONTENT_TYPES_MAX = 1 * MB  # [Content_Types].xml is read (to spot macro-enabled files); it is small

# Programs and scripts, recognised by their first bytes.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (DOC/XLS/PPT) and password-protected OOXML
MACHO = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
TEXT_NOT_CSV = (b"{\\rtf", b"%!PS")  # text-based document formats that are not accepted
MARKUP_TAGS = ("<html", "<head", "<body", "<script", "<iframe", "<svg", "<!doctype", "<?xml", "<?php")
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True)
class UploadFacts:
    content_type: str
    extension: str
    size: int
    sha256: str
    extractable: bool


def max_upload_bytes() -> int:
    """The largest file a person may upload, from `MIGNET_UPLOAD_MAX_MB`."""
    return int(float(getattr(settings, "MIGNET_UPLOAD_MAX_MB", 25)) * MB)


def _kinds() -> str:
    return _("Upload a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), CSV, PNG or JPEG file.")


class _Refused(Exception):
    """A refusal with its message; turned into ValidationError({"file": …}) at the edge."""


def _refuse(message: str):
    return _Refused(message)


def inspect_upload(upload) -> UploadFacts:
    """What the file really is, or ValidationError({"file": …}) with a clear message.

    Reads the file by its content only. Leaves it rewound to the start for the storage to save."""
    try:
        return _inspect(upload)
    except _Refused as refused:
        raise ValidationError({"file": str(refused.args[0])}) from None
    except Exception:  # noqa: BLE001 — a library choking on hostile bytes is a refusal, never a server error
        log.warning("upload refused: could not be read", exc_info=True)
        raise ValidationError(
            {"file": _("This file could not be read. It may be damaged or incomplete.") + " " + _kinds()}
        ) from None
    finally:
        try:
            upload.seek(0)
        except Exception:  # noqa: BLE001, S110 — a closed or unseekable upload has nothing left to rewind
            pass


def _too_big(size: int, limit: int) -> _Refused:
    return _refuse(
        _(
            "This file is %(size)s MB; a file can be at most %(limit)s MB. "
            "Make it smaller (for example, compress its pictures) or split it, then upload it again."
        )
        % {"size": _megabytes(size, up=True), "limit": _megabytes(limit)}
    )


def _megabytes(size: int, up: bool = False) -> str:
    """25 MB, 26.5 MB, 25.01 MB: rounded up for a file's size, so it never reads as equal to the limit."""
    hundredths = -(-size * 100 // MB) if up else round(size * 100 / MB)
    return f"{hundredths / 100:.2f}".rstrip("0").rstrip(".")


def _declared_size(upload) -> int | None:
    size = getattr(upload, "size", None)
    if isinstance(size, int) and size >= 0:
        return size
    try:
        position = upload.tell()
        upload.seek(0, 2)
        end = upload.tell()
        upload.seek(position)
        return end
    except (AttributeError, OSError, ValueError):
        return None


def _inspect(upload) -> UploadFacts:
    if upload is None:
        raise _refuse(_("Choose a file to upload."))
    limit = max_upload_bytes()
    declared = _declared_size(upload)
    if declared is not None and declared > limit:  # before reading a byte of it
        raise _too_big(declared, limit)

    # Read it once, in chunks: the digest, the true size (never trusting the declared one) and the head.
    upload.seek(0)
    digest = hashlib.sha256()
    size = 0
    head = b""
    while chunk := upload.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise _too_big(size, limit)
        digest.update(chunk)
        if len(head) < HEAD:
            head += chunk[: HEAD - len(head)]
    if size == 0:
        raise _refuse(_("This file is empty. Check that it was saved properly, then choose it again."))

    content_type = _classify(upload, head)
    return UploadFacts(
        content_type=content_type,
        extension=EXTENSIONS[content_type],
        size=size,
        sha256=digest.hexdigest(),
        extractable=content_type in EXTRACTABLE,
    )


def _classify(upload, head: bytes) -> str:
    """The accepted kind this content is, checked in depth; or a refusal."""
    if _is_program(head):
        raise _refuse(
            _("This file is a program or a script, not a document, and cannot be uploaded.") + " " + _kinds()
        )
    if head.startswith(OLE):
        raise _refuse(
            _(
                "This is an older Office file (DOC, XLS or PPT) or a password-protected one. Save it as "
                "DOCX, XLSX or PPTX without a password, then upload it again."
            )
        )
    if archive_types.Pdf().match(head):
        _check_pdf(upload)
        return PDF
    if image_types.Png().match(head):
        _check_image(upload, "PNG")
        return PNG
    if image_types.Jpeg().match(head):
        _check_image(upload, "JPEG")
        return JPEG
    if archive_types.Zip().match(head):
        return _check_office(upload)
    return _check_csv(upload, head)


def _is_program(head: bytes) -> bool:
    """Windows (MZ), Linux (ELF) and macOS (Mach-O) programs, WebAssembly and scripts with a #! line.

    "MZ" alone could begin a line of text, so a DOS header is also required to hold binary bytes."""
    if archive_types.Exe().match(head) and b"\x00" in head[:64]:
        return True
    return (
        head.startswith(b"\x7fELF")
        or head.startswith(MACHO)
        or head.startswith(b"\x00asm")
        or head.lstrip(codecs.BOM_UTF8).startswith(b"#!")
    )


# --- PDF


def _check_pdf(upload) -> None:
    from pypdf import PdfReader

    damaged = _(
        "This PDF is damaged or incomplete and cannot be read. "
        "Save or download it again, then upload the new copy."
    )
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        encrypted = reader.is_encrypted
    except Exception:  # noqa: BLE001 — pypdf raises many kinds of error on broken files
        raise _refuse(damaged) from None
    if encrypted:
        raise _refuse(
            _(
                "This PDF is password-protected or encrypted, so it cannot be read or searched. Save a copy "
                "without protection (for example, print it to a new PDF), then upload that."
            )
        )
    try:
        pages = len(reader.pages)
    except Exception:  # noqa: BLE001
        raise _refuse(damaged) from None
    if pages < 1:
        raise _refuse(damaged)


# --- PNG and JPEG


def _check_image(upload, fmt: str) -> None:
    """Decodable and of a sane size: PNG chunks are checked (CRCs, up to the end chunk); JPEG is decoded at
    1/8 scale, which still reads the whole stream, so a truncated photo is caught without a full decode."""
    from PIL import Image

    damaged = _("This image is damaged or incomplete. Save it again, then upload the new copy.")
    upload.seek(0)
    copy = io.BytesIO(upload.read())  # Pillow closes the file it reads; the upload must stay open
    try:
        image = Image.open(copy, formats=[fmt])
        width, height = image.size
    except Image.DecompressionBombError:
        raise _image_too_large(None) from None
    except Exception:  # noqa: BLE001
        raise _refuse(damaged) from None
    limit = Image.MAX_IMAGE_PIXELS or 89_478_485
    if width * height > limit:
        raise _image_too_large(limit)
    try:
        with _truncated_images_refused():
            if fmt == "PNG":
                image.verify()
            else:
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except Exception:  # noqa: BLE001
        raise _refuse(damaged) from None
    finally:
        image.close()


_pillow_lock = threading.Lock()


@contextlib.contextmanager
def _truncated_images_refused():
    """WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES on import, which would let a truncated
    image pass as whole; it is switched off for the check and restored after."""
    from PIL import ImageFile

    with _pillow_lock:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _image_too_large(limit: int | None) -> _Refused:
    from PIL import Image

    limit = limit or Image.MAX_IMAGE_PIXELS or 89_478_485
    return _refuse(
        _("This image has too many pixels (at most %(limit)s million). Resize it, then upload it again.")
        % {"limit": limit // 1_000_000}
    )


# --- DOCX, XLSX and PPTX


def _zip_entry_count(upload) -> int | None:
    """The number of entries the end-of-central-directory record declares, read before `zipfile` builds
    one object per entry (a crafted directory of millions of tiny entries would otherwise cost memory)."""
    upload.seek(0, 2)
    end = upload.tell()
    start = max(0, end - (22 + 65535))
    upload.seek(start)
    tail = upload.read(end - start)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    count = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    if count == 0xFFFF and at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":  # ZIP64 locator
        offset = struct.unpack("<Q", tail[at - 12 : at - 4])[0]
        upload.seek(offset)
        record = upload.read(56)
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            count = struct.unpack("<Q", record[32:40])[0]
    return count


def _check_office(upload) -> str:
    bomb = _(
        "This file unpacks to far more than its size (it may be an archive bomb), so it cannot be "
        "accepted. Open it in Word, Excel or PowerPoint, save it again, and upload the new copy."
    )
    damaged = _(
        "This Word, Excel or PowerPoint file is damaged and cannot be read. Open it, save it again, "
        "and upload the new copy."
    )
    count = _zip_entry_count(upload)
    if count is not None and count > ZIP_MAX_ENTRIES:
        raise _refuse(bomb)
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except Exception:  # noqa: BLE001 — BadZipFile, but also struct/value errors on crafted directories
        raise _refuse(damaged) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES:
            raise _refuse(bomb)
        names: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in entries:
            if info.flag_bits & 0x1:
                raise _refuse(
                    _(
                        "Parts of this file are encrypted. Remove the password in Word, Excel or "
                        "PowerPoint, then upload it again."
                    )
                )
            name = info.filename.replace("\\", "/")
            if _unsafe_name(name) or name.lower() in names:
                raise _refuse(
                    _(
                        "This file holds parts with unsafe names, so it cannot be accepted. Open it in Word, "
                        "Excel or PowerPoint, save it again, and upload the new copy."
                    )
                )
            names[name.lower()] = info
            total += info.file_size
            inflates = info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1)
            if inflates and info.file_size > ZIP_RATIO_FROM:
                raise _refuse(bomb)
        if total > ZIP_MAX_TOTAL:
            raise _refuse(bomb)

        kinds = {kind for part, kind in OFFICE_MAIN_PARTS.items() if part in names}
        if "[content_types].xml" not in names or len(kinds) != 1:
            raise _refuse(
                _(
                    "This is a ZIP archive, not a Word, Excel or PowerPoint file. Upload the documents "
                    "inside it one by one."
                )
            )
        if _has_macros(archive, names):
            raise _refuse(
                _(
                    "This file contains macros, which can run programs on a reader's computer. Save it as "
                    "a document without macros (DOCX, XLSX or PPTX), then upload that."
                )
            )
    return kinds.pop()


def _unsafe_name(name: str) -> bool:
    """Absolute paths, drive letters and `..` parts: harmless to us, a sign of a crafted archive."""
    if not name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return True
    return ".." in name.split("/")


def _has_macros(archive: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> bool:
    """VBA projects (vbaProject.bin, vbaData.xml), Excel 4.0 macro sheets, or a macro-enabled main part
    (DOCM/XLSM/PPTM saved under another name), declared in [Content_Types].xml."""
    for name in names:
        base = name.rsplit("/", 1)[-1]
        if base in {"vbaproject.bin", "vbadata.xml"} or name.startswith("xl/macrosheets/"):
            return True
    content_types = names["[content_types].xml"]
    if content_types.file_size > CONTENT_TYPES_MAX:
        return True  # no real Office file declares a megabyte of content types
    return b"macroenabled" in archive.read(content_types).lower()


# --- CSV


def _check_csv(upload, head: bytes) -> str:
    """Text, as UTF-8 (with or without a byte-order mark) or UTF-16 with one; not a web page or script."""
    not_text = _(
        "This file is not a PDF, Word, Excel, PowerPoint, PNG or JPEG file, and it is not a CSV text "
        "file either: it holds binary data."
    )
    if head.startswith(TEXT_NOT_CSV):
        raise _refuse(_("This kind of file cannot be uploaded.") + " " + _kinds())
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
        if b"\x00" in head:
            raise _refuse(not_text)
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    upload.seek(0)
    first = True
    try:
        while chunk := upload.read(CHUNK):
            text = decoder.decode(chunk)
            if "\x00" in text:
                raise _refuse(not_text)
            if first:
                _check_not_markup(text)
                first = False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        if BINARY_BYTES.search(head):
            raise _refuse(not_text) from None
        raise _refuse(
            _(
                "This CSV file is not saved as UTF-8, so its text (Bangla especially) would be garbled. "
                'In Excel, choose "Save as", then "CSV UTF-8 (Comma delimited)", and upload that.'
            )
        ) from None
    return CSV


def _check_not_markup(text: str) -> None:
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<") or any(tag in start[:HEAD] for tag in MARKUP_TAGS):
        raise _refuse(
            _(
                "This file is a web page, XML or script, not a document, and cannot be uploaded. "
                "Save it as PDF and upload that."
            )
        )
