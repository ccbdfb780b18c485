"""Synthetic plans for `mignet generate`: per network, framework items, one annual work plan of the plenary
per year (closed before this year, approved this year by an adopted written decision) and, for national
networks, a three-year GCM action plan; each a results tree (three outcomes of two outputs) with activities
tied to the frameworks, indicators with targets and quarterly measurements (half by sex), this year's
quarterly progress reports (about one organisation in ten late for the last quarter), impediments at every
stage with their steps, and joint-programming priorities (some promoted into activities).

Activities over all networks: ≈ 200 at `small`, ≈ 2 000 at `national` (≈ 6 000 indicators and targets,
≈ 40 000 measurements) and ≈ 100 000 at `global` (80 networks over up to ten years; ≈ 150 000 indicators,
≈ 1 000 000 measurements), shared by the networks' numbers of organisations.

Called by `mignet.network.generate.generate()` once a network's meetings are written (`write(builder)`).
Rows and many-to-many links go in with `bulk_create` in batches; every row passes `clean()` rules by
construction (dates inside the plan, codes from the tree, markers with a justification). Deterministic for
a seed and day, with its own random stream.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from decimal import Decimal

from mignet.core.choices import Visibility
from mignet.core.models import District, GCMObjective, GovernmentBody, GuidingPrinciple, SDGTarget
from mignet.network import choices as nc
from mignet.network.models import Body, Membership, Organisation, ThematicArea

from . import choices as c
from .models import (
    Activity,
    FrameworkItem,
    Impediment,
    ImpedimentStep,
    Indicator,
    JointPriority,
    Measurement,
    Plan,
    PlanVersion,
    ProgressReport,
    ProgressUpdate,
    Result,
    Target,
    period_bounds,
)

ACTIVITIES = {"small": 200, "national": 2_000, "global": 100_000}
INDICATORS_PER_ACTIVITY = {"small": 3.0, "national": 3.0, "global": 1.5}
BY_SEX_SHARE = 0.5
LATE_SHARE = 0.1
D = Decimal
DAY = datetime.timedelta(days=1)

TOPICS = [
    "fair recruitment",
    "pre-departure orientation",
    "counter-trafficking awareness",
    "reintegration of returnees",
    "climate mobility research",
    "remittance costs",
    "migrant workers' health",
    "skills recognition",
    "consular protection",
    "diaspora engagement",
    "migration data",
    "alternatives to detention",
    "women migrant workers' helpline",
    "child protection referrals",
    "border management and human rights",
]
VERBS = [
    "Training on",
    "Community sessions on",
    "Technical support for",
    "Study on",
    "Campaign on",
    "Services for",
]
OUTCOMES = [
    "Migration is safe, orderly and regular",
    "Migrants' rights are protected at every stage",
    "Migration contributes to sustainable development",
    "Migration is governed with data and evidence",
    "Trafficking and smuggling are prevented",
]
OUTPUTS = [
    "Institutions have the skills and tools they need",
    "Communities are informed",
    "Services reach migrants and their families",
    "Evidence informs policy",
    "Partners coordinate their work",
    "Policies and laws are improved",
]
UNSDCF = [
    "Inclusive and sustainable economic development",
    "Equitable human development and well-being",
    "Sustainable, healthy and resilient environment",
    "Transformative, participatory and inclusive governance",
    "Gender equality and eliminating gender-based violence",
]
PRIORITIES = [
    "Safe, orderly and regular labour migration",
    "Skills development for overseas employment",
    "Prevention of trafficking in persons",
    "Reintegration of returnees",
    "Remittances and diaspora investment",
]
IMPEDIMENTS = [
    ("Permits for field staff are delayed", c.ImpedimentCategory.ACCESS),
    ("No funding for the second year", c.ImpedimentCategory.FUNDING),
    ("The ministry has not issued the implementing rules", c.ImpedimentCategory.POLICY),
    ("Administrative data are not shared", c.ImpedimentCategory.DATA),
    ("Overlapping meetings with the cluster", c.ImpedimentCategory.COORDINATION),
    ("Flooding cut access to the districts", c.ImpedimentCategory.OTHER),
]
NOTES = {
    c.ImpedimentStage.NETWORK: "The TWG cannot solve it alone; the Network takes it up.",
    c.ImpedimentStage.GOVERNMENT: "Raised by the Network with the Government.",
    c.ImpedimentStage.RESOLVED: "Solved: the activity goes ahead.",
}
CLOSED_MIX = (
    [c.ActivityStatus.COMPLETED, c.ActivityStatus.DELAYED, c.ActivityStatus.CANCELLED],
    [75, 15, 10],
)
CURRENT_MIX = (
    [
        c.ActivityStatus.ONGOING,
        c.ActivityStatus.COMPLETED,
        c.ActivityStatus.DELAYED,
        c.ActivityStatus.PLANNED,
        c.ActivityStatus.CANCELLED,
    ],
    [45, 15, 15, 20, 5],
)
M2M = [
    ("partners", "organisation"),
    ("gcm_objectives", "gcmobjective"),
    ("guiding_principles", "guidingprinciple"),
    ("sdg_targets", "sdgtarget"),
    ("thematic_areas", "thematicarea"),
    ("districts", "district"),
]
ORDER = [
    FrameworkItem,
    JointPriority,
    Plan,
    Result,
    Activity,
    Indicator,
    PlanVersion,
    ProgressReport,
    ProgressUpdate,
    Impediment,
    ImpedimentStep,
]


def _shares(scale: str, seed: int) -> dict[str, int]:
    """Activities per network: the scale's total shared by organisations, summing exactly to the total."""
    from mignet.network.generate import network_specs

    specs = network_specs(scale, seed)
    weight = sum(s.organisations for s in specs)
    shares, done, cumulative = {}, 0, 0
    for spec in specs:
        cumulative += spec.organisations
        upto = round(ACTIVITIES[scale] * cumulative / weight)
        shares[spec.slug] = upto - done
        done = upto
    return shares


