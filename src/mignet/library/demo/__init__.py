"""Demo knowledge library of the Bangladesh Network, marked `is_demo`: about thirty resources with real files,
six capacity-building requests, and library documents on the next Network meeting's agenda.

Everything goes through the library's services, as a person would: files are uploaded (checked by their
content, their text extracted), drafts are sent for review by the demo accounts that added them and
published or returned by someone else (the secretariat, or the chair for what the secretariat added).
Requests move step by step with dated notes. Afterwards the rows' dates are moved back in time so the
library has a history (publication dates spread over two years, history entries dated to match).

`load()` is idempotent: resources and requests are found by title, and nothing is generated or changed
for an item that exists. Generated files are cached per process (documents.cached)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mignet.accounts.models import User
from mignet.core.models import GCMObjective, GovernmentBody, GuidingPrinciple, SDGTarget
from mignet.network import choices as nc
from mignet.network.demo import ACCOUNTS
from mignet.network.models import Body, Organisation, ThematicArea

from .. import choices as c
from .. import services
from ..models import CapacityRequest, CapacityRequestStep, Resource, ResourceVersion
from . import documents
from .content import AGENDA, REQUESTS, RESOURCES

DAY = datetime.timedelta(days=1)
TWG_NAMES = {
    "lm": "Labour Migration TWG",
    "ct": "Counter-Trafficking TWG",
    "md": "Diaspora & Development TWG",
}
LABELS = {
    "en": {"kind": "Type", "authors": "Authors", "body": "Produced by", "date": "Date", "version": "Version"},
    "bn": {"kind": "ধরন", "authors": "প্রণেতা", "body": "প্রস্তুতকারী", "date": "তারিখ", "version": "সংস্করণ"},
}
FRAMEWORKS = {"en": "Frameworks this document serves", "bn": "সংশ্লিষ্ট কাঠামো (জিসিএম ও এসডিজি)"}


class _Loader:
    def __init__(self, network):
        self.network = network
        self.tz = zoneinfo.ZoneInfo(network.time_zone or "Asia/Dhaka")
        self.now = timezone.now()
        self.today = timezone.localdate(self.now, self.tz)
        self.users = {key: User.objects.filter(email=email).first() for key, email in ACCOUNTS.items()}
        self.orgs = {o.acronym: o for o in Organisation.objects.filter(network=network).exclude(acronym="")}
        self.bodies = {
            key: Body.objects.filter(network=network, kind=nc.BodyKind.TWG, short_name=name).first()
            for key, name in TWG_NAMES.items()
        }
        self.bodies["plenary"] = Body.objects.filter(network=network, kind=nc.BodyKind.PLENARY).first()
        self.gcm = {o.number: o for o in GCMObjective.objects.all()}
        self.principles = {p.letter: p for p in GuidingPrinciple.objects.all()}
        self.sdg = {t.code: t for t in SDGTarget.objects.all()}
        self.themes = {t.name: t for t in ThematicArea.objects.filter(network=network)}
        self.government = {g.acronym: g for g in GovernmentBody.objects.filter(country="BD")}
        self.created = 0

    def at(self, day: datetime.date, hour: int = 10) -> datetime.datetime:
        """That day at that hour in Dhaka, and never later than a minute before this load began (so what
        `stamp` dates is never taken for what is happening now)."""
        return min(
            datetime.datetime.combine(day, datetime.time(hour), tzinfo=self.tz),
            self.now - datetime.timedelta(minutes=1),
        )

    # --- files

    def document(self, spec: dict, *, number: int, day: datetime.date, drop=()) -> documents.Doc:
        """The document of a resource: its facts, its sections and the frameworks it serves."""
        lang = spec.get("language", "en")
        labels = LABELS[lang]
        body = self.bodies.get(spec["body"]) if spec["body"] else None
        facts = [
            (labels["kind"], str(c.ResourceKind(spec["kind"]).label)),
            (labels["authors"], ", ".join(self.orgs[a].name for a in spec["authors"] if a in self.orgs)),
            (labels["body"], body.name if body else self.network.name),
            (labels["date"], day.strftime("%d %B %Y")),
            (labels["version"], str(number)),
        ]
        sections = [
            documents.Section(
                s.heading,
                [p for p in s.paragraphs if not any(d in p for d in drop)],
                [b for b in s.bullets if not any(d in b for d in drop)],
                s.table,
            )
            for s in spec.get("sections", [])
            if s.heading not in drop
        ]
        frameworks = [
            *(f"GCM objective {n}: {self.gcm[n].full_title}" for n in spec["gcm"] if n in self.gcm),
            *(f"Guiding principle {self.principles[g]}" for g in spec["gp"] if g in self.principles),
            *(f"SDG target {t}: {self.sdg[t].text}" for t in spec["sdg"] if t in self.sdg),
        ]
        if frameworks:
            sections.append(documents.Section(FRAMEWORKS[lang], [], frameworks))
        return documents.Doc(
            spec["title"], language=lang, facts=facts, sections=sections, mark=spec.get("mark", "")
        )

    def file(self, spec: dict, *, number: int, day: datetime.date, drop=(), suffix="") -> ContentFile:
        fmt, stem = spec["fmt"], spec["file"] + suffix
        name = f"{stem}.{fmt}"
        if fmt == "pdf":
            data = documents.cached(
                name, lambda: documents.pdf(self.document(spec, number=number, day=day, drop=drop))
            )
        elif fmt == "docx":
            data = documents.cached(
                name, lambda: documents.docx(self.document(spec, number=number, day=day, drop=drop))
            )
        elif fmt == "pptx":
            data = documents.cached(
                name,
                lambda: documents.pptx(
                    spec["title"], _authors_line(self, spec), spec["slides"], spec["notes"]
                ),
            )
        elif fmt == "csv":
            data = documents.cached(name, _recruitment_costs_csv)
        elif fmt == "xlsx":
            data = documents.cached(name, lambda: _returnee_survey_xlsx(spec["title"]))
        else:
            raise ValueError(fmt)
        return ContentFile(data, name=name)

    # --- resources

    def resources(self) -> None:
        for spec in RESOURCES:
            if not Resource.all_objects.filter(network=self.network, title=spec["title"]).exists():
                self.resource(spec)

    def resource(self, spec: dict) -> Resource:
        author = self.users[spec["by"]]
        reviewer = self.users["chair" if spec["by"] == "secretariat" else "secretariat"]
        state = spec.get("state", "published")
        # When things happened: published `ago` days before today; otherwise sent, returned or started then.
        moment = self.today - spec["ago"] * DAY
        if state == "published":
            created, submitted, decided = moment - 30 * DAY, moment - 4 * DAY, moment
        elif state == "returned":
            created, submitted, decided = moment - 16 * DAY, moment - 6 * DAY, moment
        elif state == "in_review":
            created, submitted, decided = moment - 10 * DAY, moment, None
        else:
            created, submitted, decided = moment, None, None
        uploads = []  # (day, upload or link, note)
        first = spec.get("first_draft")
        if spec["fmt"] == "link":
            uploads.append((created, spec["link"], ""))
        elif first:
            start = moment - first["days_before"] * DAY
            created = min(created, start)
            uploads.append(
                (
                    start,
                    self.file(spec, number=1, day=start, drop=first["drop"], suffix="-draft"),
                    first["note"],
                )
            )
            day = (submitted or moment) - 4 * DAY
            uploads.append((day, self.file(spec, number=2, day=day, suffix="-v2"), spec["note"]))
        else:
            uploads.append((created, self.file(spec, number=1, day=created), spec.get("note", "")))
        date_of_document = datetime.date.fromisoformat(spec["date"]) if spec.get("date") else uploads[-1][0]

        _day, first_upload, first_note = uploads[0]
        created_at = self.at(created, 9)
        submitted_at = self.at(submitted, 11) if submitted else None
        decided_at = self.at(decided, 15) if decided else None
        resource = services.resource_create(
            actor=author,
            network=self.network,
            data={
                "kind": spec["kind"],
                "title": spec["title"],
                "abstract": spec["abstract"],
                "body": self.bodies.get(spec["body"]) if spec["body"] else None,
                "language": spec.get("language", c.Language.ENGLISH),
                "published_on": date_of_document,
                **({"visibility": spec["vis"]} if spec["by"] == "secretariat" else {}),
            },
            m2m={
                "authors": [self.orgs[a] for a in spec["authors"] if a in self.orgs],
                "gcm_objectives": [self.gcm[n] for n in spec["gcm"] if n in self.gcm],
                "guiding_principles": [self.principles[g] for g in spec["gp"] if g in self.principles],
                "sdg_targets": [self.sdg[t] for t in spec["sdg"] if t in self.sdg],
                "thematic_areas": [self.themes[t] for t in spec["themes"] if t in self.themes],
            },
            **({"link": first_upload} if isinstance(first_upload, str) else {"upload": first_upload}),
            note=first_note,
        )
        self.extract(resource)
        self.stamp(resource, created_at)
        for day, upload, note in uploads[1:]:
            services.version_upload(actor=author, resource=resource, upload=upload, note=note)
            self.extract(resource)
            self.stamp(resource, self.at(day, 12))
        if state != "draft":
            resource = services.resource_submit(actor=author, instance=resource)
            self.stamp(resource, submitted_at)
            if resource.visibility != spec["vis"]:  # who may read it is the secretariat's call (at review)
                resource = services.resource_update(
                    actor=self.users["secretariat"],
                    instance=resource,
                    version=resource.version,
                    data={"visibility": spec["vis"]},
                )
                self.stamp(resource, submitted_at + datetime.timedelta(hours=2))
        if state == "published":
            services.resource_publish(actor=reviewer, instance=resource)
        elif state == "returned":
            services.resource_return(actor=reviewer, instance=resource, comment=spec["comment"])
        if decided_at:
            self.stamp(resource, decided_at)
        Resource.all_objects.filter(pk=resource.pk).update(
            is_demo=True,
            created_at=created_at,
            updated_at=decided_at or submitted_at or self.at(uploads[-1][0], 12),
            submitted_at=submitted_at,
            published_at=decided_at if state == "published" else None,
        )
        self.created += 1 + len(uploads)
        return resource

    def extract(self, resource: Resource) -> None:
        """Extract the text now (the background task finds nothing left to do), so the demo is searchable
        at once whether or not a worker runs."""
        for pk in resource.versions.filter(text_status=c.TextStatus.PENDING).values_list("pk", flat=True):
            services.version_extract(version_id=pk)

    def stamp(self, obj, when: datetime.datetime) -> None:
        """Date what just happened to `obj` (its new history entries; a new version's row) at `when`."""
        model = type(obj)
        model.history.filter(id=obj.pk, history_date__gte=self.now).update(history_date=when)
        if model is Resource:
            fresh = ResourceVersion.all_objects.filter(resource=obj, created_at__gte=self.now)
            ResourceVersion.history.filter(
                id__in=list(fresh.values_list("pk", flat=True)), history_date__gte=self.now
            ).update(history_date=when)
            fresh.update(is_demo=True, created_at=when, updated_at=when)
        elif model is CapacityRequest:
            CapacityRequestStep.history.filter(request_id=obj.pk, history_date__gte=self.now).update(
                history_date=when
            )

    # --- capacity-building requests

    def requests(self) -> None:
        actor = self.users["secretariat"]
        for spec in REQUESTS:
            if CapacityRequest.all_objects.filter(network=self.network, title=spec["title"]).exists():
                continue
            received = self.today - spec["ago"] * DAY
            government = self.government.get(spec.get("government_body", ""))
            requester = self.orgs.get(spec.get("requester") or spec.get("government_body", ""))
            request = services.capacity_request_create(
                actor=actor,
                network=self.network,
                data={
                    "title": spec["title"],
                    "description": spec["description"],
                    "requester": requester,
                    "government_body": government,
                    "contact": spec["contact"],
                    "urgency": spec["urgency"],
                    "received_on": received,
                    "needed_by": received + 120 * DAY,
                },
                m2m={"gcm_objectives": [self.gcm[n] for n in spec["gcm"] if n in self.gcm]},
            )
            when = self.at(received, 9)
            self.stamp(request, when)
            for status, days, note in spec["steps"]:
                when = self.at(received + days * DAY, 11)
                if status == c.RequestStatus.MATCHED:
                    request = services.capacity_request_update(
                        actor=actor,
                        instance=request,
                        version=request.version,
                        data={},
                        m2m={"supporting_organisations": [self.orgs[a] for a in spec["supporting"]]},
                    )
                request = services.capacity_request_advance(
                    actor=actor, instance=request, status=status, note=note, on=when.date()
                )
                self.stamp(request, when)
            if spec["resources"]:
                papers = Resource.objects.filter(network=self.network, title__in=spec["resources"])
                services.capacity_request_update(
                    actor=actor,
                    instance=request,
                    version=request.version,
                    data={},
                    m2m={"resources": list(papers)},
                )
                self.stamp(request, when)
            CapacityRequest.all_objects.filter(pk=request.pk).update(
                is_demo=True, created_at=self.at(received, 9), updated_at=when
            )
            for step in CapacityRequestStep.objects.filter(request=request):
                CapacityRequestStep.objects.filter(pk=step.pk).update(
                    is_demo=True, created_at=self.at(step.on, 11), updated_at=self.at(step.on, 11)
                )
            self.created += 1 + len(spec["steps"])

    # --- the next Network meeting's agenda

    def agenda(self) -> None:
        from mignet.meetings import choices as mc
        from mignet.meetings import services as meeting_services
        from mignet.meetings.models import Meeting

        meeting = (
            Meeting.objects.filter(
                network=self.network,
                body=self.bodies["plenary"],
                status=mc.MeetingStatus.SCHEDULED,
                starts_at__gt=self.now,
            )
            .order_by("starts_at")
            .first()
        )
        if meeting is None:
            return
        for item in meeting.agenda_items.all():
            titles = AGENDA.get(item.title)
            if not titles or item.resources.exists():
                continue
            papers = list(
                Resource.objects.filter(
                    network=self.network, title__in=titles, status=c.ReviewStatus.PUBLISHED
                )
            )
            if papers:
                meeting_services.agenda_item_update(
                    actor=self.users["secretariat"],
                    instance=item,
                    version=item.version,
                    data={},
                    m2m={"resources": papers},
                )


def _authors_line(loader: _Loader, spec: dict) -> str:
    return ", ".join(loader.orgs[a].name for a in spec["authors"] if a in loader.orgs)


def _recruitment_costs_csv() -> bytes:
    """Invented costs by destination, sex and occupation group (a seeded generator: the same every run)."""
    import random

    rng = random.Random("demo-recruitment-costs")
    rows = [
        [
            "destination",
            "sex",
            "occupation_group",
            "workers_surveyed",
            "median_cost_bdt",
            "median_months_of_wages",
            "note",
        ]
    ]
    destinations = [
        "Saudi Arabia",
        "United Arab Emirates",
        "Oman",
        "Qatar",
        "Kuwait",
        "Malaysia",
        "Singapore",
    ]
    for destination in destinations:
        for sex in ("female", "male"):
            for group in ("construction", "domestic work", "manufacturing", "services"):
                if sex == "female" and group == "construction":
                    continue
                cost = rng.randrange(150, 650) * 1000 // (2 if sex == "female" else 1)
                rows.append(
                    [
                        destination,
                        sex,
                        group,
                        rng.randint(20, 180),
                        cost,
                        round(cost / 30000, 1),
                        "illustrative",
                    ]
                )
    return documents.csv_bytes(rows)


def _returnee_survey_xlsx(title: str) -> bytes:
    import random

    rng = random.Random("demo-returnee-survey")
    districts = ["Cumilla", "Chattogram", "Tangail", "Brahmanbaria", "Narsingdi", "Munshiganj", "Kishoreganj"]
    reasons = ["contract ended", "lost job", "health", "family reasons", "wage theft", "deported"]
    rows = [
        [
            "respondent",
            "district",
            "sex",
            "age_group",
            "months_abroad",
            "reason_for_return",
            "employed_6_months",
        ]
    ]
    for n in range(1, 121):
        rows.append(
            [
                f"R{n:04d}",
                rng.choice(districts),
                rng.choice(["female", "male", "male"]),
                rng.choice(["18-24", "25-34", "35-44", "45+"]),
                rng.randint(3, 120),
                rng.choice(reasons),
                rng.choice(["yes", "no", "no"]),
            ]
        )
    codebook = [
        ["variable", "meaning"],
        ["respondent", "Invented respondent code"],
        ["months_abroad", "Months spent abroad on the last migration"],
        ["employed_6_months", "In paid work or self-employed six months after return"],
    ]
    return documents.xlsx(
        title,
        [("Respondents", rows), ("Code book", codebook)],
        ["Invented sample of 120 returnees, to show how a dataset is kept in the library."],
    )


@transaction.atomic
def load(network) -> int:
    """Add the demo library, capacity-building requests and agenda papers of `network`. Returns rows created."""
    loader = _Loader(network)
    if any(loader.users[key] is None for key in ("secretariat", "member", "chair", "partner")):
        return 0  # the demo accounts come from network.demo.load()
    loader.resources()
    loader.requests()
    loader.agenda()
    return loader.created
