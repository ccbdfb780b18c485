"""A Word document under the Network's header, with safe Markdown walked into real Word structure.

python-docx gives paragraphs, runs and tables; this adds what a Network document needs on top: the Noto
fonts for Latin and Bangla, a header with a UN-blue rule, PAGE/NUMPAGES fields, list numbering that restarts
for each list, hyperlinks, and the project's safe Markdown as Word headings, lists, bold and links."""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from lxml import html as lxml_html

from mignet.core.templatetags.mignet import markdown as render_markdown

UN_BLUE = "009EDB"
INK_BLUE = "0F5EA8"
DRAFT_RED = "B3261E"
LATIN_FONT = "Noto Sans"
BENGALI_FONT = "Noto Sans Bengali"


def _set_fonts(rpr_owner, *, size: float | None = None) -> None:
    """Noto Sans for Latin text and Noto Sans Bengali for Bangla (Word's complex-script font)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), BENGALI_FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size * 2)))


def _bottom_rule(paragraph, color: str = UN_BLUE, size: int = 12) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "4"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the pages out."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            run.text = text
            continue
        run._r.append(el)


def _shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table", "hr"}


class DocxWriter:
    """Builds one document: styles with the Noto fonts, the Network's header and footer, then sections."""

    def __init__(self, ctx: dict) -> None:
        self.ctx = ctx
        self.doc = Document()
        self._styles()
        self._header_footer()

    # Styles, header, footer

    def _styles(self) -> None:
        styles = self.doc.styles
        _set_fonts(styles["Normal"].element, size=10.5)
        for name, size in (
            ("Title", 20),
            ("Heading 1", 14),
            ("Heading 2", 12),
            ("Heading 3", 11),
            ("Heading 4", 10.5),
        ):
            style = styles[name]
            _set_fonts(style.element, size=size)
            style.font.color.rgb = RGBColor.from_string(INK_BLUE)
        for name in (
            "List Bullet",
            "List Bullet 2",
            "List Bullet 3",
            "List Number",
            "List Number 2",
            "Quote",
        ):
            _set_fonts(styles[name].element)

    def _text_width(self):
        section = self.doc.sections[0]
        return section.page_width - section.left_margin - section.right_margin

    def _header_footer(self) -> None:
        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.paragraph_format.tab_stops.add_tab_stop(self._text_width(), WD_TAB_ALIGNMENT.RIGHT)
        name = self.run(header, self.ctx["network_name"], bold=True)
        name.font.size = Pt(11)
        name.font.color.rgb = RGBColor.from_string(INK_BLUE)
        if self.ctx["mark"]:
            header.add_run("\t")
            mark = self.run(header, self.ctx["mark"], bold=True)
            mark.font.color.rgb = RGBColor.from_string(DRAFT_RED)
        _bottom_rule(header)

        footer = section.footer.paragraphs[0]
        footer.paragraph_format.tab_stops.add_tab_stop(self._text_width(), WD_TAB_ALIGNMENT.RIGHT)
        self.run(footer, self.ctx["generated_by"]).font.size = Pt(8)
        footer.add_run("\t")
        label = _("Page %(page)s of %(pages)s")
        for part in re.split(r"(%\(pages?\)s)", label):
            if part == "%(page)s":
                _field(footer, "PAGE")
            elif part == "%(pages)s":
                _field(footer, "NUMPAGES")
            elif part:
                self.run(footer, part)
        for run in footer.runs:
            run.font.size = Pt(8)

    # Runs and paragraphs

    def run(self, paragraph, text: str, *, bold=False, italic=False, code=False):
        run = paragraph.add_run(text)
        rpr = run._r.get_or_add_rPr()
        if bold:
            run.bold = True
            rpr.append(OxmlElement("w:bCs"))
        if italic:
            run.italic = True
            rpr.append(OxmlElement("w:iCs"))
        if code:
            run.font.name = "Courier New"
        return run

    def heading(self, text: str, level: int):
        return self.doc.add_heading(text, level=level)

    def paragraph(self, text: str = "", *, bold=False, style=None):
        p = self.doc.add_paragraph(style=style)
        if text:
            self.run(p, text, bold=bold)
        return p

    def table(self, headers: list[str], rows: list[list[str]]):
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self.run(cell.paragraphs[0], text, bold=True)
            _shade(cell, "E6F5FC")
        for row in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                self.run(cell.paragraphs[0], text)
        self.doc.add_paragraph()
        return table

    # Markdown (as the project's safe HTML) to Word

    def markdown(self, text: str, *, top_level: int = 2) -> None:
        """Safe Markdown as real Word headings, lists, bold and links (never the raw Markdown)."""
        html = str(render_markdown(text or ""))
        if not html.strip():
            return
        root = lxml_html.fragment_fromstring(html, create_parent="div")
        self._top = top_level
        self._blocks(root)

    def _blocks(self, parent, *, style=None) -> None:
        """Block children of `parent`; loose text between them (e.g. from a dropped tag) becomes a paragraph."""
        loose = None

        def loose_paragraph():
            nonlocal loose
            if loose is None:
                loose = self.doc.add_paragraph(style=style)
            return loose

        if parent.text and parent.text.strip():
            self._text(loose_paragraph(), parent.text, {})
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            if child.tag in BLOCK_TAGS:
                loose = None
                self._block(child, style=style)
            else:
                self._inline(loose_paragraph(), child, {})
            if child.tail and child.tail.strip():
                self._text(loose_paragraph(), child.tail, {})

    def _block(self, el, *, style=None) -> None:
        tag = el.tag
        if tag == "p":
            self._inline_children(self.doc.add_paragraph(style=style), el, {})
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(self._top + max(int(tag[1]) - 3, 0), 9)
            self._inline_children(self.doc.add_heading("", level=level), el, {})
        elif tag in ("ul", "ol"):
            self._list(el, depth=0)
        elif tag == "blockquote":
            self._blocks(el, style="Quote")
        elif tag == "pre":
            p = self.doc.add_paragraph(style=style)
            lines = el.text_content().rstrip("\n").split("\n")
            for i, line in enumerate(lines):
                if i:
                    p.add_run().add_break()
                self.run(p, line, code=True)
        elif tag == "table":
            self._table(el)
        elif tag == "hr":
            _bottom_rule(self.doc.add_paragraph(), color="999999", size=6)

    def _list(self, el, *, depth: int) -> None:
        ordered = el.tag == "ol"
        level = min(depth, 2)
        style = ("List Number" if ordered else "List Bullet") + (f" {level + 1}" if level else "")
        num_id = self.restart_numbering(style) if ordered else None
        for li in el.iterchildren("li"):
            p = self.list_paragraph(style, num_id)
            if li.text and li.text.strip():
                self._text(p, li.text, {})
            for child in li:
                if not isinstance(child.tag, str):
                    continue
                if child.tag in ("ul", "ol"):
                    self._list(child, depth=depth + 1)
                    p = None
                elif child.tag == "p":
                    if p is None or p.runs:
                        p = self.doc.add_paragraph(style="List Continue" + (f" {level + 1}" if level else ""))
                    self._inline_children(p, child, {})
                elif child.tag in BLOCK_TAGS:
                    self._block(child)
                    p = None
                else:
                    if p is None:
                        p = self.doc.add_paragraph(style="List Continue" + (f" {level + 1}" if level else ""))
                    self._inline(p, child, {})
                if child.tail and child.tail.strip():
                    if p is None:
                        p = self.doc.add_paragraph(style="List Continue" + (f" {level + 1}" if level else ""))
                    self._text(p, child.tail, {})

    def restart_numbering(self, style: str) -> int:
        """A new Word list numbering that starts at 1 (python-docx would otherwise continue the last list)."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles[style].element.pPr.numPr.numId.val
        abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def list_paragraph(self, style: str, num_id: int | None):
        p = self.doc.add_paragraph(style=style)
        if num_id is not None:
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        return p

    def _table(self, el) -> None:
        rows = [[cell for cell in tr if cell.tag in ("th", "td")] for tr in el.iter("tr")]
        rows = [row for row in rows if row]
        if not rows:
            return
        table = self.doc.add_table(rows=0, cols=max(len(row) for row in rows))
        table.style = self.doc.styles["Table Grid"]
        for row in rows:
            for cell, td in zip(table.add_row().cells, row, strict=False):
                self._inline_children(cell.paragraphs[0], td, {"bold": True} if td.tag == "th" else {})

    def _inline_children(self, p, el, fmt: dict) -> None:
        if el.text:
            self._text(p, el.text, fmt)
        for child in el:
            if isinstance(child.tag, str):
                self._inline(p, child, fmt)
            if child.tail:
                self._text(p, child.tail, fmt)

    def _inline(self, p, el, fmt: dict) -> None:
        tag = el.tag
        if tag == "br":
            p.add_run().add_break()
        elif tag in ("strong", "b"):
            self._inline_children(p, el, {**fmt, "bold": True})
        elif tag in ("em", "i"):
            self._inline_children(p, el, {**fmt, "italic": True})
        elif tag == "code":
            self._inline_children(p, el, {**fmt, "code": True})
        elif tag == "a":
            self._link(p, el, fmt)
        else:
            self._inline_children(p, el, fmt)

    def _text(self, p, text: str, fmt: dict) -> None:
        text = re.sub(r"\s+", " ", text)
        if not p.runs:
            text = text.lstrip()
        if text:
            self.run(p, text, **fmt)

    def _link(self, p, el, fmt: dict) -> None:
        href = el.get("href", "")
        text = re.sub(r"\s+", " ", el.text_content()).strip() or href
        if not re.match(r"^(https?://|mailto:)", href):
            self._text(p, text, fmt)
            return
        run = self.run(p, text, **fmt)
        run.font.color.rgb = RGBColor.from_string(INK_BLUE)
        run.font.underline = True
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), p.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        run._r.addprevious(link)
        link.append(run._r)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