def _quarters(start: datetime.date, end: datetime.date, today: datetime.date) -> list[tuple[int, int]]:
    """The quarters from `start` to `end` that have ended by `today`."""
    out = []
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while True:
        first, last = period_bounds(f"{year}-Q{quarter}")
        if first > end or last >= today:
            return out
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


class _Ref:
    """Reference data, read once per run."""

    def __init__(self) -> None:
        self.gcm = list(GCMObjective.objects.order_by("number"))
        self.principles = list(GuidingPrinciple.objects.order_by("letter"))
        self.sdg = list(SDGTarget.objects.order_by("code"))
        self.districts = list(District.objects.order_by("name"))
        self.government = list(GovernmentBody.objects.order_by("pk")[:30])


class _PlansBuilder:
    def __init__(self, builder, ref: _Ref):
        self.b = builder
        self.ref = ref
        self.network = builder.network
        self.today = builder.today
        self.now = datetime.datetime.combine(self.today, datetime.time(12), tzinfo=datetime.UTC)
        self.rng = random.Random(f"{builder.seed}:{builder.spec.slug}:plans")
        self.rows: dict[type, list] = defaultdict(list)
        self.links: dict[str, list] = defaultdict(list)  # through model name -> rows
        rows = builder.out.rows
        self.orgs = [o for o in rows[Organisation] if o.kind != nc.OrganisationKind.GOVERNMENT] or rows[
            Organisation
        ]
        self.bodies = rows[Body]
        self.plenary = next(b for b in self.bodies if b.kind == nc.BodyKind.PLENARY)
        self.twgs = [b for b in self.bodies if b.kind == nc.BodyKind.TWG]
        self.themes = rows.get(ThematicArea, [])
        self.memberships = [m for m in rows.get(Membership, []) if m.body is self.plenary]
        self.share = _shares(builder.scale, builder.seed).get(builder.spec.slug, 0)
        self.per_activity = INDICATORS_PER_ACTIVITY[builder.scale]
        self.decisions: list = []
        self.positions: list = []
        self.measures: list[tuple] = []
        self.targets: list[tuple] = []

    def add(self, obj):
        self.rows[type(obj)].append(obj)
        return obj

    def at(self, day: datetime.date, hour: int = 9) -> datetime.datetime:
        return min(datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC), self.now)

    def link(self, field: str, activity, targets) -> None:
        for target in targets:
            self.links[field].append((activity, target))

    # --- building

    def run(self) -> None:
        first_year = max(self.b.established.year, self.today.year - 9)
        years = list(range(first_year, self.today.year + 1))
        self.frameworks = {
            kind: [
                self.add(
                    FrameworkItem(
                        network=self.network,
                        kind=kind,
                        code=str(n + 1) if kind == c.FrameworkKind.UNSDCF_OUTCOME else f"GP{n + 1}",
                        title=title,
                        source="Generated",
                        visibility=Visibility.NETWORK,
                        created_at=self.at(datetime.date(first_year, 1, 1) - 30 * DAY),
                    )
                )
                for n, title in enumerate(titles)
            ]
            for kind, titles in (
                (c.FrameworkKind.UNSDCF_OUTCOME, UNSDCF),
                (c.FrameworkKind.GOVERNMENT_PRIORITY, PRIORITIES),
            )
        }
        self.priorities = self.make_priorities()
        plans = []
        for year in years:
            status = c.PlanStatus.CLOSED if year < self.today.year else c.PlanStatus.APPROVED
            plans.append(
                (
                    f"Work plan {year}",
                    c.PlanKind.WORK_PLAN,
                    datetime.date(year, 1, 1),
                    datetime.date(year, 12, 31),
                    status,
                )
            )
        if self.b.spec.level == nc.NetworkLevel.NATIONAL:
            y = self.today.year
            plans.append(
                (
                    f"National GCM action plan {y - 1}–{y + 1}",
                    c.PlanKind.GCM_ACTION_PLAN,
                    datetime.date(y - 1, 1, 1),
                    datetime.date(y + 1, 12, 31),
                    c.PlanStatus.APPROVED,
                )
            )
        weights = [1.5 if kind == c.PlanKind.GCM_ACTION_PLAN else 1.0 for _t, kind, *_ in plans]
        total = sum(weights)
        counts = [int(self.share * w / total) for w in weights]
        for i in range(self.share - sum(counts)):
            counts[-1 - (i % len(counts))] += 1
        for (title, kind, start, end, status), n in zip(plans, counts, strict=True):
            plan = self.make_plan(title, kind, start, end, status, n)
            if status == c.PlanStatus.APPROVED:
                self.make_reports(plan)
        self.make_impediments()

    def make_priorities(self) -> list[JointPriority]:
        rng = self.rng
        out = []
        for body in self.twgs[:5]:
            for _ in range(2):
                topic = rng.choice(TOPICS)
                priority = self.add(
                    JointPriority(
                        network=self.network,
                        body=body,
                        kind=rng.choice(list(c.PriorityKind.values)),
                        title=f"Joint work on {topic}",
                        description=f"The members propose to work together on {topic}.",
                        proposed_by=rng.choice(self.orgs),
                        status=c.PriorityStatus.PROPOSED,
                        visibility=Visibility.NETWORK,
                        created_at=self.at(self.today - rng.randint(30, 700) * DAY),
                    )
                )
                self.links["priority_supporters"] += [
                    (priority, o) for o in rng.sample(self.orgs, min(3, len(self.orgs)))
                ]
                self.links["priority_gcm"] += [(priority, g) for g in rng.sample(self.ref.gcm, 2)]
                out.append(priority)
        return out

    def make_plan(self, title, kind, start, end, status, n_activities) -> Plan:
        rng = self.rng
        created = self.at(start - 60 * DAY)
        approved = self.at(start - 20 * DAY, 11)
        plan = self.add(
            Plan(
                network=self.network,
                body=self.plenary,
                kind=kind,
                title=title,
                summary="What the Network and its members plan to do together.",
                start_date=start,
                end_date=end,
                status=status,
                approved_version=1,
                submitted_at=self.at(start - 40 * DAY),
                approved_at=approved,
                visibility=Visibility.NETWORK,
                created_at=created,
            )
        )
        approved = self.approve(plan, approved)
        outcomes, outputs = [], []
        for i, text in enumerate(rng.sample(OUTCOMES, 3), start=1):
            outcome = self.add(
                Result(
                    network=self.network,
                    plan=plan,
                    level=c.ResultLevel.OUTCOME,
                    code=str(i),
                    position=i,
                    title=text,
                    visibility=plan.visibility,
                    created_at=created,
                )
            )
            outcomes.append(outcome)
            for j, out_text in enumerate(rng.sample(OUTPUTS, 2), start=1):
                outputs.append(
                    self.add(
                        Result(
                            network=self.network,
                            plan=plan,
                            parent=outcome,
                            level=c.ResultLevel.OUTPUT,
                            code=f"{i}.{j}",
                            position=j,
                            title=out_text,
                            visibility=plan.visibility,
                            created_at=created,
                        )
                    )
                )
        years = list(range(start.year, end.year + 1))
        for outcome in outcomes:
            self.make_indicator(plan, outcome.code, 1, years, result=outcome, quarters=[])
        positions: Counter = Counter()
        snapshot = []
        closed = status == c.PlanStatus.CLOSED
        mix = CLOSED_MIX if closed else CURRENT_MIX
        plan._activities = []
        for k in range(n_activities):
            output = outputs[k % len(outputs)]
            positions[output.code] += 1
            a_start = start + rng.randint(0, 90) * DAY  # most run through the plan's period
            a_end = max(a_start + 60 * DAY, end - rng.randint(0, 90) * DAY)
            status_a = rng.choices(*mix)[0]
            if status_a == c.ActivityStatus.PLANNED and a_start <= self.today:
                a_start = min(end - DAY, max(a_start, self.today + 30 * DAY))
                a_end = max(a_end, a_start + DAY)
                if a_start > end - DAY:
                    status_a = c.ActivityStatus.ONGOING
                    a_start = start
            required = D(rng.randrange(10_000, 800_000, 1_000))
            available = (required * D(rng.choice([30, 50, 70, 90, 100])) / 100).quantize(D("1"))
            spent = (available * D(rng.choice([0, 20, 50, 80, 100, 110])) / 100).quantize(D("1"))
            gender, rights = rng.choice([0, 0, 1, 2, 3]), rng.choice([0, 1, 1, 2, 3])
            topic = rng.choice(TOPICS)
            national = rng.random() < 0.1
            lead = rng.choice(self.orgs)
            priority = None
            if self.priorities and not closed and rng.random() < 0.01:
                priority = rng.choice(self.priorities)
                priority.status = c.PriorityStatus.PROMOTED
            activity = self.add(
                Activity(
                    network=self.network,
                    plan=plan,
                    output=output,
                    code=f"{output.code}.{positions[output.code]}",
                    position=positions[output.code],
                    title=f"{rng.choice(VERBS)} {topic} ({k + 1})",
                    description=f"The lead organisation and its partners work on {topic} with local authorities.",
                    lead_organisation=lead,
                    body=rng.choice(self.twgs) if self.twgs and rng.random() < 0.6 else None,
                    unsdcf_outcome=rng.choice(self.frameworks[c.FrameworkKind.UNSDCF_OUTCOME]),
                    government_priority=rng.choice(self.frameworks[c.FrameworkKind.GOVERNMENT_PRIORITY])
                    if rng.random() < 0.7
                    else None,
                    national=national,
                    start_date=a_start,
                    end_date=a_end,
                    budget_required=required,
                    budget_available=available,
                    budget_spent=spent,
                    funding_source=rng.choice(
                        ["Core funds", "European Union", "Joint programme", "Bilateral donor"]
                    ),
                    status=status_a,
                    percent_complete=100 if status_a == c.ActivityStatus.COMPLETED else rng.randint(0, 90),
                    gender_marker=gender,
                    gender_justification="Women and men are reached separately; data by sex."
                    if gender
                    else "",
                    human_rights_marker=rights,
                    human_rights_justification="Rights-based approach agreed with partners."
                    if rights
                    else "",
                    joint_programme=rng.random() < 0.15,
                    joint_priority=priority,
                    visibility=plan.visibility,
                    created_at=created,
                )
            )
            plan._activities.append(activity)
            gcm = rng.sample(self.ref.gcm, rng.randint(1, 3))
            self.link("gcm_objectives", activity, gcm)
            self.link("guiding_principles", activity, rng.sample(self.ref.principles, rng.randint(0, 2)))
            self.link(
                "sdg_targets", activity, rng.sample(self.ref.sdg, min(len(self.ref.sdg), rng.randint(0, 2)))
            )
            if self.themes:
                self.link(
                    "thematic_areas",
                    activity,
                    rng.sample(self.themes, min(len(self.themes), rng.randint(0, 2))),
                )
            if not national and self.ref.districts:
                self.link("districts", activity, rng.sample(self.ref.districts, rng.randint(1, 3)))
            if rng.random() < 0.4:
                self.link("partners", activity, rng.sample(self.orgs, min(len(self.orgs), rng.randint(1, 2))))
            n = int(self.per_activity) + (1 if rng.random() < self.per_activity % 1 else 0)
            quarters = [] if status_a == c.ActivityStatus.PLANNED else _quarters(a_start, a_end, self.today)
            for i in range(1, n + 1):
                years_a = list(range(a_start.year, a_end.year + 1))
                self.make_indicator(plan, activity.code, i, years_a, activity=activity, quarters=quarters)
            snapshot.append(
                {
                    "code": activity.code,
                    "output": output.code,
                    "title": activity.title,
                    "lead": str(lead),
                    "gcm": sorted(o.number for o in gcm),
                    "start": a_start.isoformat(),
                    "end": a_end.isoformat(),
                    "status": status_a,
                }
            )
        self.add(
            PlanVersion(
                network=self.network,
                plan=plan,
                number=1,
                approved_at=approved,
                decision_title=f"Approve the {title}",
                snapshot={
                    "title": title,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "results": [
                        {"code": r.code, "level": r.level, "title": r.title}
                        for r in self.rows[Result]
                        if r.plan is plan
                    ],
                    "activities": snapshot,
                    "indicators": [],
                },
                visibility=plan.visibility,
                created_at=approved,
            )
        )
        return plan

    def make_indicator(self, plan, code, number, years, *, result=None, activity=None, quarters) -> None:
        rng = self.rng
        by_sex = activity is not None and rng.random() < BY_SEX_SHARE
        baseline = D(rng.randint(0, 500))
        indicator = self.add(
            Indicator(
                network=self.network,
                plan=plan,
                result=result,
                activity=activity,
                code=f"{code}.i{number}",
                name=rng.choice(
                    [
                        "People reached",
                        "Officials trained",
                        "Cases referred",
                        "Districts covered",
                        "Products published",
                    ]
                ),
                unit=rng.choice(["people", "officials", "cases", "districts", "products"]),
                direction=c.Direction.INCREASE,
                baseline_value=baseline,
                baseline_year=plan.start_date.year - 1,
                disaggregation=[c.Disaggregation.SEX] if by_sex else [],
                means_of_verification="Agency records",
                visibility=plan.visibility,
                created_at=plan.created_at,
            )
        )
        step = D(rng.randint(20, 400))
        for year in years:
            if plan.start_date.year <= year <= plan.end_date.year:
                self.targets.append(
                    (
                        indicator,
                        str(year),
                        datetime.date(year, 12, 31),
                        baseline + step * 4 * (year - years[0] + 1),
                        plan.visibility,
                        plan.created_at,
                    )
                )
        for year, quarter in quarters:
            period = f"{year}-Q{quarter}"
            end = period_bounds(period)[1]
            value = (step * D(rng.uniform(0.6, 1.3))).quantize(D("1"))
            when = self.at(end + 10 * DAY)
            rows = [("", value)]
            if by_sex:
                women = (value * D("0.55")).quantize(D("1"))
                rows += [(c.Sex.FEMALE, women), (c.Sex.MALE, value - women)]
            for sex, v in rows:
                # Plain values, not model instances: a million of them at `global` (see `_fast_insert`).
                self.measures.append((indicator, period, end, v, sex, plan.visibility, when))

    def approve(self, plan: Plan, when: datetime.datetime) -> datetime.datetime:
        """The plenary's written decision approving the plan, every member agreeing (adopted by the rules)."""
        from mignet.meetings import choices as mc
        from mignet.meetings.models import Decision, Position

        active = [
            m
            for m in self.memberships
            if m.status == nc.MembershipStatus.ACTIVE and m.kind == nc.MembershipKind.MEMBER
        ]
        if not active:
            return when
        day = when.date()
        if not any(m.start_date <= day for m in active):  # before the first members joined: when they had
            day = min(m.start_date for m in active)
            when = self.at(day, 11)
            day = when.date()
        members = [
            m.organisation for m in active if m.start_date <= day and not (m.end_date and m.end_date < day)
        ]
        if not members:
            return when
        decision = Decision(
            network=self.network,
            body=self.plenary,
            method=mc.DecisionMethod.WRITTEN,
            subject=mc.DecisionSubject.APPROVE_PLAN,
            plan=plan,
            title=f"Approve the {plan.title}",
            text="The members approve the plan as submitted.",
            deadline=when,
            status=mc.DecisionStatus.ADOPTED,
            decided_at=when,
            outcome="Adopted by written consultation: every member answered and none objected.",
            visibility=Visibility.NETWORK,
            created_at=when - 14 * DAY,
        )
        self.decisions.append(decision)
        for org in members:
            self.positions.append(
                Position(
                    network=self.network,
                    decision=decision,
                    organisation=org,
                    value=mc.PositionValue.AGREE,
                    recorded_at=when - DAY,
                    visibility=Visibility.NETWORK,
                    created_at=when - DAY,
                )
            )
        plan.approved_at = when
        return when

    def make_reports(self, plan: Plan) -> None:
        """This year's quarterly reports of each lead organisation; about one in ten late for the last quarter."""
        rng = self.rng
        year = self.today.year
        quarters = [
            q for y, q in _quarters(datetime.date(year, 1, 1), plan.end_date, self.today) if y == year
        ]
        by_org: dict[int, list[Activity]] = defaultdict(list)
        for a in plan._activities:
            by_org[id(a.lead_organisation)].append(a)
        for quarter in quarters:
            start, end = period_bounds(f"{year}-Q{quarter}")
            for activities in by_org.values():
                due = [
                    a
                    for a in activities
                    if a.start_date <= end and a.end_date >= start and a.status != c.ActivityStatus.PLANNED
                ]
                if not due or (quarter == quarters[-1] and rng.random() < LATE_SHARE):
                    continue
                submitted = self.at(end + rng.randint(3, 25) * DAY, 10)
                report = self.add(
                    ProgressReport(
                        network=self.network,
                        plan=plan,
                        organisation=due[0].lead_organisation,
                        year=year,
                        quarter=quarter,
                        status=c.ReportStatus.SUBMITTED,
                        submitted_at=submitted,
                        summary="Progress as planned, with the delays noted.",
                        visibility=plan.visibility,
                        created_at=submitted - 2 * DAY,
                    )
                )
                for a in due:
                    self.add(
                        ProgressUpdate(
                            network=self.network,
                            report=report,
                            activity=a,
                            status=a.status,
                            percent_complete=min(100, a.percent_complete),
                            spent_to_date=a.budget_spent,
                            narrative="Work went ahead this quarter.",
                            visibility=plan.visibility,
                            created_at=report.created_at,
                        )
                    )

    def make_impediments(self) -> None:
        rng = self.rng
        recent = [a for a in self.rows[Activity] if a.plan.status == c.PlanStatus.APPROVED]
        if not recent:
            return
        stages = list(c.ImpedimentStage.values)
        for n in range(max(4, len(recent) // 20)):
            title, category = rng.choice(IMPEDIMENTS)
            stage = stages[n % len(stages)]
            raised = self.today - rng.randint(60, 300) * DAY
            body = rng.choice(self.twgs) if self.twgs and rng.random() < 0.7 else None
            path = stages[: stages.index(stage) + 1]
            gov = (
                rng.choice(self.ref.government)
                if self.ref.government and c.ImpedimentStage.GOVERNMENT in path
                else None
            )
            impediment = self.add(
                Impediment(
                    network=self.network,
                    title=f"{title} ({n + 1})",
                    description="What is in the way, and what would help.",
                    category=category,
                    severity=rng.choice(list(c.Severity.values)),
                    raised_by_body=body,
                    raised_by_organisation=None if body else rng.choice(self.orgs),
                    stage=stage,
                    government_body=gov,
                    stage_changed_at=self.at(raised + 14 * (len(path) - 1) * DAY),
                    visibility=Visibility.NETWORK,
                    created_at=self.at(raised),
                )
            )
            self.links["impediment_activities"] += [
                (impediment, a) for a in rng.sample(recent, min(2, len(recent)))
            ]
            previous = ""
            for i, to_stage in enumerate(path):
                self.add(
                    ImpedimentStep(
                        network=self.network,
                        impediment=impediment,
                        from_stage=previous,
                        to_stage=to_stage,
                        government_body=gov if to_stage == c.ImpedimentStage.GOVERNMENT else None,
                        note=NOTES.get(to_stage, "Raised in the TWG."),
                        at=self.at(raised + 14 * i * DAY, 11),
                        visibility=Visibility.NETWORK,
                        created_at=self.at(raised + 14 * i * DAY, 11),
                    )
                )
                previous = to_stage


def _fast_insert(model, rows: list[dict], *, batch: int = 5_000, history: bool = True) -> None:
    """Insert plain rows of `model` and their "created" history entries with `executemany`, skipping the
    per-value preparation of `bulk_create` (the bulk of the time for a million measurements). Primary keys
    are given from the table's current maximum; the generator is the only writer inside its transaction."""
    from django.db import connection
    from django.db.models import Max

    if not rows:
        return
    ops = connection.ops
    manager = getattr(model, "all_objects", model._default_manager)
    start = (manager.aggregate(m=Max("pk"))["m"] or 0) + 1
    for offset, row in enumerate(rows):
        row["id"] = start + offset

    def converter(field):
        kind = field.get_internal_type()
        if kind == "DateTimeField":
            return ops.adapt_datetimefield_value
        if kind == "DateField":
            return ops.adapt_datefield_value
        if kind == "DecimalField":
            return lambda v, f=field: ops.adapt_decimalfield_value(v, f.max_digits, f.decimal_places)
        return None

    def insert(table_model, columns: list[tuple[str, object]], values) -> None:
        names = ", ".join(connection.ops.quote_name(f.column) for f, _ in columns)
        marks = ", ".join(["%s"] * len(columns))
        sql = (
            f"INSERT INTO {connection.ops.quote_name(table_model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608 — names from the model
        )
        getters = []
        for f, default in columns:
            conv, name = converter(f), f.attname
            if conv is None:
                getters.append(lambda r, n=name, d=default: r.get(n, d))
            else:
                cache: dict = {}  # rows share their dates: convert each value once

                def get(r, n=name, d=default, conv=conv, cache=cache):
                    v = r.get(n, d)
                    if v is None:
                        return None
                    if v not in cache:
                        cache[v] = conv(v)
                    return cache[v]

                getters.append(get)
        with connection.cursor() as cursor:
            for i in range(0, len(values), batch):
                chunk = [tuple(g(r) for g in getters) for r in values[i : i + batch]]
                cursor.executemany(sql, chunk)

    fields = [(f, f.get_default()) for f in model._meta.concrete_fields]
    insert(model, fields, rows)
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608 — the model's table
            )
    if not history:
        return
    history = model.history.model
    for row in rows:
        row["history_date"] = row["created_at"]
    extra = {"history_change_reason": "", "history_type": "+", "history_user_id": None}
    for row in rows:
        row.update(extra)
    hist_fields = [(f, f.get_default()) for f in history._meta.concrete_fields if f.attname != "history_id"]
    insert(history, hist_fields, rows)


def write(builder) -> Counter:
    """Generate and write the plans of the network `builder` has just written; returns row counts."""
    from mignet.meetings.models import Decision, Position
    from mignet.network.generate import _bulk

    ref = builder.ref.get("plans") or builder.ref.setdefault("plans", _Ref())  # read once per run
    pb = _PlansBuilder(builder, ref)
    pb.run()
    rows = pb.rows
    counts: Counter = Counter()
    for model in ORDER:
        objs = rows.get(model, [])
        _bulk(model, objs)
        counts[f"{model._meta.verbose_name_plural}"] += len(objs)
    _fast_insert(
        Target,
        [
            {
                "network_id": pb.network.pk,
                "indicator_id": indicator.pk,
                "period": period,
                "period_end": end,
                "value": value,
                "visibility": visibility,
                "created_at": when,
                "updated_at": when,
            }
            for indicator, period, end, value, visibility, when in pb.targets
        ],
    )
    counts[f"{Target._meta.verbose_name_plural}"] += len(pb.targets)
    _fast_insert(
        Measurement,
        [
            {
                "network_id": pb.network.pk,
                "indicator_id": indicator.pk,
                "period": period,
                "period_end": end,
                "value": value,
                "sex": sex,
                "source": "Agency records",
                "visibility": visibility,
                "created_at": when,
                "updated_at": when,
            }
            for indicator, period, end, value, sex, visibility, when in pb.measures
        ],
    )
    counts[f"{Measurement._meta.verbose_name_plural}"] += len(pb.measures)
    _bulk(Decision, pb.decisions)
    _bulk(Position, pb.positions)
    counts["plan approval decisions"] += len(pb.decisions)
    links = 0
    for field, _target in M2M:
        through = Activity._meta.get_field(field).remote_field.through
        target_col = [
            f.attname for f in through._meta.concrete_fields if f.attname not in ("id", "activity_id")
        ][0]
        pairs = [{"activity_id": a.pk, target_col: t.pk} for a, t in pb.links[field]]
        _fast_insert(through, pairs, history=False)
        links += len(pairs)
    for field, model, name in (
        ("priority_supporters", JointPriority, "supporters"),
        ("priority_gcm", JointPriority, "gcm_objectives"),
        ("impediment_activities", Impediment, "activities"),
    ):
        through = model._meta.get_field(name).remote_field.through
        own = f"{model._meta.model_name}_id"
        other = [f.attname for f in through._meta.concrete_fields if f.attname not in ("id", own)][0]
        pairs = [{own: a.pk, other: t.pk} for a, t in pb.links[field]]
        _fast_insert(through, pairs, history=False)
        links += len(pairs)
    counts["plans links (many-to-many)"] += links
    counts["history entries (plans)"] = (
        sum(len(v) for v in rows.values()) + len(pb.decisions) + len(pb.positions)
    )
    return counts
