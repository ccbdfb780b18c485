"""Agendas and minutes as DOCX (python-docx) and PDF (WeasyPrint), under the Network's header.

What a document shows is read through the meetings selectors, so a reader finds in it exactly what the
policy lets them see on the meeting's page. Markdown goes through the project's safe renderer and the
resulting HTML is walked into Word headings, lists and runs. The PDF uses the vendored Noto fonts and
fetches nothing from the network."""

from __future__ import annotations

import datetime
import io
import re
import zoneinfo
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
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

from . import choices as c
from . import selectors

UN_BLUE = "009EDB"
INK_BLUE = "0F5EA8"
DRAFT_RED = "B3261E"
LATIN_FONT = "Noto Sans"
BENGALI_FONT = "Noto Sans Bengali"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"

# The vendored @fontsource files: family in the PDF, file, weight.
FONT_FILES = [
    ("Noto Sans", "noto-sans-latin-{w}-normal.woff2"),
    ("Noto Sans Ext", "noto-sans-latin-ext-{w}-normal.woff2"),
    ("Noto Sans Bengali", "noto-sans-bengali-bengali-{w}-normal.woff2"),
]
FONT_WEIGHTS = (400, 600, 700)


# --- What goes in a document


def _zone(network) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(network.time_zone or "UTC")
    except zoneinfo.ZoneInfoNotFoundError:
        return zoneinfo.ZoneInfo("UTC")


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _when(meeting, tz) -> str:
    """'Monday 30 November 2026, 10:00–12:00 (Asia/Dhaka)' in the network's time zone."""
    starts = timezone.localtime(meeting.starts_at, tz)
    ends = timezone.localtime(meeting.ends_at, tz)
    day = formats.date_format(starts, "l j F Y")
    if ends.date() == starts.date():
        return _("%(day)s, %(start)s–%(end)s (%(zone)s time)") % {
            "day": day,
            "start": formats.time_format(starts, "H:i"),
            "end": formats.time_format(ends, "H:i"),
            "zone": tz.key,
        }
    return _("%(day)s, %(start)s to %(end_day)s, %(end)s (%(zone)s time)") % {
        "day": day,
        "start": formats.time_format(starts, "H:i"),
        "end_day": formats.date_format(ends, "l j F Y"),
        "end": formats.time_format(ends, "H:i"),
        "zone": tz.key,
    }


def _mark(minutes, superseded: bool) -> str:
    """The mark every page of the minutes carries until they are approved (and once they are replaced)."""
    if minutes is None:
        return ""
    if minutes.status == c.MinutesStatus.DRAFT:
        return _("DRAFT")
    if minutes.status == c.MinutesStatus.CIRCULATED:
        return _("CIRCULATED FOR APPROVAL")
    if superseded:
        return _("SUPERSEDED BY A CORRECTED REVISION")
    return ""


def _organisation(org) -> str:
    if org is None:
        return ""
    return f"{org.name} ({org.acronym})" if getattr(org, "acronym", "") else org.name


def _attendance_groups(rows) -> list[dict]:
    """Present, apologies and absent, each as organisations (alphabetical) with the people for them."""
    groups = []
    for status, label in c.AttendanceStatus.choices:
        by_org: dict[int, dict] = {}
        for row in rows:
            a = row.attendance
            if a.status != status:
                continue
            entry = by_org.setdefault(
                a.organisation_id, {"organisation": _organisation(a.organisation), "people": []}
            )
            name = a.person.full_name
            if row.below_level:
                name = _("%(name)s (below the required level)") % {"name": name}
            entry["people"].append(name)
        groups.append(
            {
                "status": status,
                "label": str(label),
                "organisations": sorted(by_org.values(), key=lambda e: e["organisation"].lower()),
            }
        )
    return groups


def _action_row(ap) -> dict:
    owner = _organisation(ap.owner_organisation)
    if ap.owner_person_id:
        owner = f"{ap.owner_person.full_name}, {owner}"
    return {
        "title": ap.title,
        "owner": owner,
        "due": _day(ap.due_date),
        "status": ap.get_status_display(),
        "overdue": ap.is_overdue,
    }


def _agenda_row(item) -> dict:
    bits = []
    if item.presenter_id:
        bits.append(_("presented by %(organisation)s") % {"organisation": _organisation(item.presenter)})
    if item.minutes_allotted:
        bits.append(_("%(count)s min") % {"count": item.minutes_allotted})
    return {"title": item.title, "details": " · ".join(bits), "description": item.description}


def _decision_row(d) -> dict:
    outcome = d.get_status_display()
    if d.decided_on:
        outcome = _("%(status)s on %(day)s") % {"status": outcome, "day": _day(d.decided_on)}
    return {
        "title": d.title,
        "text": d.text,
        "method": d.get_method_display(),
        "outcome": outcome,
        "explanation": d.outcome,
    }


