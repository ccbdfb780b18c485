"""Demo data for the Bangladesh Network, marked `is_demo` and shown with a "demo" badge.

The organisations of civil society and all people here are invented; the UN members, the
Government bodies and the two TWGs named in public sources (labour migration, counter-trafficking)
are real. Dates are relative to today so that the governance-health panel always has something to show.
`load()` is idempotent: a second run creates nothing and changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from mignet.accounts.models import User
from mignet.core.choices import Role, Visibility
from mignet.core.models import District, GovernmentBody, StakeholderCategory

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
    ThematicArea,
)
from .services import add_months

DEMO_DOMAIN = "demo.mignet.org"
ACCOUNTS = {
    "secretariat": f"secretariat@{DEMO_DOMAIN}",
    "member": f"focal.unhcr@{DEMO_DOMAIN}",
    "chair": f"chair@{DEMO_DOMAIN}",
    "partner": f"partner@{DEMO_DOMAIN}",
    "viewer": f"viewer@{DEMO_DOMAIN}",
}


def _ensure(model, lookup: dict, defaults: dict | None = None):
    obj = model.all_objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **(defaults or {}), is_demo=True)
        obj.save()
    return obj


def _org(network, name, acronym, kind, **extra):
    return _ensure(
        Organisation, {"network": network, "name": name}, {"acronym": acronym, "kind": kind, **extra}
    )


def _person(network, name, org, position, email=None):
    return _ensure(
        Person,
        {"network": network, "full_name": name},
        {
            "organisation": org,
            "position": position,
            "email": email or f"{name.lower().replace(' ', '.')}@{DEMO_DOMAIN}",
        },
    )


def _user(email: str, full_name: str, password: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
    elif password and not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load(password: str) -> Network:
    """Seed the Network (if missing) and add demo TWGs, people, representatives, chairs and accounts."""
    network = seed.load()
    today = timezone.localdate()
    orgs = {
        o.acronym: o for o in Organisation.objects.filter(network=network, kind=c.OrganisationKind.UN_ENTITY)
    }
    cats = {s.code: s for s in StakeholderCategory.objects.all()}
    gov = {g.acronym: g for g in GovernmentBody.objects.filter(country="BD")}
    themes = {t.name: t for t in ThematicArea.objects.filter(network=network)}

    moewoe = _org(
        network, gov["MoEWOE"].name, "MoEWOE", c.OrganisationKind.GOVERNMENT, government_body=gov["MoEWOE"]
    )
    bmet = _org(network, gov["BMET"].name, "BMET", c.OrganisationKind.GOVERNMENT, government_body=gov["BMET"])
    moha = _org(network, gov["MoHA"].name, "MoHA", c.OrganisationKind.GOVERNMENT, government_body=gov["MoHA"])
    consortium = _org(
        network,
        "Civil Society Alliance on Migration (demo)",
        "CSAM",
        c.OrganisationKind.CSO_CONSORTIUM,
        stakeholder_category=cats.get("civil_society"),
        description="An invented consortium of migrant-rights NGOs, for the demo.",
    )
    ngo_safe = _org(
        network,
        "Nirapod Obhibashon Forum (demo)",
        "NOF",
        c.OrganisationKind.NGO_CSO,
        consortium=consortium,
        stakeholder_category=cats.get("civil_society"),
    )
    ngo_women = _org(
        network,
        "Women Migrant Workers' Association (demo)",
        "WMWA",
        c.OrganisationKind.NGO_CSO,
        consortium=consortium,
        stakeholder_category=cats.get("migrants"),
    )
    ngo_ct = _org(
        network,
        "Shurokkha Anti-Trafficking Network (demo)",
        "SATN",
        c.OrganisationKind.NGO_CSO,
        consortium=consortium,
    )
    diaspora = _org(
        network,
        "Bangladeshi Diaspora Link (demo)",
        "BDL",
        c.OrganisationKind.DIASPORA,
        stakeholder_category=cats.get("migrant_diaspora_orgs"),
    )
    union = _org(
        network,
        "National Workers' Federation (demo)",
        "NWF",
        c.OrganisationKind.TRADE_UNION,
        stakeholder_category=cats.get("trade_unions"),
    )
    academia = _org(
        network,
        "Centre for Migration Studies, Dhaka (demo)",
        "CMS",
        c.OrganisationKind.ACADEMIA,
        stakeholder_category=cats.get("academia"),
    )

    # People (invented names).
    p = {
        "iom_head": _person(network, "Farhana Rahman", orgs["IOM"], "Deputy Chief of Mission"),
        "iom_pm": _person(network, "Daniel Okafor", orgs["IOM"], "Programme Manager, Labour Mobility"),
        "iom_sec": _person(
            network, "Nusrat Jahan", orgs["IOM"], "Network Secretariat Officer", ACCOUNTS["secretariat"]
        ),
        "unhcr": _person(
            network, "Maria Lindqvist", orgs["UNHCR"], "Deputy Representative", ACCOUNTS["member"]
        ),
        "ilo": _person(
            network,
            "Tanvir Hossain",
            orgs["ILO"],
            "Senior Programme Manager, Labour Migration",
            ACCOUNTS["chair"],
        ),
        "ilo_pm": _person(network, "Sadia Karim", orgs["ILO"], "Programme Officer"),
        "undp": _person(network, "Arif Chowdhury", orgs["UNDP"], "Assistant Resident Representative"),
        "unwomen": _person(network, "Elena Rossi", orgs["UN Women"], "Deputy Country Representative"),
        "unwomen_pm": _person(
            network, "Shirin Akter", orgs["UN Women"], "Programme Manager, Women Migrant Workers"
        ),
        "unodc": _person(network, "Kamal Uddin", orgs["UNODC"], "Programme Manager, Trafficking in Persons"),
        "unodc_pm": _person(
            network, "Laila Begum", orgs["UNODC"], "Programme Officer, Trafficking in Persons"
        ),
        "unicef": _person(network, "Jonas Weber", orgs["UNICEF"], "Chief, Child Protection"),
        "rco": _person(network, "Rumana Sultana", orgs["UN RCO"], "Team Leader, Partnerships"),
        "ohchr": _person(network, "Ahmed Siddiqui", orgs["OHCHR"], "Human Rights Officer"),
        "csam": _person(network, "Mahmuda Khatun", consortium, "Coordinator", ACCOUNTS["partner"]),
        "nof": _person(network, "Rafiq Islam", ngo_safe, "Executive Director"),
        "wmwa": _person(network, "Parvin Sultana", ngo_women, "General Secretary"),
        "satn": _person(network, "Habib Rahman", ngo_ct, "Programme Manager"),
        "moewoe": _person(network, "Md. Abdul Karim", moewoe, "Joint Secretary", ACCOUNTS["viewer"]),
    }

    # Plenary representatives: most at Deputy level; OHCHR sends an officer (below the ToR's level).
    plenary = Body.objects.get(network=network, kind=c.BodyKind.PLENARY)
    plenary_reps = {
        "IOM": ("iom_head", c.ParticipationLevel.DEPUTY),
        "UNHCR": ("unhcr", c.ParticipationLevel.DEPUTY),
        "ILO": ("ilo", c.ParticipationLevel.DEPUTY),
        "UNDP": ("undp", c.ParticipationLevel.DEPUTY),
        "UN Women": ("unwomen", c.ParticipationLevel.DEPUTY),
        "UNODC": ("unodc", c.ParticipationLevel.PROGRAMME_MANAGER),
        "UNICEF": ("unicef", c.ParticipationLevel.DEPUTY),
        "UN RCO": ("rco", c.ParticipationLevel.DEPUTY),
        "OHCHR": ("ohchr", c.ParticipationLevel.OFFICER),
    }
    for acronym, (key, level) in plenary_reps.items():
        membership = Membership.objects.get(network=network, body=plenary, organisation=orgs[acronym])
        _ensure(
            Representative,
            {"network": network, "membership": membership, "person": p[key]},
            {"level": level, "start_date": seed.FIRST_MEETING},
        )

    twg_defaults = {
        "kind": c.BodyKind.TWG,
        "parent": plenary,
        "required_level": c.ParticipationLevel.PROGRAMME_MANAGER,
        "cadence": c.Cadence.AS_NEEDED,
        "chair_arrangement": c.ChairArrangement.CO_CHAIRS,
        "chair_term_months": 12,
        "chair_selection": "Consensus of the TWG's members; rotating annually",
        "membership_rule": "UN and NGO/CSOs",
        "established_on": seed.FIRST_MEETING,
        "visibility": Visibility.NETWORK,
    }
    twgs = {
        "lm": (
            _ensure(
                Body,
                {"network": network, "name": "Labour Migration TWG"},
                {
                    **twg_defaults,
                    "short_name": "Labour Migration TWG",
                    "mandate": "Operational coordination on labour migration, fair recruitment and the welfare of migrant workers (ToR T1–T4).",
                },
            ),
            ["Labour migration", "Migration and development"],
        ),
        "ct": (
            _ensure(
                Body,
                {"network": network, "name": "Counter-Trafficking in Persons TWG"},
                {
                    **twg_defaults,
                    "short_name": "Counter-Trafficking TWG",
                    "mandate": "Operational coordination on countering trafficking in persons, with the district taskforces (ToR T2, T5).",
                },
            ),
            ["Counter-trafficking in persons", "Social cohesion"],
        ),
        "md": (
            _ensure(
                Body,
                {"network": network, "name": "Migration, Diaspora and Development TWG (demo)"},
                {
                    **twg_defaults,
                    "short_name": "Diaspora & Development TWG",
                    "established_on": datetime.date(2021, 3, 15),
                },
            ),
            ["Diaspora and remittances", "Migration and development", "Root causes of displacement"],
        ),
    }
    for body, names in twgs.values():
        if not body.thematic_areas.exists():
            body.thematic_areas.set([themes[n] for n in names])
    lm, ct, md = twgs["lm"][0], twgs["ct"][0], twgs["md"][0]
    taskforce = _ensure(
        Body,
        {"network": network, "name": "Cox's Bazar Counter-Trafficking Taskforce (liaison)"},
        {
            "kind": c.BodyKind.LOCAL_FORUM,
            "short_name": "Cox's Bazar CT Taskforce",
            "parent": ct,
            "district": District.objects.get(name="Cox's Bazar"),
            "required_level": c.ParticipationLevel.OFFICER,
            "cadence": c.Cadence.MONTHLY,
            "chair_arrangement": c.ChairArrangement.CHAIR,
            "established_on": datetime.date(2019, 10, 1),
            "membership_rule": "District authorities, UN and NGOs working in the Rohingya response",
        },
    )

    def member(
        body,
        org,
        person=None,
        level=c.ParticipationLevel.PROGRAMME_MANAGER,
        start=seed.FIRST_MEETING,
        status=c.MembershipStatus.ACTIVE,
        kind=c.MembershipKind.MEMBER,
    ):
        m = _ensure(
            Membership,
            {"network": network, "body": body, "organisation": org},
            {"start_date": start, "status": status, "kind": kind},
        )
        if person is not None:
            _ensure(
                Representative,
                {"network": network, "membership": m, "person": person},
                {"level": level, "start_date": start},
            )
        return m

    member(lm, orgs["ILO"], p["ilo"], c.ParticipationLevel.DEPUTY)
    member(lm, orgs["IOM"], p["iom_pm"])
    member(lm, orgs["UN Women"], p["unwomen_pm"])
    member(lm, orgs["UNDP"])
    member(lm, ngo_women, p["wmwa"], c.ParticipationLevel.HEAD)
    member(lm, union, start=datetime.date(2022, 2, 1))
    member(lm, bmet, kind=c.MembershipKind.OBSERVER, start=datetime.date(2020, 1, 1))
    member(ct, orgs["UNODC"], p["unodc_pm"], c.ParticipationLevel.OFFICER)
    member(ct, orgs["IOM"], p["iom_pm"])
    member(ct, orgs["UNICEF"], p["unicef"], c.ParticipationLevel.DEPUTY)
    member(ct, orgs["UNHCR"])
    member(ct, ngo_ct, p["satn"])
    member(ct, moha, kind=c.MembershipKind.OBSERVER)
    member(md, orgs["IOM"], p["iom_pm"], start=datetime.date(2021, 3, 15))
    member(md, orgs["UNDP"], p["undp"], c.ParticipationLevel.DEPUTY, start=datetime.date(2021, 3, 15))
    member(md, diaspora, start=datetime.date(2021, 3, 15))
    member(md, academia, status=c.MembershipStatus.PROPOSED, start=today)
    district_admin = _org(
        network,
        "Cox's Bazar District Administration (demo)",
        "DC CXB",
        c.OrganisationKind.LOCAL_AUTHORITY,
        stakeholder_category=cats.get("local_authorities_communities"),
    )
    dc = _person(network, "Sharmin Nahar", district_admin, "Additional Deputy Commissioner")
    member(taskforce, district_admin, dc, c.ParticipationLevel.DEPUTY, start=datetime.date(2019, 10, 1))
    member(
        taskforce,
        orgs["IOM"],
        _person(network, "Rashed Alam", orgs["IOM"], "Counter-Trafficking Officer, Cox's Bazar"),
        c.ParticipationLevel.OFFICER,
        start=datetime.date(2019, 10, 1),
    )
    member(taskforce, orgs["UNODC"], start=datetime.date(2019, 10, 1))
    member(taskforce, ngo_ct, start=datetime.date(2020, 2, 1))
    _ensure(
        ChairTerm,
        {
            "network": network,
            "body": taskforce,
            "organisation": district_admin,
            "start_date": add_months(today, -4),
        },
        {
            "end_date": add_months(today, 8) - datetime.timedelta(days=1),
            "role": c.ChairRole.CHAIR,
            "person": dc,
            "selection_note": "Chaired by the district administration",
        },
    )
    csam_lm = member(lm, consortium, start=datetime.date(2020, 6, 1))
    _ensure(
        Representative,
        {"network": network, "membership": csam_lm, "person": p["nof"]},
        {"level": c.ParticipationLevel.HEAD, "start_date": datetime.date(2020, 6, 1)},
    )

    # Chair terms: co-chairs rotating annually since the first meeting.
    def terms(body, pairs, last_start):
        start = last_start
        for index, (org_a, org_b) in enumerate(reversed(pairs)):
            term_start = add_months(last_start, -12 * index)
            term_end = add_months(term_start, 12) - datetime.timedelta(days=1)
            for org, role in ((org_a, c.ChairRole.CO_CHAIR), (org_b, c.ChairRole.CO_CHAIR)):
                _ensure(
                    ChairTerm,
                    {"network": network, "body": body, "organisation": org, "start_date": term_start},
                    {
                        "end_date": term_end,
                        "role": role,
                        "selection_note": "Selected by consensus at the TWG meeting",
                    },
                )
        return start

    # Labour migration: the current term ends in about 45 days (an alert on the home page).
    lm_start = add_months(today + datetime.timedelta(days=45), -12) + datetime.timedelta(days=1)
    terms(
        lm,
        [
            (orgs["ILO"], orgs["IOM"]),
            (orgs["IOM"], orgs["UN Women"]),
            (orgs["UN Women"], orgs["ILO"]),
            (orgs["ILO"], ngo_women),
            (orgs["IOM"], orgs["UNDP"]),
            (orgs["ILO"], orgs["UN Women"]),
        ],
        lm_start,
    )
    # Counter-trafficking: current term started three months ago.
    terms(
        ct,
        [
            (orgs["UNODC"], orgs["IOM"]),
            (orgs["IOM"], orgs["UNICEF"]),
            (orgs["UNODC"], ngo_ct),
            (orgs["UNICEF"], orgs["UNODC"]),
            (orgs["IOM"], ngo_ct),
            (orgs["UNODC"], orgs["UNICEF"]),
        ],
        today - datetime.timedelta(days=90),
    )
    # Diaspora & development: the last term ended three weeks ago and nobody has been selected since.
    terms(
        md,
        [
            (orgs["UNDP"], orgs["IOM"]),
            (orgs["IOM"], diaspora),
            (orgs["UNDP"], diaspora),
            (orgs["IOM"], orgs["UNDP"]),
        ],
        add_months(today - datetime.timedelta(days=21), -12) + datetime.timedelta(days=1),
    )

    # The consortium nominates civil-society representatives.
    _ensure(
        Nomination,
        {"network": network, "consortium": consortium, "body": lm, "person": p["nof"]},
        {
            "status": c.NominationStatus.ACCEPTED,
            "nominated_on": datetime.date(2020, 5, 20),
            "decided_on": datetime.date(2020, 6, 1),
        },
    )
    _ensure(
        Nomination,
        {"network": network, "consortium": consortium, "body": ct, "person": p["satn"]},
        {
            "status": c.NominationStatus.NOMINATED,
            "nominated_on": today - datetime.timedelta(days=10),
            "note": "To represent the Alliance's anti-trafficking members.",
        },
    )
    _ensure(
        Nomination,
        {"network": network, "consortium": consortium, "body": md, "person": p["wmwa"]},
        {
            "status": c.NominationStatus.DECLINED,
            "nominated_on": datetime.date(2022, 4, 2),
            "decided_on": datetime.date(2022, 4, 20),
            "note": "Declined: the TWG asked for a diaspora-focused member.",
        },
    )

    # The five demo accounts of DESIGN.md section 6.
    grants = [
        ("secretariat", "Nusrat Jahan", Role.SECRETARIAT, orgs["IOM"], None, "iom_sec"),
        ("member", "Maria Lindqvist", Role.MEMBER, orgs["UNHCR"], None, "unhcr"),
        ("chair", "Tanvir Hossain", Role.CHAIR, orgs["ILO"], lm, "ilo"),
        ("partner", "Mahmuda Khatun", Role.PARTNER, consortium, None, "csam"),
        ("viewer", "Md. Abdul Karim", Role.VIEWER, moewoe, None, "moewoe"),
    ]
    for key, full_name, role, org, body, person_key in grants:
        user = _user(ACCOUNTS[key], full_name, password)
        if p[person_key].user_id is None:
            Person.all_objects.filter(pk=p[person_key].pk).update(user=user)
        _ensure(
            RoleAssignment,
            {
                "network": network,
                "user": user,
                "role": role,
                "organisation": org if role in (Role.MEMBER, Role.PARTNER) else None,
                "body": body,
            },
            {"visibility": Visibility.INTERNAL},
        )
        if role == Role.CHAIR:  # the chair is also ILO's focal point
            _ensure(
                RoleAssignment,
                {
                    "network": network,
                    "user": user,
                    "role": Role.MEMBER,
                    "organisation": orgs["ILO"],
                    "body": None,
                },
                {"visibility": Visibility.INTERNAL},
            )
    return network
