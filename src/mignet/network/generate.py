"""Synthetic networks for benchmarks and trying Mignet at size (`mignet generate`).

Three scales: `small` (one network, ~50 organisations), `national` (one network with ten years of
structure: ~400 organisations, 2 000 people, 30 bodies) and `global` (80 networks — global, regional and
national — of varied size, countries and time zones: ≈ 50 × national, ≈ 260 000 rows). Rows are written
with bulk_create, each with one "created" history entry, so `global` takes about a minute.

Everything is deterministic for a given `seed` and day (dates are relative to today, so that terms in
office are in office). Generated networks have slugs starting with `gen-` (the Bangladesh-like national
network is `gen-bd` at every scale) and their users' addresses end in `-<slug>@example.org`; each network
has one user per role, e.g. `bench-secretariat-gen-bd@example.org`. Rows are not marked as demo data.
"""

from __future__ import annotations

import datetime
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone
from django_countries import countries

from mignet.accounts.models import User
from mignet.core.choices import Role, Visibility
from mignet.core.models import District, GovernmentBody, NetworkScopedModel, StakeholderCategory, UNEntity

from . import choices as c
from . import seed
from .models import (
    Body,
    ChairTerm,
    Membership,
    Network,
    Nomination,
    Organisation,
    Person,
    Representative,
    RoleAssignment,
    TermsOfReference,
    ThematicArea,
    ToRObjective,
)
from .services import add_months

SCALES = ("small", "national", "global")
SLUG_PREFIX = "gen-"
MARKER = re.compile(r"mignet generate --scale (\w+) --seed (-?\d+)")
BATCH = 2000
DAY = datetime.timedelta(days=1)


class GenerateRefused(Exception):
    """The database already holds networks and the caller did not ask to replace generated ones."""


# --- What to generate -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkSpec:
    slug: str
    name: str
    short_name: str
    level: str
    country: str
    region: str
    time_zone: str
    organisations: int
    people: int
    bodies: int
    years: int  # how long ago the network was established


# The national networks at global scale, by region: country and time zone. Bangladesh first.
NATIONAL_TABLE = """
Asia and the Pacific: BD Asia/Dhaka, NP Asia/Kathmandu, PK Asia/Karachi, LK Asia/Colombo,
   IN Asia/Kolkata, AF Asia/Kabul, ID Asia/Jakarta, PH Asia/Manila, TH Asia/Bangkok, VN Asia/Ho_Chi_Minh,
   KH Asia/Phnom_Penh, MM Asia/Yangon, MY Asia/Kuala_Lumpur, LA Asia/Vientiane, MN Asia/Ulaanbaatar,
   FJ Pacific/Fiji, PG Pacific/Port_Moresby
Europe and Central Asia: KZ Asia/Almaty, KG Asia/Bishkek, TJ Asia/Dushanbe, UZ Asia/Tashkent,
   TR Europe/Istanbul, UA Europe/Kyiv, MD Europe/Chisinau, RS Europe/Belgrade, BA Europe/Sarajevo,
   AL Europe/Tirane, MK Europe/Skopje
Arab States: JO Asia/Amman, LB Asia/Beirut, IQ Asia/Baghdad, EG Africa/Cairo, MA Africa/Casablanca,
   TN Africa/Tunis, LY Africa/Tripoli, SD Africa/Khartoum, YE Asia/Aden
Africa: ET Africa/Addis_Ababa, KE Africa/Nairobi, UG Africa/Kampala, SO Africa/Mogadishu,
   DJ Africa/Djibouti, NG Africa/Lagos, GH Africa/Accra, SN Africa/Dakar, ML Africa/Bamako,
   NE Africa/Niamey, BF Africa/Ouagadougou, CI Africa/Abidjan, GM Africa/Banjul, CM Africa/Douala,
   ZA Africa/Johannesburg, ZW Africa/Harare, ZM Africa/Lusaka, MW Africa/Blantyre, MZ Africa/Maputo,
   TZ Africa/Dar_es_Salaam, RW Africa/Kigali, CD Africa/Kinshasa
Latin America and the Caribbean: MX America/Mexico_City, GT America/Guatemala, HN America/Tegucigalpa,
   SV America/El_Salvador, CR America/Costa_Rica, PA America/Panama, CO America/Bogota,
   EC America/Guayaquil, PE America/Lima, CL America/Santiago, AR America/Argentina/Buenos_Aires,
   BR America/Sao_Paulo, DO America/Santo_Domingo, HT America/Port-au-Prince, TT America/Port_of_Spain
"""
NATIONAL = [
    (code, tz, region.strip())
    for region, rest in (
        line.split(":") for line in re.sub(r",\n\s+", ", ", NATIONAL_TABLE).strip().splitlines()
    )
    for code, tz in (item.split() for item in rest.split(","))
]
REGIONAL = [
    ("asia-pacific", "Asia and the Pacific", "Asia/Bangkok", "UNNM Asia-Pacific"),
    ("arab-states", "Arab States", "Africa/Cairo", "UNNM Arab States"),
    ("africa", "Africa", "Africa/Addis_Ababa", "UNNM Africa"),
    ("lac", "Latin America and the Caribbean", "America/Panama", "UNNM LAC"),
    ("europe-central-asia", "Europe and Central Asia", "Europe/Vienna", "UNNM ECA"),
]


def _national(code: str, tz: str, region: str, factor: float, years: int) -> NetworkSpec:
    name = countries.name(code)
    orgs = max(40, round(400 * factor))
    return NetworkSpec(
        slug=f"{SLUG_PREFIX}{code.lower()}",
        name=f"UN Network on Migration in {name}",
        short_name=f"{code} UNNM",
        level=c.NetworkLevel.NATIONAL,
        country=code,
        region=region,
        time_zone=tz,
        organisations=orgs,
        people=orgs * 5,
        bodies=max(6, round(30 * factor)),
        years=years,
    )