def export_context(meeting, *, user, minutes=None) -> dict:
    """Everything an agenda (or, with `minutes`, the minutes) shows, read as `user` through the selectors."""
    tz = _zone(meeting.network)
    detail = selectors.meeting_detail(user=user, obj=meeting)
    superseded = minutes is not None and selectors.minutes_detail(user=user, obj=minutes)["is_superseded"]
    body = meeting.body
    title = _("Minutes") if minutes is not None else _("Agenda")
    status_line = ""
    if minutes is not None:
        status_line = _("Status: %(status)s · revision %(revision)s") % {
            "status": minutes.get_status_display(),
            "revision": minutes.revision,
        }
        if minutes.approved_at:
            status_line += " · " + _("approved on %(day)s") % {
                "day": _day(timezone.localdate(minutes.approved_at, tz))
            }
        elif minutes.circulated_at:
            status_line += " · " + _("circulated on %(day)s") % {
                "day": _day(timezone.localdate(minutes.circulated_at, tz))
            }
    return {
        "network": meeting.network,
        "network_name": meeting.network.name,
        "meeting": meeting,
        "title": title,
        "heading": f"{title}: {body.name}",
        "subtitle": meeting.title,
        "kind": _("%(kind)s meeting") % {"kind": meeting.get_kind_display()},
        "when": _when(meeting, tz),
        "place": meeting.location,
        "online_link": meeting.online_link,
        "cancelled": (meeting.cancel_reason or _("No reason given.")) if meeting.is_cancelled else "",
        "agenda_items": [_agenda_row(i) for i in detail["agenda_items"]],
        "matters_arising": [_action_row(ap) for ap in detail["matters_arising"]],
        "minutes": minutes,
        "status_line": status_line,
        "correction_reason": minutes.correction_reason if minutes is not None else "",
        "mark": _mark(minutes, superseded),
        "is_draft": minutes is not None and minutes.status == c.MinutesStatus.DRAFT,
        "attendance": _attendance_groups(detail["attendance_rows"]) if minutes is not None else [],
        "decisions": [_decision_row(d) for d in detail["decisions"]] if minutes is not None else [],
        "action_points": [_action_row(ap) for ap in detail["action_points"]] if minutes is not None else [],
        "generated_by": _("Generated by Mignet on %(day)s")
        % {"day": _day(timezone.localdate(timezone.now(), tz))},
    }


def export_filename(meeting, *, kind: str, extension: str, minutes=None) -> str:
    """`2026-11-30-network-plenary-minutes-rev2.pdf`: the meeting's local date, the body, the document."""
    day = timezone.localdate(meeting.starts_at, _zone(meeting.network)).isoformat()
    body = slugify(meeting.body.short_name or meeting.body.name) or "meeting"
    revision = f"-rev{minutes.revision}" if minutes is not None and minutes.revision > 1 else ""
    return f"{day}-{body}-{kind}{revision}.{extension}"


# --- DOCX


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
        num_id = self._restart_numbering(style) if ordered else None
        for li in el.iterchildren("li"):
            p = self._list_paragraph(style, num_id)
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

    def _restart_numbering(self, style: str) -> int:
        """A new Word list numbering that starts at 1 (python-docx would otherwise continue the last list)."""
        numbering = self.doc.part.numbering_part.element
        style_num = self.doc.styles[style].element.pPr.numPr.numId.val
        abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId

    def _list_paragraph(self, style: str, num_id: int | None):
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


