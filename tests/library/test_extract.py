"""Text extraction for search: English and Bangla from PDF, DOCX, XLSX, PPTX and CSV, page counts, the text,
cell and time budgets, and no exception ever (a file that cannot be read gives no text)."""

from __future__ import annotations

import functools
import io
import unicodedata
import zipfile

import pytest
from django.core.files.base import File
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from mignet.library import choices as c
from mignet.library import extract, files, services
from mignet.library.extract import Extraction, extract_text
from mignet.library.models import ResourceVersion

from . import upload_samples as s

# WeasyPrint's PDFs keep Bangla pre-base vowel signs out of order in the text layer, so PDFs are checked
# with English words; Bangla is checked in DOCX, XLSX, PPTX and CSV, where the text is stored as typed.
BANGLA = unicodedata.normalize("NFC", s.BANGLA)


def run(content: bytes, content_type: str) -> Extraction:
    return extract_text(io.BytesIO(content), content_type)


# --- PDF


def test_pdf_text_and_pages():
    result = run(s.pdf("Remittance corridors from Sylhet", "Ethical recruitment", "Reintegration"), files.PDF)
    assert result.pages == 3
    assert result.text.splitlines() == [
        "Remittance corridors from Sylhet",
        "Ethical recruitment",
        "Reintegration",
    ]


def test_pdf_through_a_django_file():
    result = extract_text(File(io.BytesIO(s.pdf()), name="brief.pdf"), files.PDF)
    assert result == Extraction("Remittance corridors and labour migration from Bangladesh", 1)


def test_pdf_without_text_counts_its_pages():
    assert run(s.blank_pdf(pages=4), files.PDF) == Extraction("", 4)


