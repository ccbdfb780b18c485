"""Agendas and minutes as DOCX (python-docx) and PDF (WeasyPrint), under the Network's header.

What a document shows is read through the meetings selectors, so a reader finds in it exactly what the
policy lets them see on the meeting's page. Markdown goes through the project's safe renderer and the
resulting HTML is walked into Word headings, lists and runs. The PDF uses the vendored Noto fonts and
fetches nothing from the network."""

from __future__ import annotations

import datetime
import zoneinfo
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from docx.shared import Pt, RGBColor

from . import choices as c
from . import selectors
from .word import DRAFT_RED, DocxWriter

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


def _impediment_row(imp, tz) -> dict:
    raised_by = (
        imp.raised_by_body.name if imp.raised_by_body_id else _organisation(imp.raised_by_organisation)
    )
    escalated = getattr(imp, "escalated_at", None)
    return {
        "title": imp.title,
        "raised_by": raised_by,
        "category": imp.get_category_display(),
        "severity": imp.get_severity_display(),
        "escalated": _day(timezone.localdate(escalated, tz)) if escalated else "",
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
        "show_impediments": detail["is_plenary"],
        "impediments": [_impediment_row(i, tz) for i in detail["network_impediments"]],
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
    num_id = w.restart_numbering("List Number") if ctx["agenda_items"] else None
    for item in ctx["agenda_items"]:
        p = w.list_paragraph("List Number", num_id)
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

    if ctx["show_impediments"]:
        w.heading(_("Impediments for the Network to address with the Government"), 1)
        if ctx["impediments"]:
            w.table(
                [_("Impediment"), _("Raised by"), _("Category"), _("Severity"), _("Escalated")],
                [
                    [i["title"], i["raised_by"], i["category"], i["severity"], i["escalated"]]
                    for i in ctx["impediments"]
                ],
            )
        else:
            w.paragraph(_("No impediments escalated to the Network are waiting."))

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