def _docx(ctx: dict) -> bytes:
    w = DocxWriter(ctx)
    doc = w.doc
    if ctx["mark"]:
        mark = w.run(w.paragraph(), ctx["mark"], bold=True)
        mark.font.size = Pt(16)
        mark.font.color.rgb = RGBColor.from_string(DRAFT_RED)
    doc.add_heading(ctx["heading"], level=0)
    if ctx["subtitle"]:
        w.paragraph(ctx["subtitle"], bold=True)
    facts = [(_("When"), ctx["when"]), (_("Kind"), ctx["kind"])]
    if ctx["place"]:
        facts.append((_("Place"), ctx["place"]))
    if ctx["online_link"]:
        facts.append((_("Online"), ctx["online_link"]))
    if ctx["status_line"]:
        facts.append((_("Minutes"), ctx["status_line"]))
    if ctx["correction_reason"]:
        facts.append((_("Corrected"), ctx["correction_reason"]))
    for label, value in facts:
        p = w.paragraph()
        p.paragraph_format.space_after = Pt(2)
        w.run(p, f"{label}: ", bold=True)
        w.run(p, value)
    if ctx["cancelled"]:
        p = w.paragraph()
        w.run(p, _("This meeting was cancelled: %(reason)s") % {"reason": ctx["cancelled"]}, bold=True)

    if ctx["minutes"] is not None:
        w.heading(_("Attendance"), 1)
        for group in ctx["attendance"]:
            w.heading(group["label"], 2)
            if not group["organisations"]:
                w.paragraph(_("None recorded."))
            for entry in group["organisations"]:
                p = w.paragraph(style="List Bullet")
                w.run(p, entry["organisation"] + ": ", bold=True)
                w.run(p, ", ".join(entry["people"]))

    w.heading(_("Agenda"), 1)
    if not ctx["agenda_items"]:
        w.paragraph(_("No agenda items yet."))
    num_id = w._restart_numbering("List Number") if ctx["agenda_items"] else None
    for item in ctx["agenda_items"]:
        p = w._list_paragraph("List Number", num_id)
        w.run(p, item["title"], bold=True)
        if item["details"]:
            w.run(p, f" — {item['details']}")
        if item["description"]:
            w.markdown(item["description"], top_level=3)

    w.heading(_("Matters arising"), 1)
    if ctx["matters_arising"]:
        w.paragraph(_("Action points still open from earlier meetings and decisions."))
        w.table(
            [_("Action"), _("Owner"), _("Due"), _("Status")],
            [[a["title"], a["owner"], a["due"], a["status"]] for a in ctx["matters_arising"]],
        )
    else:
        w.paragraph(_("No open action points from earlier meetings."))

    if ctx["minutes"] is not None:
        w.heading(_("Proceedings"), 1)
        w.markdown(ctx["minutes"].text, top_level=2)

        w.heading(_("Decisions"), 1)
        if not ctx["decisions"]:
            w.paragraph(_("No decision was taken in this meeting."))
        for d in ctx["decisions"]:
            w.heading(d["title"], 2)
            w.markdown(d["text"], top_level=3)
            p = w.paragraph()
            w.run(p, _("Method") + ": ", bold=True)
            w.run(p, d["method"])
            w.run(p, " · ")
            w.run(p, _("Outcome") + ": ", bold=True)
            w.run(p, d["outcome"])
            if d["explanation"]:
                w.paragraph(d["explanation"])

        w.heading(_("Action points"), 1)
        if ctx["action_points"]:
            w.table(
                [_("Action"), _("Owner"), _("Due"), _("Status")],
                [[a["title"], a["owner"], a["due"], a["status"]] for a in ctx["action_points"]],
            )
        else:
            w.paragraph(_("No action points were assigned in this meeting."))
    return w.save()


def agenda_docx(meeting, *, user) -> bytes:
    """The meeting's agenda as a Word document under the Network's header."""
    return _docx(export_context(meeting, user=user))


def minutes_docx(minutes, *, user) -> bytes:
    """These minutes (this revision) as a Word document under the Network's header."""
    return _docx(export_context(minutes.meeting, user=user, minutes=minutes))


# --- PDF


def _font_dir() -> Path:
    found = finders.find("vendor/fonts/" + FONT_FILES[0][1].format(w=400))
    if found:
        return Path(found).resolve().parent
    from django.conf import settings

    return (Path(settings.BASE_DIR) / "static" / "vendor" / "fonts").resolve()


def _font_faces() -> list[dict]:
    folder = _font_dir()
    return [
        {"family": family, "weight": weight, "url": (folder / pattern.format(w=weight)).as_uri()}
        for family, pattern in FONT_FILES
        for weight in FONT_WEIGHTS
        if (folder / pattern.format(w=weight)).exists()
    ]


def _fetcher():
    """A URL fetcher that reads the vendored fonts and nothing else: no network, no other file."""
    from weasyprint.urls import URLFetcher

    folder = _font_dir()

    class LocalFontsFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file:"):
                from urllib.parse import unquote, urlparse

                path = Path(unquote(urlparse(url).path)).resolve()
                if path.parent == folder:
                    return super().fetch(url, headers)
            raise ValueError(f"Refused to fetch {url!r} while rendering an export")

    return LocalFontsFetcher()


def _pdf(ctx: dict, template: str) -> bytes:
    from weasyprint import HTML

    ctx = {**ctx, "font_faces": _font_faces()}
    html = render_to_string(f"meetings/export/{template}", ctx)
    return HTML(string=html, base_url=_font_dir().as_uri() + "/", url_fetcher=_fetcher()).write_pdf()


def agenda_pdf(meeting, *, user) -> bytes:
    """The meeting's agenda as a PDF under the Network's header, in the vendored Noto fonts."""
    return _pdf(export_context(meeting, user=user), "agenda.html")


def minutes_pdf(minutes, *, user) -> bytes:
    """These minutes (this revision) as a PDF; draft minutes carry a DRAFT mark on every page."""
    return _pdf(export_context(minutes.meeting, user=user, minutes=minutes), "minutes.html")