def network_specs(scale: str, seed: int) -> list[NetworkSpec]:
    """The networks of a scale. The Bangladesh-like `gen-bd` is national-sized at `national` and `global`."""
    if scale not in SCALES:
        raise ValueError(f"Unknown scale {scale!r}; choose one of {', '.join(SCALES)}.")
    if scale == "small":
        spec = _national("BD", "Asia/Dhaka", "Asia and the Pacific", 1.0, 10)
        return [spec.__class__(**{**spec.__dict__, "organisations": 50, "people": 200, "bodies": 6})]
    if scale == "national":
        return [_national("BD", "Asia/Dhaka", "Asia and the Pacific", 1.0, 10)]
    rng = random.Random(f"{seed}:networks")
    specs = [
        NetworkSpec(
            slug=f"{SLUG_PREFIX}global",
            name="United Nations Network on Migration (global)",
            short_name="UNNM",
            level=c.NetworkLevel.GLOBAL,
            country="",
            region="",
            time_zone="Europe/Zurich",
            organisations=320,
            people=1600,
            bodies=24,
            years=10,
        )
    ]
    for slug, region, tz, short in REGIONAL:
        specs.append(
            NetworkSpec(
                slug=f"{SLUG_PREFIX}{slug}",
                name=f"UN Network on Migration for {region}",
                short_name=short,
                level=c.NetworkLevel.REGIONAL,
                country="",
                region=region,
                time_zone=tz,
                organisations=200,
                people=900,
                bodies=16,
                years=rng.randint(8, 10),
            )
        )
    for i, (code, tz, region) in enumerate(NATIONAL):
        factor = 1.0 if i == 0 else rng.choice([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.2, 1.5])
        specs.append(_national(code, tz, region, factor, 10 if i == 0 else rng.randint(5, 10)))
    return specs


# --- Words ------------------------------------------------------------------------------------------------


def _split(text: str) -> list[str]:
    return text.split()


FIRST = _split(
    """
    Aisha Amina Ana Anh Arif Ayesha Bashir Carlos Chen Chiara Daniel David Dina Elena Emeka Fatima
    Farhan Grace Hana Hassan Ibrahim Imran Ines Isabel James Jamal Javier Joseph Juan Karim Kavya
    Khadija Kofi Lan Layla Leila Lucia Mahmud Maria Mariam Mateo Mehdi Mei Mohammed Nadia Nasrin Ngozi
    Nia Nikhil Nusrat Olga Omar Pablo Priya Rahim Rania Rashid Rosa Ruth Sabina Salma Samuel Sara Shirin
    Sofia Sunil Tahmina Tariq Thomas Tunde Yasmin Yusuf Zainab Zara
    """
)
LAST = _split(
    """
    Abdullah Adeyemi Ahmed Akter Alam Ali Alvarez Banda Begum Chowdhury Costa Das Diallo Dlamini
    Fernandes Garcia Gupta Haque Hossain Huang Ibrahim Islam Jahan Kamau Karim Khan Kim Kumar Lopez
    Mahmoud Martin Mensah Miah Mohamed Moreno Mukherjee Nguyen Njoroge Novak Okafor Okonkwo Osei Patel
    Pereira Petrov Rahman Rao Reyes Rossi Saleh Santos Sarkar Shah Silva Singh Sultana Tan Traore Uddin
    Wang Yilmaz Zaman
    """
)
NGO_A = _split(
    """
    Hope Bridge Shelter Unity Dignity Horizon Pathways Solidarity Harbour Lantern Compass Common-Ground
    New-Roots Sunrise Lifeline Crossroads Beacon Open-Doors Safe-Passage Rights-First
    """
)
NGO_B = [
    "Migrant",
    "Migrant Workers'",
    "Refugee and Migrant",
    "Returnee",
    "Community",
    "Women Migrants'",
    "Youth",
    "Labour Rights",
    "Anti-Trafficking",
    "Legal Aid",
]
NGO_C = _split(
    """
    Foundation Society Initiative Association Trust Centre Network Forum Collective Project
    """
)
CONSORTIUM = [
    "Civil Society Alliance on Migration",
    "Migrant Rights Platform",
    "Coalition of Migrant Organisations",
    "NGO Forum on Safe Migration",
    "Returnee Reintegration Consortium",
    "Anti-Trafficking Coalition",
]
MINISTRIES = [
    "Ministry of Foreign Affairs",
    "Ministry of Labour and Employment",
    "Ministry of Home Affairs",
    "Ministry of Social Welfare",
    "Ministry of Health",
    "Ministry of Education",
    "Ministry of Women and Children Affairs",
    "Ministry of Planning",
    "Ministry of Justice",
    "Ministry of Finance",
    "Ministry of Local Government",
    "National Statistics Office",
    "Department of Immigration",
    "Bureau of Overseas Employment",
    "National Anti-Trafficking Committee",
    "Border Management Agency",
    "National Disaster Management Authority",
    "Office of the Prime Minister",
    "Central Bank",
    "National Skills Development Authority",
]
CITIES = _split(
    """
    London Dubai Riyadh Doha Kuala-Lumpur Singapore Rome Madrid Paris Berlin Toronto New-York Sydney
    Tokyo Johannesburg Nairobi Muscat Seoul Milan Athens
    """
)
SECTORS = _split(
    """
    Construction Garment Domestic Agricultural Transport Hospitality Fisheries Health-Care
    """
)
TOWNS = _split(
    """
    Northfield Riverside Eastbay Hillcrest Lakeview Westmoor Southgate Kingsport Greenvale Stonebridge
    Fairhaven Brookside Redcliff Ashford Millbrook Seaview Highland Oakridge Sandport Elmstead
    """
)
TOPICS = [
    "Labour Migration",
    "Counter-Trafficking",
    "Migration and Development",
    "Social Cohesion",
    "Root Causes of Displacement",
    "Diaspora and Remittances",
    "Migration Data",
    "Return and Reintegration",
    "Climate Change and Mobility",
    "Migrant Health",
    "Border Governance",
    "Social Protection",
    "Children on the Move",
    "Gender and Migration",
    "Regular Pathways",
    "Skills and Recognition",
    "Ethical Recruitment",
    "Access to Justice",
]
EXTRA_THEMES = ["Migration data", "Return and reintegration", "Climate change and mobility", "Migrant health"]
POSITIONS = {
    c.ParticipationLevel.HEAD: ["Head of Office", "Country Representative", "Chief of Mission", "Director"],
    c.ParticipationLevel.DEPUTY: ["Deputy Representative", "Deputy Director", "Senior Programme Manager"],
    c.ParticipationLevel.PROGRAMME_MANAGER: ["Programme Manager", "Programme Coordinator", "Project Manager"],
    c.ParticipationLevel.OFFICER: ["Programme Officer", "Technical Officer", "Policy Officer", "Analyst"],
    c.ParticipationLevel.OTHER: ["Consultant", "Intern", "Volunteer", "Assistant"],
}
LEVELS = list(c.LEVEL_RANK)  # most senior first
OTHER_KINDS = [
    (c.OrganisationKind.NGO_CSO, 50),
    (c.OrganisationKind.DIASPORA, 6),
    (c.OrganisationKind.PRIVATE_SECTOR, 8),
    (c.OrganisationKind.TRADE_UNION, 5),
    (c.OrganisationKind.EMPLOYERS, 3),
    (c.OrganisationKind.ACADEMIA, 8),
    (c.OrganisationKind.MEDIA, 5),
    (c.OrganisationKind.LOCAL_AUTHORITY, 7),
    (c.OrganisationKind.DONOR, 4),
    (c.OrganisationKind.OTHER, 4),
]
KIND_CATEGORY = {
    c.OrganisationKind.NGO_CSO: "civil_society",
    c.OrganisationKind.CSO_CONSORTIUM: "civil_society",
    c.OrganisationKind.DIASPORA: "migrant_diaspora_orgs",
    c.OrganisationKind.PRIVATE_SECTOR: "private_sector",
    c.OrganisationKind.TRADE_UNION: "trade_unions",
    c.OrganisationKind.EMPLOYERS: "employers_orgs",
    c.OrganisationKind.ACADEMIA: "academia",
    c.OrganisationKind.MEDIA: "media",
    c.OrganisationKind.NHRI: "nhris",
    c.OrganisationKind.PARLIAMENT: "parliamentarians",
    c.OrganisationKind.LOCAL_AUTHORITY: "local_authorities_communities",
    c.OrganisationKind.OTHER: "other_relevant",
}


