"""Real files for the demo library, made in code: PDF (WeasyPrint, the vendored Noto fonts, nothing fetched
from the network), DOCX (python-docx), XLSX (openpyxl), PPTX (python-pptx) and CSV.

A document is a `Doc`: title, subtitle, facts and sections of paragraphs, lists and tables. Bytes are
cached per file name for the life of the process, so loading the demo twice (or in tests) renders once."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.template import engines

DISCLAIMER = {
    "en": "Demo content, invented for the Mignet demonstration. Names of demo organisations and every figure "
    "in this document are illustrative; they are not statistics and must not be cited.",
    "bn": "এটি মিগনেট প্রদর্শনের জন্য তৈরি কাল্পনিক নমুনা। এই নথির সব সংখ্যা ও উদাহরণ দৃষ্টান্তমূলক; "
    "এগুলো পরিসংখ্যান নয় এবং উদ্ধৃত করা যাবে না।",
}
NETWORK_NAME = {"en": "UN Network on Migration in Bangladesh", "bn": "বাংলাদেশে জাতিসংঘ অভিবাসন নেটওয়ার্ক"}

_CACHE: dict[str, bytes] = {}


@dataclass
class Section:
    """A heading with paragraphs, then an optional bullet list and an optional table (first row: headers)."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)


@dataclass
class Doc:
    title: str
    language: str = "en"
    subtitle: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    mark: str = ""  # e.g. "DRAFT", on every page


def cached(name: str, make) -> bytes:
    """The bytes of the file `name`, made once per process."""
    if name not in _CACHE:
        _CACHE[name] = make()
    return _CACHE[name]


# --- PDF