def test_pdf_page_that_fails_loses_only_that_page(monkeypatch):
    from pypdf import PageObject

    real = PageObject.extract_text
    calls = iter(range(10))

    def flaky(page, *args, **kwargs):
        if next(calls) == 1:
            raise KeyError("/Contents")
        return real(page, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", flaky)
    result = run(s.pdf("First page", "Second page", "Third page"), files.PDF)
    assert result == Extraction("First page\nThird page", 3)


def test_pdf_that_cannot_be_read_at_all_keeps_its_page_count(monkeypatch):
    from pypdf import PageObject

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(PageObject, "extract_text", broken)
    assert run(s.pdf("One", "Two"), files.PDF) == Extraction("", 2)


def test_text_is_cleaned_for_the_database(monkeypatch):
    from pypdf import PageObject

    monkeypatch.setattr(PageObject, "extract_text", lambda *a, **k: "Dhaka\x00 port\ud800 \x07bell\r\nend")
    result = run(s.pdf(), files.PDF)
    assert result.text == "Dhaka  port  bell\nend"
    result.text.encode("utf-8")  # no lone surrogate left: PostgreSQL and SQLite store it


def test_encrypted_pdf_gives_no_text():
    assert run(s.encrypted_pdf(), files.PDF).text == ""


# --- DOCX


def test_docx_paragraphs_and_table_cells_in_bangla():
    content = s.docx(
        BANGLA,
        "Safe migration for all",
        table=[["জেলা", "ফেরত আসা অভিবাসী"], ["সিলেট", "১২০০"]],
    )
    result = run(content, files.DOCX)
    assert result.text.splitlines() == [
        BANGLA,
        "Safe migration for all",
        "জেলা",
        "ফেরত আসা অভিবাসী",
        "সিলেট",
        "১২০০",
    ]
    assert result.pages == 0  # a Word file has no fixed pages until it is laid out


def test_docx_merged_and_nested_cells_are_read_once():
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Merged heading"
    inner = table.cell(1, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Nested cell"
    table.cell(1, 1).text = "Plain cell"
    out = io.BytesIO()
    document.save(out)
    text = run(out.getvalue(), files.DOCX).text
    assert text.count("Merged heading") == 1
    assert "Nested cell" in text
    assert "Plain cell" in text


def test_docx_tabs_and_line_breaks():
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("Name")
    paragraph.add_run().add_tab()
    paragraph.add_run("Organisation")
    paragraph.add_run().add_break()
    paragraph.add_run("IOM")
    out = io.BytesIO()
    document.save(out)
    assert run(out.getvalue(), files.DOCX).text == "Name\tOrganisation\nIOM"


# --- XLSX


def test_xlsx_sheet_names_and_values_in_bangla():
    content = s.xlsx(
        {
            "ফেরত": [["জেলা", "সংখ্যা"], ["সিলেট", 1200], [None, None], ["ঢাকা", 3400.5]],
            "Notes": [["Source: BMET", "=SUM(1,2)"]],
        }
    )
    result = run(content, files.XLSX)
    assert result.pages == 2  # sheets
    assert result.text.splitlines() == [
        "ফেরত",
        "জেলা\tসংখ্যা",
        "সিলেট\t1200",
        "ঢাকা\t3400.5",
        "Notes",
        "Source: BMET",
    ]
    assert "SUM" not in result.text  # formulas give their cached result (none here), not their source


def with_dimension(content: bytes, ref: str) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b'<dimension ref="A1:B2"/>', f'<dimension ref="{ref}"/>'.encode())
            copy.writestr(info, data)
    return out.getvalue()


def test_xlsx_with_a_crafted_dimension_is_read_as_it_is():
    content = with_dimension(s.xlsx({"Data": [["a", "b"], ["c", "d"]]}), "A1:XFD1048576")
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert run(content, files.XLSX) == Extraction("Data\na\tb\nc\td", 1)


def test_xlsx_stops_at_the_cell_budget(monkeypatch):
    monkeypatch.setattr(extract, "MAX_CELLS", 10)
    content = s.xlsx({"Big": [[f"r{r}c{col}" for col in range(4)] for r in range(50)]})
    result = run(content, files.XLSX)
    assert result.pages == 1
    assert result.text.splitlines() == ["Big", "r0c0\tr0c1\tr0c2\tr0c3", "r1c0\tr1c1\tr1c2\tr1c3"]


# --- PPTX


def test_pptx_slides_and_notes_in_bangla():
    result = run(s.pptx(BANGLA, "Labour migration", notes="বক্তার নোট"), files.PPTX)
    assert result.pages == 2
    lines = result.text.splitlines()
    assert lines[:2] == [BANGLA, f"Body: {BANGLA}"]
    assert "Labour migration" in lines
    assert lines.count("বক্তার নোট") == 2


# --- CSV


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_csv_in_bangla(encoding):
    text = f"জেলা,নোট\nসিলেট,{BANGLA}\n"
    assert run(text.encode(encoding), files.CSV) == Extraction(text.strip(), 1)


# --- Budgets and failures


def test_text_stops_at_the_character_budget(monkeypatch):
    monkeypatch.setattr(extract, "MAX_CHARS", 1000)
    result = run(("migration," * 1000).encode(), files.CSV)
    assert len(result.text) == 1000
    assert result.text.startswith("migration,migration")


def test_extraction_stops_at_the_time_budget(monkeypatch):
    monkeypatch.setattr(extract, "MAX_SECONDS", -1)
    result = run(s.pdf("First page", "Second page"), files.PDF)
    assert result == Extraction("First page", 2)  # what was read is kept


@pytest.mark.parametrize("content_type", [files.PDF, files.DOCX, files.XLSX, files.PPTX])
def test_garbage_gives_no_text(content_type):
    assert run(b"\x00\xffnot really a file" * 10, content_type).text == ""


def test_truncated_office_files_give_no_text():
    for content, content_type in ((s.docx(), files.DOCX), (s.xlsx(), files.XLSX), (s.pptx(), files.PPTX)):
        assert run(content[: len(content) // 2], content_type) == Extraction("", 0)


def test_kinds_without_text():
    assert run(s.png(), files.PNG) == Extraction("", 0)
    assert run(s.jpeg(), "image/jpeg") == Extraction("", 0)
    assert run(b"anything", "application/x-unknown") == Extraction("", 0)


def test_a_handle_that_fails_gives_no_text():
    class Failing(io.BytesIO):
        def read(self, *args):
            raise OSError("storage unavailable")

    assert extract_text(Failing(b"%PDF-"), files.PDF) == Extraction("", 0)


KINDS = {files.PDF: s.pdf, files.DOCX: s.docx, files.XLSX: s.xlsx, files.PPTX: s.pptx}


@functools.cache
def good(content_type: str) -> bytes:
    return KINDS[content_type]()


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    content_type=st.sampled_from(sorted(KINDS)),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=16),
)
def test_damaged_files_never_raise(content_type, flips):
    content = bytearray(good(content_type))
    for where, value in flips:
        content[min(len(content) - 1, int(where * len(content)))] = value
    result = run(bytes(content), content_type)
    assert isinstance(result.text, str)
    assert result.pages >= 0


# --- Through the service: a Bangla DOCX becomes searchable


@pytest.mark.django_db
def test_a_bangla_docx_is_extracted_and_indexed(
    users, network, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        resource = services.resource_create(
            actor=users["member"],
            network=network,
            data={"kind": c.ResourceKind.POLICY_PAPER, "title": "নীতিপত্র", "language": c.Language.BANGLA},
            upload=s.upload(s.docx(BANGLA, "Overseas employment"), "নীতি.docx"),
        )
    version = ResourceVersion.all_objects.get(resource=resource)
    assert version.content_type == files.DOCX
    assert version.text_status == c.TextStatus.EXTRACTED
    assert version.page_count == 0
    assert BANGLA in version.extracted_text
    resource.refresh_from_db()
    assert "শ্রম অভিবাসীদের" in unicodedata.normalize("NFC", resource.search_document)