def _words(w: str) -> str:
    return w.replace("-", " ")


def _acronym(name: str) -> str:
    letters = "".join(part[0] for part in re.findall(r"[A-Za-z][A-Za-z']*", name) if part[0].isupper())
    return letters[:10] or name[:6].upper()


# --- The generator ----------------------------------------------------------------------------------------


@dataclass
class _Batch:
    """Rows of one network, kept to be bulk-created in dependency order."""

    rows: dict[type, list] = field(default_factory=lambda: defaultdict(list))

    def add(self, obj):
        self.rows[type(obj)].append(obj)
        return obj


class _NetworkBuilder:
    def __init__(self, spec: NetworkSpec, *, seed: int, scale: str, today: datetime.date, ref: dict, pw: str):
        self.spec = spec
        self.rng = random.Random(f"{seed}:{spec.slug}")
        self.seed = seed
        self.scale = scale
        self.today = today
        self.ref = ref
        self.password = pw
        self.established = datetime.date(
            today.year - spec.years, self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        self.email_n = 0
        self.counts: Counter = Counter()

    # helpers
    def when(self, day: datetime.date) -> datetime.datetime:
        """A creation time on `day` (working hours, UTC)."""
        day = min(day, self.today)
        return datetime.datetime.combine(
            day, datetime.time(self.rng.randint(6, 16), self.rng.randint(0, 59)), tzinfo=datetime.UTC
        )

    def day_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        if end <= start:
            return start
        return start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))

    def visibility(self, public: float, internal: float) -> str:
        x = self.rng.random()
        if x < public:
            return Visibility.PUBLIC
        if x < public + internal:
            return Visibility.INTERNAL
        return Visibility.NETWORK

    def unique(self, used: set[str], make: Callable[[], str]) -> str:
        for _attempt in range(20):
            name = make()
            if name not in used:
                used.add(name)
                return name
        base, n = make(), 2
        while f"{base} {n}" in used:
            n += 1
        used.add(f"{base} {n}")
        return f"{base} {n}"

    def run(self) -> dict:
        spec = self.spec
        network = Network(
            name=spec.name,
            short_name=spec.short_name,
            slug=spec.slug,
            level=spec.level,
            country=spec.country,
            region=spec.region,
            time_zone=spec.time_zone,
            established_on=self.established,
            visibility=Visibility.PUBLIC,
            description=(
                f"Synthetic data for benchmarks (mignet generate --scale {self.scale} --seed {self.seed}). "
                "Every organisation and person here is invented."
            ),
            created_at=self.when(self.established),
        )
        Network.objects.bulk_create([network])  # its history entry is written once it has a coordinator
        self.network = network
        out = _Batch()
        out.add(network)
        self.out = out

        themes = self.make_themes()
        orgs = self.make_organisations()
        self.make_people(orgs)
        bodies = self.make_bodies(themes)
        self.make_memberships(bodies, orgs)
        self.make_terms()
        return out.rows

    def make_themes(self) -> list[ThematicArea]:
        return [
            self.out.add(
                ThematicArea(
                    network=self.network,
                    name=name,
                    visibility=Visibility.PUBLIC,
                    created_at=self.when(self.established),
                )
            )
            for name in [*seed.THEMES, *EXTRA_THEMES]
        ]

    def org(self, used, name, kind, **extra) -> Organisation:
        rng = self.rng
        start = self.day_between(self.established, self.today - datetime.timedelta(days=30))
        acronym = extra.pop("acronym", None) or _acronym(name)
        category = self.ref["categories"].get(KIND_CATEGORY.get(kind, ""))
        obj = Organisation(
            network=self.network,
            name=name,
            acronym=acronym,
            kind=kind,
            stakeholder_category=category,
            country=self.spec.country,
            website=f"https://{re.sub(r'[^a-z0-9]+', '-', name.lower())[:40].strip('-')}.example.org",
            email=f"info.{re.sub(r'[^a-z0-9]+', '', acronym.lower()) or 'org'}.{self.network.slug}@example.org",
            phone=f"+{rng.randint(1, 998)} {rng.randint(100, 999)} {rng.randint(100000, 999999)}",
            description=rng.choice(
                [
                    "",
                    f"{name} works with migrants and their families.",
                    f"Works on {rng.choice(TOPICS).lower()} at national and local level.",
                ]
            ),
            visibility=Visibility.PUBLIC
            if kind == c.OrganisationKind.UN_ENTITY
            else self.visibility(0.3, 0.1),
            created_at=self.when(start),
            **extra,
        )
        used.add(name)
        return self.out.add(obj)

    def make_organisations(self) -> dict[str, list[Organisation]]:
        spec, rng = self.spec, self.rng
        used: set[str] = set()
        by_kind: dict[str, list[Organisation]] = defaultdict(list)
        total = spec.organisations
        entities = self.ref["un_entities"]
        n_un = len(entities) if total >= 150 else min(len(entities), max(8, total // 5))
        # IOM coordinates every network; then the ToR's members; then other UN entities.
        for entity in entities[:n_un]:
            by_kind[c.OrganisationKind.UN_ENTITY].append(
                self.org(
                    used,
                    entity.full_name,
                    c.OrganisationKind.UN_ENTITY,
                    acronym=entity.acronym,
                    un_entity=entity,
                )
            )
        n_gov = max(3, total // 14)
        gov_bodies = self.ref["gov_bodies"] if spec.country == "BD" else []
        for i in range(n_gov):
            if i < len(gov_bodies):
                g = gov_bodies[i]
                o = self.org(
                    used, g.name, c.OrganisationKind.GOVERNMENT, acronym=g.acronym[:30], government_body=g
                )
            else:
                name = self.unique(
                    used,
                    lambda i=i: (
                        MINISTRIES[i % len(MINISTRIES)]
                        if i < len(MINISTRIES)
                        else f"{rng.choice(MINISTRIES)}, {rng.choice(TOWNS)} office"
                    ),
                )
                o = self.org(used, name, c.OrganisationKind.GOVERNMENT)
            by_kind[c.OrganisationKind.GOVERNMENT].append(o)
        n_cons = max(1, min(len(CONSORTIUM), total // 80))
        for name in CONSORTIUM[:n_cons]:
            by_kind[c.OrganisationKind.CSO_CONSORTIUM].append(
                self.org(used, name, c.OrganisationKind.CSO_CONSORTIUM)
            )
        country = countries.name(spec.country) if spec.country else spec.region or "the world"
        by_kind[c.OrganisationKind.NHRI].append(
            self.org(used, f"National Human Rights Commission of {country}", c.OrganisationKind.NHRI)
        )
        by_kind[c.OrganisationKind.PARLIAMENT].append(
            self.org(used, f"Parliamentary Caucus on Migration ({country})", c.OrganisationKind.PARLIAMENT)
        )
        kinds, weights = zip(*OTHER_KINDS, strict=True)
        makers = {
            c.OrganisationKind.NGO_CSO: lambda: (
                f"{_words(rng.choice(NGO_A))} {rng.choice(NGO_B)} {rng.choice(NGO_C)}"
            ),
            c.OrganisationKind.DIASPORA: lambda: (
                f"{country} Diaspora Association of {_words(rng.choice(CITIES))}"
            ),
            c.OrganisationKind.PRIVATE_SECTOR: lambda: (
                f"{_words(rng.choice(NGO_A))} {rng.choice(['Recruitment', 'Remittance Services', 'Logistics', 'Textiles', 'Telecom', 'Bank'])} {rng.choice(['Ltd', 'Group', 'plc'])}"
            ),
            c.OrganisationKind.TRADE_UNION: lambda: (
                f"{rng.choice(['Federation', 'Union', 'Congress'])} of {_words(rng.choice(SECTORS))} Workers"
            ),
            c.OrganisationKind.EMPLOYERS: lambda: (
                f"{rng.choice(['Association', 'Chamber', 'Federation'])} of {_words(rng.choice(SECTORS))} Employers"
            ),
            c.OrganisationKind.ACADEMIA: lambda: rng.choice(
                [
                    f"University of {rng.choice(TOWNS)}",
                    f"Institute for {rng.choice(TOPICS)} Studies",
                    f"Centre for {rng.choice(TOPICS)} Research",
                ]
            ),
            c.OrganisationKind.MEDIA: lambda: (
                f"The {rng.choice(TOWNS)} {rng.choice(['Times', 'Herald', 'Observer', 'Tribune', 'Radio', 'Television'])}"
            ),
            c.OrganisationKind.LOCAL_AUTHORITY: lambda: (
                f"{rng.choice(TOWNS)} {rng.choice(['City Council', 'District Council', 'Municipality'])}"
            ),
            c.OrganisationKind.DONOR: lambda: (
                f"Embassy of {rng.choice(['Switzerland', 'Germany', 'Sweden', 'the Netherlands', 'Norway', 'Japan', 'Canada', 'Italy', 'Denmark', 'Korea'])}"
            ),
            c.OrganisationKind.OTHER: lambda: (
                f"{_words(rng.choice(NGO_A))} {rng.choice(['Consultancy', 'Advisory', 'Institute'])}"
            ),
        }
        consortia = by_kind[c.OrganisationKind.CSO_CONSORTIUM]
        for _ in range(max(0, total - sum(len(v) for v in by_kind.values()))):
            kind = rng.choices(kinds, weights)[0]
            name = self.unique(used, makers[kind])
            extra = {}
            if kind == c.OrganisationKind.NGO_CSO and consortia and rng.random() < 0.4:
                extra["consortium"] = rng.choice(consortia)
            by_kind[kind].append(self.org(used, name, kind, **extra))
        self.counts["organisations"] = sum(len(v) for v in by_kind.values())
        return by_kind

    def make_people(self, by_kind) -> None:
        rng = self.rng
        orgs = [o for group in by_kind.values() for o in group]
        weight = {
            c.OrganisationKind.UN_ENTITY: 6,
            c.OrganisationKind.GOVERNMENT: 3,
            c.OrganisationKind.CSO_CONSORTIUM: 3,
        }
        extra = max(0, self.spec.people - 2 * len(orgs))
        pick = rng.choices(orgs, [weight.get(o.kind, 1) for o in orgs], k=extra)
        self.people: dict[int, list[Person]] = defaultdict(list)
        for org in [*orgs, *orgs, *pick]:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            level = rng.choices(LEVELS, [1, 3, 5, 6, 1])[0]
            self.email_n += 1
            person = Person(
                network=self.network,
                full_name=f"{first} {last}",
                position=rng.choice(POSITIONS[level]),
                organisation=org,
                email=f"{first}.{last}.{self.email_n}.{self.network.slug}@example.org".lower(),
                phone=f"+{rng.randint(1, 998)} {rng.randint(1000000, 9999999)}",
                visibility=self.visibility(0.05, 0.2),
                created_at=org.created_at,
            )
            self.people[id(org)].append(self.out.add(person))

    def make_bodies(self, themes) -> list[Body]:
        spec, rng = self.spec, self.rng
        bd = spec.country == "BD"
        plenary = self.out.add(
            Body(
                network=self.network,
                name=f"{spec.name} (plenary)",
                short_name="Network plenary",
                kind=c.BodyKind.PLENARY,
                required_level=c.ParticipationLevel.DEPUTY,
                cadence=c.Cadence.QUARTERLY,
                chair_arrangement=c.ChairArrangement.COORDINATOR,
                chair_selection="IOM serves as Coordinator and Secretariat",
                membership_rule="UN entities with a migration mandate",
                mandate="Coordinated UN system-wide support on the GCM (ToR objectives N1–N9).",
                established_on=self.established,
                visibility=Visibility.PUBLIC,
                created_at=self.when(self.established),
            )
        )
        self.body_themes: dict[int, list[ThematicArea]] = {id(plenary): list(themes)}
        bodies = [plenary]
        used = {plenary.name}
        n = spec.bodies - 1
        n_twg = max(2, round(n * 0.4))
        n_lf = round(n * 0.35) if bd else 0
        topics = rng.sample(TOPICS, len(TOPICS))
        districts = self.ref["districts"]
        twgs = []
        for i in range(n):
            if i < n_twg:
                kind, topic = c.BodyKind.TWG, topics[i % len(topics)]
                name = self.unique(used, lambda topic=topic: f"TWG on {topic}")
                est = self.established + datetime.timedelta(
                    days=rng.randint(0, 365 * max(1, self.spec.years - 2))
                )
                if i < 2:
                    est = self.established + datetime.timedelta(days=60)
                parent, level, cadence = plenary, c.ParticipationLevel.PROGRAMME_MANAGER, c.Cadence.MONTHLY
                arrangement = c.ChairArrangement.CO_CHAIRS
                abolished = None
                if i >= 2 and rng.random() < 0.15:
                    abolished = self.day_between(est + datetime.timedelta(days=400), self.today)
            elif i < n_twg + n_lf:
                district = districts[(i * 7) % len(districts)]
                kind, topic = c.BodyKind.LOCAL_FORUM, rng.choice(TOPICS)
                name = self.unique(used, lambda d=district: f"{d.name} Migration Forum")
                est = self.day_between(self.established, self.today - datetime.timedelta(days=200))
                parent = rng.choice(twgs) if twgs else plenary
                level, cadence = c.ParticipationLevel.OFFICER, c.Cadence.QUARTERLY
                arrangement, abolished = c.ChairArrangement.CHAIR, None
            else:
                kind, topic = c.BodyKind.TASK_FORCE, rng.choice(TOPICS)
                est = self.day_between(self.established, self.today - datetime.timedelta(days=120))
                name = self.unique(used, lambda t=topic, y=est.year: f"Task Force on {t} ({y})")
                parent = rng.choice(twgs) if twgs else plenary
                level, cadence = c.ParticipationLevel.PROGRAMME_MANAGER, c.Cadence.AS_NEEDED
                arrangement = rng.choice([c.ChairArrangement.CHAIR, c.ChairArrangement.CO_CHAIRS])
                abolished = None
                if rng.random() < 0.6:
                    abolished = est + datetime.timedelta(days=rng.randint(180, 900))
                    abolished = abolished if abolished < self.today else None
            body = self.out.add(
                Body(
                    network=self.network,
                    name=name,
                    short_name=name.replace("TWG on ", "TWG ")[:40] if kind == c.BodyKind.TWG else "",
                    kind=kind,
                    parent=parent,
                    mandate=f"Coordinate the Network's work on {topic.lower()}.",
                    required_level=level,
                    cadence=cadence,
                    chair_arrangement=arrangement,
                    chair_term_months=12,
                    chair_selection="Consensus of the members"
                    if arrangement != c.ChairArrangement.CHAIR
                    else "",
                    membership_rule="UN entities and NGOs/CSOs (CSOs nominated through a consortium)",
                    district=district if kind == c.BodyKind.LOCAL_FORUM else None,
                    established_on=est,
                    abolished_on=abolished,
                    visibility=self.visibility(0.6, 0.1),
                    created_at=self.when(est),
                )
            )
            if kind == c.BodyKind.TWG:
                twgs.append(body)
            self.body_themes[id(body)] = rng.sample(themes, rng.randint(1, 3))
            bodies.append(body)
        self.counts["bodies"] = len(bodies)
        return bodies

    def make_memberships(self, bodies, by_kind) -> None:
        rng = self.rng
        un = by_kind[c.OrganisationKind.UN_ENTITY]
        others = [
            o
            for kind, group in by_kind.items()
            if kind not in (c.OrganisationKind.UN_ENTITY, c.OrganisationKind.DONOR)
            for o in group
        ]
        self.memberships: dict[int, list[Membership]] = defaultdict(list)
        for body in bodies:
            end_of_body = body.abolished_on or self.today
            if body.kind == c.BodyKind.PLENARY:
                chosen = list(un)
            else:
                size = {
                    c.BodyKind.TWG: rng.randint(12, 32),
                    c.BodyKind.LOCAL_FORUM: rng.randint(8, 18),
                    c.BodyKind.TASK_FORCE: rng.randint(5, 12),
                }[body.kind]
                n_un = min(len(un), max(2, round(size * 0.35)))
                chosen = rng.sample(un, n_un) + rng.sample(others, min(len(others), size - n_un))
            for org in chosen:
                start = body.established_on
                if body.kind != c.BodyKind.PLENARY and rng.random() < 0.4:
                    start = self.day_between(body.established_on, end_of_body - datetime.timedelta(days=30))
                end = body.abolished_on
                rejoin = False
                if end is None and rng.random() < 0.15 and (self.today - start).days > 400:
                    end = self.day_between(
                        start + datetime.timedelta(days=180), self.today - datetime.timedelta(days=30)
                    )
                    rejoin = rng.random() < 0.3 and (self.today - end).days > 120
                self.membership(body, org, start, end)
                if rejoin:
                    self.membership(
                        body, org, self.day_between(end + datetime.timedelta(days=90), self.today), None
                    )
            if body.kind != c.BodyKind.PLENARY and body.abolished_on is None and rng.random() < 0.5:
                # A recent proposal by a chair, waiting for the secretariat, and one the secretariat declined.
                spare = [o for o in others if o not in chosen]
                for status in (c.MembershipStatus.PROPOSED, c.MembershipStatus.DECLINED)[: rng.randint(1, 2)]:
                    if spare:
                        org = spare.pop(rng.randrange(len(spare)))
                        start = self.today - datetime.timedelta(days=rng.randint(1, 60))
                        self.membership(body, org, start, None, status=status)
        self.make_chair_terms(bodies)
        self.make_nominations(bodies, by_kind)

    def membership(self, body, org, start, end, status=c.MembershipStatus.ACTIVE) -> Membership:
        rng = self.rng
        m = self.out.add(
            Membership(
                network=self.network,
                body=body,
                organisation=org,
                kind=c.MembershipKind.OBSERVER if rng.random() < 0.07 else c.MembershipKind.MEMBER,
                status=status,
                start_date=start,
                end_date=end,
                note="" if rng.random() < 0.9 else "Joined after the annual review.",
                visibility=body.visibility
                if body.visibility != Visibility.PUBLIC
                else self.visibility(0.5, 0.05),
                created_at=self.when(start),
            )
        )
        self.memberships[id(body)].append(m)
        if status == c.MembershipStatus.ACTIVE:
            self.make_representatives(m, body)
        return m

    def rep_level(self, body) -> str:
        rank = LEVELS.index(body.required_level)
        x = self.rng.random()
        if x < 0.1 and rank + 1 < len(LEVELS):
            return LEVELS[rank + 1]  # below the level the body requires
        if x < 0.2 and rank > 0:
            return LEVELS[rank - 1]
        return LEVELS[rank]

    def make_representatives(self, m: Membership, body: Body) -> None:
        rng = self.rng
        people = self.people.get(id(m.organisation)) or []
        if not people:
            return
        final = m.end_date or self.today
        roles = [c.RepresentativeRole.PRINCIPAL]
        if len(people) > 1 and rng.random() < 0.7:
            roles.append(c.RepresentativeRole.ALTERNATE)
        current: set[int] = set()
        for role in roles:
            t = m.start_date
            while t <= final:
                length = datetime.timedelta(days=rng.randint(500, 1500))
                end = t + length
                last = end >= final
                candidates = [p for p in people if id(p) not in current] if last else people
                person = rng.choice(candidates or people)
                if last and m.end_date is None and not candidates:
                    break
                rep_end = m.end_date if last else end - DAY
                if last and rep_end is None:
                    current.add(id(person))
                self.out.add(
                    Representative(
                        network=self.network,
                        membership=m,
                        person=person,
                        role=role,
                        level=self.rep_level(body),
                        start_date=t,
                        end_date=rep_end,
                        visibility=m.visibility,
                        created_at=self.when(t),
                    )
                )
                if last:
                    break
                t = end

    def make_chair_terms(self, bodies) -> None:
        rng = self.rng
        self.current_chairs: dict[int, Body] = {}
        for body in bodies:
            if body.chair_arrangement == c.ChairArrangement.COORDINATOR:
                continue
            skip_current = rng.random() < 0.05  # a body whose chair has not been selected yet
            k = 0
            while True:
                start = add_months(body.established_on, 12 * k)
                end = add_months(body.established_on, 12 * (k + 1)) - DAY
                k += 1
                if start > self.today or (body.abolished_on and start >= body.abolished_on):
                    break
                if body.abolished_on and end > body.abolished_on:
                    end = body.abolished_on
                is_current = start <= self.today <= end
                if is_current and skip_current:
                    break
                members = [
                    m
                    for m in self.memberships[id(body)]
                    if m.status == c.MembershipStatus.ACTIVE
                    and m.start_date <= start
                    and (m.end_date is None or m.end_date >= start)
                ] or self.memberships[id(body)]
                if not members:
                    break
                seats = 2 if body.chair_arrangement == c.ChairArrangement.CO_CHAIRS else 1
                un_first = sorted(
                    members, key=lambda m: (m.organisation.kind != c.OrganisationKind.UN_ENTITY, rng.random())
                )
                picks = [un_first[0]]
                if seats == 2 and len(members) > 1:
                    picks.append(rng.choice([m for m in members if m is not un_first[0]]))
                for m in picks:
                    people = self.people.get(id(m.organisation)) or [None]
                    self.out.add(
                        ChairTerm(
                            network=self.network,
                            body=body,
                            organisation=m.organisation,
                            person=rng.choice(people),
                            role=c.ChairRole.CO_CHAIR if seats == 2 else c.ChairRole.CHAIR,
                            start_date=start,
                            end_date=end,
                            selection_note="Selected by consensus at the annual meeting.",
                            visibility=self.visibility(0.5, 0.1),
                            created_at=self.when(start - datetime.timedelta(days=rng.randint(0, 20))),
                        )
                    )
                if is_current:
                    self.current_chairs[id(body)] = body

    def make_nominations(self, bodies, by_kind) -> None:
        rng = self.rng
        consortia = by_kind[c.OrganisationKind.CSO_CONSORTIUM]
        members_of: dict[int, list[Organisation]] = defaultdict(list)
        for o in by_kind[c.OrganisationKind.NGO_CSO]:
            if o.consortium is not None:
                members_of[id(o.consortium)].append(o)
        for body in bodies:
            if body.kind not in (c.BodyKind.TWG, c.BodyKind.LOCAL_FORUM):
                continue
            until = body.abolished_on or self.today
            for year in range(body.established_on.year, until.year + 1):
                for cons in consortia:
                    if rng.random() > 0.35:
                        continue
                    pool = [p for o in [cons, *members_of[id(cons)]] for p in self.people.get(id(o), [])]
                    if not pool:
                        continue
                    on = self.day_between(
                        max(body.established_on, datetime.date(year, 1, 1)),
                        min(until, datetime.date(year, 12, 31)),
                    )
                    age = (self.today - on).days
                    if age > 90 or rng.random() < 0.3:
                        status = rng.choices(
                            [c.NominationStatus.ACCEPTED, c.NominationStatus.DECLINED], [3, 1]
                        )[0]
                        decided = min(self.today, on + datetime.timedelta(days=rng.randint(7, 60)))
                    else:
                        status, decided = c.NominationStatus.NOMINATED, None
                    self.out.add(
                        Nomination(
                            network=self.network,
                            consortium=cons,
                            body=body,
                            person=rng.choice(pool),
                            status=status,
                            nominated_on=on,
                            decided_on=decided,
                            note=""
                            if rng.random() < 0.8
                            else "Nominated at the consortium's general assembly.",
                            visibility=self.visibility(0.0, 0.3),
                            created_at=self.when(on),
                        )
                    )

    def make_terms(self) -> None:
        rng = self.rng
        versions = [self.established]
        second = add_months(self.established, 12 * rng.randint(3, 6))
        if second < self.today:
            versions.append(second)
        for number, adopted in enumerate(versions, start=1):
            terms = self.out.add(
                TermsOfReference(
                    network=self.network,
                    number=number,
                    title=f"Terms of Reference of the {self.spec.name}",
                    adopted_on=adopted,
                    text=(
                        f"# Terms of Reference (version {number})\n\n"
                        f"Adopted on {adopted:%d %B %Y}.\n\n## Objectives\n\n"
                        + "\n".join(f"{i}. {t}" for i, t in enumerate(seed.NETWORK_OBJECTIVES, 1))
                    ),
                    visibility=Visibility.PUBLIC,
                    created_at=self.when(adopted),
                )
            )
            for scope, texts in (
                (c.ObjectiveScope.NETWORK, seed.NETWORK_OBJECTIVES),
                (c.ObjectiveScope.TWG, seed.TWG_OBJECTIVES),
            ):
                for i, text in enumerate(texts, start=1):
                    self.out.add(
                        ToRObjective(
                            network=self.network,
                            terms=terms,
                            scope=scope,
                            number=i,
                            text=text,
                            visibility=Visibility.PUBLIC,
                            created_at=terms.created_at,
                        )
                    )

    def make_users(self) -> tuple[list[User], list[tuple[User, dict]]]:
        """Users and what each holds: one per role for benchmarks, plus focal points, chairs and partners."""
        rows = self.out.rows
        slug = self.network.slug
        orgs = rows[Organisation]
        un = [o for o in orgs if o.kind == c.OrganisationKind.UN_ENTITY]
        consortia = [o for o in orgs if o.kind == c.OrganisationKind.CSO_CONSORTIUM]
        ngos = [o for o in orgs if o.kind == c.OrganisationKind.NGO_CSO]
        chaired = [b for b in rows[Body] if id(b) in self.current_chairs and b.kind == c.BodyKind.TWG] or [
            b for b in rows[Body] if b.kind != c.BodyKind.PLENARY
        ]
        member_org = next((o for o in un if o.acronym == "UNHCR"), un[-1])
        specs: list[tuple[str, str, str, dict]] = [
            (f"bench-secretariat-{slug}", "Bench secretariat", Role.SECRETARIAT, {}),
            (f"bench-member-{slug}", "Bench member", Role.MEMBER, {"organisation": member_org}),
            (f"bench-chair-{slug}", "Bench chair", Role.CHAIR, {"body": chaired[0]}),
            (
                f"bench-partner-{slug}",
                "Bench partner",
                Role.PARTNER,
                {"organisation": (consortia or ngos)[0]},
            ),
            (f"bench-viewer-{slug}", "Bench viewer", Role.VIEWER, {}),
            (f"secretariat-{slug}", "Secretariat officer", Role.SECRETARIAT, {}),
        ]
        # Addresses from positions, not primary keys, so that the same seed gives the same users.
        for k, o in enumerate(un, start=1):
            specs.append((f"focal-{k}-{slug}", f"Focal point, {o.acronym}", Role.MEMBER, {"organisation": o}))
        chairs = [b for b in rows[Body] if id(b) in self.current_chairs]
        for k, b in enumerate(chairs, start=1):
            specs.append((f"chair-{k}-{slug}", f"Chair, {b}", Role.CHAIR, {"body": b}))
        for k, o in enumerate(consortia + ngos[: max(2, len(ngos) // 20)], start=1):
            specs.append((f"partner-{k}-{slug}", f"Partner, {o.acronym}", Role.PARTNER, {"organisation": o}))
        for i in range(1, 4):
            specs.append((f"viewer-{i}-{slug}", f"Viewer {i}", Role.VIEWER, {}))
        users, grants = [], []
        for local, full_name, role, target in specs:
            user = User(
                email=f"{local}@example.org",
                full_name=f"{full_name} ({self.spec.short_name})",
                password=self.password,
                date_joined=self.when(self.established),
            )
            users.append(user)
            grants.append((user, {"role": role, **target}))
        return users, grants


# --- Writing ----------------------------------------------------------------------------------------------

ORDER = [
    ThematicArea,
    Organisation,
    Person,
    Body,
    Membership,
    Representative,
    ChairTerm,
    Nomination,
    TermsOfReference,
    ToRObjective,
]


def _bulk(model: type[models.Model], objs: list, *, history: bool = True) -> None:
    if not objs:
        return
    if model is not Network:
        # Rows that point at rows of the same table (consortium, parent) go in after their targets.
        own = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is model]
        pending = objs
        while pending:
            ready = [o for o in pending if all(getattr(o, n) is None or getattr(o, n).pk for n in own)]
            model.objects.bulk_create(ready, batch_size=BATCH)
            pending = [o for o in pending if o.pk is None]
    if history:
        for obj in objs:
            obj._history_date = obj.created_at
        model.history.bulk_history_create(objs, batch_size=BATCH, default_change_reason="")


def _reference() -> dict:
    entities = {e.acronym: e for e in UNEntity.objects.all()}
    first = ["IOM", *seed.MEMBERS]
    ordered = [entities[a] for a in dict.fromkeys(first) if a in entities]
    ordered += [e for a, e in sorted(entities.items()) if a not in first]
    return {
        "un_entities": ordered,
        "gov_bodies": list(GovernmentBody.objects.filter(country="BD").order_by("acronym")),
        "categories": {s.code: s for s in StakeholderCategory.objects.all()},
        "districts": list(District.objects.order_by("name")) or [None],
    }


def _write_network(builder: _NetworkBuilder) -> Counter:
    rows = builder.run()
    network = builder.network
    counts: Counter = Counter()
    for model in ORDER:
        _bulk(model, rows.get(model, []))
        counts[model._meta.verbose_name_plural] += len(rows.get(model, []))
    through = Body.thematic_areas.through
    through.objects.bulk_create(
        [
            through(body_id=body.pk, thematicarea_id=theme.pk)
            for body in rows[Body]
            for theme in builder.body_themes[id(body)]
        ],
        batch_size=BATCH,
    )
    coordinator = next(
        o for o in rows[Organisation] if o.acronym == "IOM" or o.kind == c.OrganisationKind.UN_ENTITY
    )
    Network.all_objects.filter(pk=network.pk).update(coordinator=coordinator)
    network.coordinator = coordinator
    _bulk(Network, [network])
    counts["networks"] += 1
    users, grants = builder.make_users()
    User.objects.bulk_create(users, batch_size=BATCH)
    assignments = [
        RoleAssignment(
            network=network,
            user=user,
            visibility=Visibility.INTERNAL,
            created_at=user.date_joined,
            **grant,
        )
        for user, grant in grants
    ]
    _bulk(RoleAssignment, assignments)
    counts["users"] += len(users)
    counts["role assignments"] += len(assignments)
    return counts


@transaction.atomic
def generate(
    *,
    scale: str,
    seed: int = 1,
    replace: bool = False,
    password: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> Counter:
    """Fill the database with the networks of `scale`. Refuses when it already holds networks, unless
    `replace`: then networks generated before (slug `gen-…`) and their users are deleted first."""
    existing = Network.all_objects.count()
    if existing and not replace:
        raise GenerateRefused(
            f"The database already holds {existing} network(s). `mignet generate` fills an empty database; "
            "run it with --replace to delete the networks it generated before (slugs gen-…, and their users) "
            "and generate again, or point DATABASE_URL at an empty database."
        )
    if existing:
        delete_generated(progress=progress)
    if Network.all_objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise GenerateRefused("Networks with slugs starting gen- remain; delete them first.")
    from mignet.library import generate as library_generate
    from mignet.meetings import generate as meetings_generate
    from mignet.plans import generate as plans_generate

    today = timezone.localdate()
    ref = _reference()
    pw = make_password(password) if password else "!generated-user-no-password"
    totals: Counter = Counter()
    specs = network_specs(scale, seed)
    for i, spec in enumerate(specs, start=1):
        builder = _NetworkBuilder(spec, seed=seed, scale=scale, today=today, ref=ref, pw=pw)
        totals.update(_write_network(builder))
        totals.update(meetings_generate.write(builder))  # meetings, decisions, action points
        totals.update(plans_generate.write(builder))  # plans, activities, indicators, measurements, reports
        totals.update(library_generate.write(builder))  # resources with extracted text; then the index
        if progress:
            progress(f"  {i}/{len(specs)} {spec.slug}: {sum(totals.values())} rows so far")
    totals["history entries"] = sum(
        m.history.model.objects.filter(**_in_networks(m, specs)).count()
        for m in [Network, *ORDER, RoleAssignment]
    )
    return totals


def _in_networks(model, specs: Iterable[NetworkSpec]) -> dict:
    slugs = [s.slug for s in specs]
    return {"slug__in": slugs} if model is Network else {"network__slug__in": slugs}


def batch_info() -> tuple[str, int] | None:
    """(scale, seed) of the generated data in the database, or None when there is none."""
    network = Network.all_objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
    match = MARKER.search(network.description) if network else None
    return (match.group(1), int(match.group(2))) if match else None


def row_counts() -> dict[str, int]:
    """Rows of the network app's tables (all networks), for reports."""
    counts = {m._meta.verbose_name_plural: m.all_objects.count() for m in [Network, *ORDER, RoleAssignment]}
    counts["users"] = User.objects.count()
    return counts


def _scoped_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if issubclass(m, NetworkScopedModel) and not m._meta.abstract and not m._meta.proxy
    ]


def delete_generated(progress: Callable[[str], None] | None = None) -> int:
    """Delete the generated networks (slug gen-…), every row that belongs to them, and their users."""
    ids = list(Network.all_objects.filter(slug__startswith=SLUG_PREFIX).values_list("pk", flat=True))
    if not ids:
        return 0
    slugs = list(Network.all_objects.filter(pk__in=ids).values_list("slug", flat=True))
    with transaction.atomic():
        scoped = _scoped_models()
        # Raw deletes: the collector would load every row and write a history entry for each.
        for model in scoped:
            for f in model._meta.local_many_to_many:
                through = f.remote_field.through
                through.objects.filter(**{f"{f.m2m_field_name()}__network_id__in": ids})._raw_delete(
                    through.objects.db
                )
        Network.all_objects.filter(pk__in=ids).update(coordinator=None)
        for model in scoped:
            if hasattr(model, "history"):
                hist = model.history.model
                hist.objects.filter(network_id__in=ids)._raw_delete(hist.objects.db)
            model.all_objects.filter(network_id__in=ids)._raw_delete(model.all_objects.db)
        Network.history.model.objects.filter(id__in=ids)._raw_delete(Network.objects.db)
        Network.all_objects.filter(pk__in=ids)._raw_delete(Network.objects.db)
        for slug in slugs:
            User.objects.filter(email__endswith=f"-{slug}@example.org").delete()
    if progress:
        progress(f"Deleted {len(ids)} generated network(s).")
    return len(ids)
