"""Text extraction from PDF, DOCX, XLSX, PPTX and CSV, for search. Never raises.

`pages` is what a reader would call pages: a PDF's pages, a presentation's slides, a workbook's sheets (a CSV
is one sheet). A Word file has no fixed pages until it is laid out, so it counts 0 (its docProps/app.xml
count is whatever the authoring tool last wrote, often a template's "1").

Extraction stops early, keeping what it has, at MAX_CHARS characters of text, MAX_CELLS spreadsheet cells
or MAX_SECONDS; a file a library cannot read gives no text (the version is then marked "no searchable text").
"""

from __future__ import annotations

import codecs
import logging
import re
import shutil
import tempfile
import time
import unicodedata
from dataclasses import dataclass

from . import files

log = logging.getLogger("mignet.library")

MAX_CHARS = 2_000_000
MAX_CELLS = 1_000_000
MAX_SECONDS = 120.0
SPOOL_IN_MEMORY = 32 * files.MB

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Extraction:
    text: str
    pages: int


class _Enough(Exception):
    """The text, cell or time budget is spent: stop reading and keep what was read."""


class _Collector:
    def __init__(self, max_chars: int, max_seconds: float):
        self.parts: list[str] = []
        self.length = 0
        self.pages = 0
        self.max_chars = max_chars
        self.deadline = time.monotonic() + max_seconds

    def add(self, text: str | None, end: str = "\n") -> None:
        if text:
            self.parts.append(text + end)
            self.length += len(text) + len(end)
        if self.length >= self.max_chars or time.monotonic() > self.deadline:
            raise _Enough

    def text(self) -> str:
        return "".join(self.parts)[: self.max_chars]


def extract_text(handle, content_type: str) -> Extraction:
    """The searchable text of a file of `content_type` (as `files.inspect_upload` named it), and its pages."""
    reader = _READERS.get(content_type)
    if reader is None:
        return Extraction("", 0)
    out = _Collector(MAX_CHARS, MAX_SECONDS)
    try:
        with _spool(handle) as source:
            reader(source, out)
    except _Enough:
        pass
    except Exception:  # noqa: BLE001 — whatever a library raises, the file is kept and marked "no text"
        log.warning("text extraction failed (%s)", content_type, exc_info=True)
        return Extraction("", out.pages)
    return Extraction(_clean(out.text()), out.pages)


def _spool(handle):
    """A private, seekable copy (in memory up to 32 MB), so any storage backend's file object will do."""
    try:
        handle.seek(0)
    except (AttributeError, OSError, ValueError):
        pass
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 — returned, used in `with`
    shutil.copyfileobj(handle, spool, files.CHUNK)
    spool.seek(0)
    return spool


def _clean(text: str) -> str:
    """Text any database stores and any search matches: no NUL or other control characters, no lone
    surrogates (PDF strings can hold them), Unicode NFC (so Bangla from different tools compares equal)."""
    text = text.encode("utf-8", "ignore").decode("utf-8")
    text = CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- One reader per kind: each fills `out` and sets out.pages as soon as it knows them.


def _pdf(source, out: _Collector) -> None:
    from pypdf import PdfReader

    reader = PdfReader(source, strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return  # refused at upload; kept here only for files stored before that check
    out.pages = len(reader.pages)
    for number in range(out.pages):
        try:
            text = reader.pages[number].extract_text()
        except Exception:  # noqa: BLE001 — one unreadable page loses only that page
            log.info("PDF page %s: no text", number + 1, exc_info=True)
            continue
        out.add(text)


def _paragraphs(element, p_tag: str, text_tags: dict[str, str | None]):
    """The text of every paragraph under `element`, in document order; a paragraph nested in another
    (a text box) is its own. Fallback copies of the same content (mc:Fallback) are skipped."""

    def walk(node, parts: list[str]):
        for child in node:
            tag = child.tag
            if tag == MC_FALLBACK:
                continue
            if tag == p_tag:
                inner: list[str] = []
                yield from walk(child, inner)
                yield "".join(inner)
            elif tag in text_tags:
                fixed = text_tags[tag]
                parts.append((child.text or "") if fixed is None else fixed)
            else:
                yield from walk(child, parts)

    yield from walk(element, [])


DOCX_TEXT = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
PPTX_TEXT = {f"{A}t": None, f"{A}br": "\n"}


def _docx(source, out: _Collector) -> None:
    """Paragraphs and table cells (tables nested in tables, text boxes) of the body, in order."""
    import docx

    document = docx.Document(source)
    for text in _paragraphs(document.element.body, f"{W}p", DOCX_TEXT):
        out.add(text)


def _xlsx(source, out: _Collector) -> None:
    """Sheet names and cell values (cached results of formulas), row by row, streamed."""
    import openpyxl

    workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    try:
        sheets = workbook.worksheets
        out.pages = len(sheets)
        cells = 0
        for sheet in sheets:
            out.add(sheet.title)
            # A crafted <dimension ref="A1:XFD1048576"> would make every row padded to 16 384 cells.
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()
            for row in sheet.iter_rows(values_only=True):
                cells += max(len(row), 1)
                if cells > MAX_CELLS:
                    raise _Enough
                values = [str(value) for value in row if value is not None and value != ""]
                if values:
                    out.add("\t".join(values))
    finally:
        workbook.close()


def _pptx(source, out: _Collector) -> None:
    """The text of each slide (shapes, groups, tables) and its speaker notes; pages = slides."""
    from pptx import Presentation

    presentation = Presentation(source)
    slides = list(presentation.slides)
    out.pages = len(slides)
    for slide in slides:
        for text in _paragraphs(slide.element, f"{A}p", PPTX_TEXT):
            out.add(text)
        if slide.has_notes_slide:
            for text in _paragraphs(slide.notes_slide.element, f"{A}p", PPTX_TEXT):
                out.add(text)


def _csv(source, out: _Collector) -> None:
    """The decoded text as it is (commas and quotes do not hinder search); a CSV is one sheet."""
    head = source.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    source.seek(0)
    out.pages = 1
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    while chunk := source.read(files.CHUNK):
        out.add(decoder.decode(chunk), end="")
    out.add(decoder.decode(b"", final=True), end="")


_READERS = {files.PDF: _pdf, files.DOCX: _docx, files.XLSX: _xlsx, files.PPTX: _pptx, files.CSV: _csv}