_PDF_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ doc.language }}"><head><meta charset="utf-8"><title>{{ doc.title }}</title>
<meta name="author" content="{{ network }}"><meta name="generator" content="Mignet demo">
<style>
{% for face in faces %}@font-face { font-family: "{{ face.family }}"; font-weight: {{ face.weight }}; src: url("{{ face.url }}") format("woff2"); }
{% endfor %}
@page { size: A4; margin: 24mm 20mm 20mm 20mm;
  @top-left { content: "{{ network }}"; font-weight: 700; color: #0f5ea8; font-size: 9pt; }
  @top-right { content: "{{ doc.mark }}"; font-weight: 700; color: #b3261e; font-size: 9pt; }
  @bottom-left { content: "{{ footer }}"; font-size: 7.5pt; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
html { font-family: "Noto Sans", "Noto Sans Ext", "Noto Sans Bengali", sans-serif; font-size: 10pt; line-height: 1.45; color: #1a1a1a; }
h1 { font-size: 17pt; color: #0f5ea8; margin: 0 0 2mm; line-height: 1.25; }
h2 { font-size: 12pt; color: #0f5ea8; margin: 6mm 0 2mm; border-bottom: .5pt solid #b9dff3; padding-bottom: 1mm; break-after: avoid; }
.subtitle { font-weight: 700; font-size: 11pt; margin: 0 0 3mm; }
table.facts { width: auto; margin: 0 0 4mm; font-size: 9.5pt; } table.facts th, table.facts td { border: 0; background: none; padding: .4mm 4mm .4mm 0; }
.disclaimer { border: .5pt solid #b3261e; color: #7a1a14; padding: 2mm 3mm; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9pt; }
th, td { border: .5pt solid #999; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #e6f5fc; } tr { break-inside: avoid; }
</style></head><body>
<h1>{{ doc.title }}</h1>
{% if doc.subtitle %}<p class="subtitle">{{ doc.subtitle }}</p>{% endif %}
{% if doc.facts %}<table class="facts">{% for k, v in doc.facts %}<tr><th scope="row">{{ k }}</th><td>{{ v }}</td></tr>{% endfor %}</table>{% endif %}
<p class="disclaimer">{{ disclaimer }}</p>
{% for s in doc.sections %}<h2>{{ s.heading }}</h2>
{% for p in s.paragraphs %}<p>{{ p }}</p>{% endfor %}
{% if s.bullets %}<ul>{% for b in s.bullets %}<li>{{ b }}</li>{% endfor %}</ul>{% endif %}
{% if s.table %}<table><thead><tr>{% for h in s.table.0 %}<th>{{ h }}</th>{% endfor %}</tr></thead><tbody>
{% for row in s.table|slice:"1:" %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}</tbody></table>{% endif %}
{% endfor %}
</body></html>"""

_pdf_state: dict = {}


def _pdf_tools():
    """The template, the font faces, the local-only fetcher and one font configuration, made once."""
    if not _pdf_state:
        from weasyprint.text.fonts import FontConfiguration

        from mignet.meetings.exports import _fetcher, _font_dir, _font_faces

        faces = [f for f in _font_faces() if f["weight"] in (400, 700) and "Ext" not in f["family"]]
        _pdf_state.update(
            template=engines["django"].from_string(_PDF_TEMPLATE),
            latin=[f for f in faces if "Bengali" not in f["family"]],
            all=faces,
            fetcher=_fetcher(),
            base_url=_font_dir().as_uri() + "/",
            fonts=FontConfiguration(),
        )
    return _pdf_state


def pdf(doc: Doc) -> bytes:
    """The document as a tagged A4 PDF in the vendored Noto fonts (Bangla with Noto Sans Bengali)."""
    from weasyprint import HTML

    tools = _pdf_tools()
    html = tools["template"].render(
        {
            "doc": doc,
            "faces": tools["all"] if doc.language == "bn" else tools["latin"],
            "network": NETWORK_NAME.get(doc.language, NETWORK_NAME["en"]),
            "footer": "Mignet demo — illustrative content",
            "disclaimer": DISCLAIMER.get(doc.language, DISCLAIMER["en"]),
        }
    )
    return HTML(string=html, base_url=tools["base_url"], url_fetcher=tools["fetcher"]).write_pdf(
        font_config=tools["fonts"]
    )


# --- DOCX


def _docx_fonts(element, size: float | None = None) -> None:
    """Noto Sans for Latin text, Noto Sans Bengali for Bangla (Word's complex-script font)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    fonts = element.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), "Noto Sans")
    fonts.set(qn("w:hAnsi"), "Noto Sans")
    fonts.set(qn("w:cs"), "Noto Sans Bengali")
    if size:
        element.font.size = Pt(size)


def docx(doc: Doc) -> bytes:
    """The document as a Word file: header with the Network's name, headings, lists and tables."""
    from docx import Document
    from docx.shared import RGBColor

    document = Document()
    props = document.core_properties
    props.title, props.author, props.comments = doc.title, "Mignet demo", DISCLAIMER["en"]
    props.language = "bn-BD" if doc.language == "bn" else "en-GB"
    for name, size in (("Normal", 10), ("Title", 20), ("Heading 1", 13), ("List Bullet", 10)):
        _docx_fonts(document.styles[name], size)
    header = document.sections[0].header.paragraphs[0]
    header.text = NETWORK_NAME.get(doc.language, NETWORK_NAME["en"]) + (f"   {doc.mark}" if doc.mark else "")
    document.add_heading(doc.title, level=0)
    if doc.subtitle:
        document.add_paragraph().add_run(doc.subtitle).bold = True
    for key, value in doc.facts:
        p = document.add_paragraph()
        p.add_run(f"{key}: ").bold = True
        p.add_run(value)
    run = document.add_paragraph().add_run(DISCLAIMER.get(doc.language, DISCLAIMER["en"]))
    run.italic, run.font.color.rgb = True, RGBColor(0xB3, 0x26, 0x1E)
    for s in doc.sections:
        document.add_heading(s.heading, level=1)
        for text in s.paragraphs:
            document.add_paragraph(text)
        for text in s.bullets:
            document.add_paragraph(text, style="List Bullet")
        if s.table:
            table = document.add_table(rows=0, cols=len(s.table[0]))
            table.style = "Table Grid"
            for index, row in enumerate(s.table):
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=False):
                    cell.text = str(value)
                    if index == 0:
                        cell.paragraphs[0].runs[0].bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- XLSX, CSV, PPTX


def xlsx(title: str, sheets: list[tuple[str, list[list]]], notes: list[str]) -> bytes:
    """A workbook: a "Read me" sheet (title, notes, the disclaimer), then one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    readme = book.active
    readme.title = "Read me"
    readme.append([title])
    readme["A1"].font = Font(bold=True, size=13)
    for line in [*notes, DISCLAIMER["en"]]:
        readme.append([line])
    readme.column_dimensions["A"].width = 110
    for name, rows in sheets:
        sheet = book.create_sheet(name[:31])
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E6F5FC")
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = max(
                10, min(40, max(len(str(c.value or "")) for c in column) + 2)
            )
    book.properties.title, book.properties.creator = title, "Mignet demo"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list]) -> bytes:
    """UTF-8 CSV (with a byte-order mark, so spreadsheet programs read Bangla correctly)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def pptx(title: str, subtitle: str, slides: list[tuple[str, list[str]]], notes: str = "") -> bytes:
    """A slide deck: a title slide, then one slide of bullets per (heading, points), speaker notes on each."""
    from pptx import Presentation
    from pptx.util import Pt

    deck = Presentation()
    deck.core_properties.title, deck.core_properties.author = title, "Mignet demo"
    first = deck.slides.add_slide(deck.slide_layouts[0])
    first.shapes.title.text = title
    first.placeholders[1].text = f"{subtitle}\n{DISCLAIMER['en']}"
    for heading, points in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        frame = slide.placeholders[1].text_frame
        frame.text = points[0] if points else ""
        for point in points[1:]:
            frame.add_paragraph().text = point
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(18)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
