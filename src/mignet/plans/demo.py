"""Demo plans of the Bangladesh Network, marked `is_demo`: the national GCM action plan 2025–2027 and the
Network's 2026 work plan (both approved by an adopted "approve a plan" decision of the plenary), the 2026
work plans of the three demo TWGs (one submitted, two drafts), with results trees, activities by agencies
and demo NGOs across districts tied to every framework, indicators with yearly targets and quarterly
measurements (some by sex), quarterly progress reports for 2026-Q1 to Q3 (UNODC has not sent its Q3 report;
WMWA sent Q2 late), impediments at every stage, joint-programming priorities (one promoted into an
activity), a likely duplicate pair in Cox's Bazar and one pair reviewed as complementary.

Plans, results, activities, indicators, targets and measurements go through `services.plans`; progress
reports and impediments through their services; the rows are then dated back (created, submitted,
approved, reported, escalated) with their history entries. Joint priorities and duplicate reviews are
written as rows (with their history actor) when their services are not there.

`load()` is idempotent: plans are found by body and title and their content is created only with them;
framework items by code, reports by plan, organisation and quarter, impediments, priorities and decisions
by title.
"""

from __future__ import annotations

import datetime
import zoneinfo
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from mignet.accounts.models import User
from mignet.core.choices import Visibility
from mignet.core.models import District, GCMObjective, GovernmentBody, GuidingPrinciple, SDGTarget
from mignet.network import choices as nc
from mignet.network.demo import ACCOUNTS
from mignet.network.models import Body, Organisation, Person, ThematicArea

from . import choices as c
from .models import (
    Activity,
    DuplicateReview,
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
from .services import plans as services

D = Decimal
TWG_NAMES = {
    "lm": "Labour Migration TWG",
    "ct": "Counter-Trafficking TWG",
    "md": "Diaspora & Development TWG",
}
GCM_PLAN = "National GCM Action Plan of Bangladesh 2025–2027"
NETWORK_PLAN = "Work plan of the UN Network on Migration in Bangladesh 2026"
REPORT_QUARTERS = [(2026, 1), (2026, 2), (2026, 3)]
LATE_FOR_Q3 = "UNODC"  # has not sent its 2026-Q3 report
LATE_SUBMITTER = ("WMWA", (2026, 2))  # sent its 2026-Q2 report after the due date

UNSDCF = [
    (
        "1",
        "Inclusive and sustainable economic development",
        "More people, women and youth in particular, "
        "benefit from decent work, skills and an economy that is inclusive and green.",
    ),
    (
        "2",
        "Equitable human development and well-being",
        "People left furthest behind, migrants and their "
        "families among them, use quality health, education and social protection services.",
    ),
    (
        "3",
        "Sustainable, healthy and resilient environment",
        "Communities in climate-vulnerable districts "
        "are more resilient to disasters and to displacement caused by climate change.",
    ),
    (
        "4",
        "Transformative, participatory and inclusive governance",
        "Institutions are accountable and "
        "rights-based; migration is governed with data, the rule of law and people's participation.",
    ),
    (
        "5",
        "Gender equality and eliminating gender-based violence",
        "Women and girls, including women "
        "migrant workers and survivors of trafficking, live free from violence and discrimination.",
    ),
]
GOVERNMENT = [
    (
        "GP1",
        "Safe, orderly and regular overseas employment",
        "Overseas Employment and Migrants Act 2013: "
        "registration of recruiting agents and their intermediaries, migrants' rights to information and "
        "legal aid.",
    ),
    (
        "GP2",
        "Skills development for overseas employment",
        "8th Five Year Plan (2020–2025): more skilled and "
        "semi-skilled workers among those who migrate, and recognition of skills on return.",
    ),
    (
        "GP3",
        "Prevention and suppression of human trafficking",
        "Prevention and Suppression of Human "
        "Trafficking Act 2012 and the National Plan of Action: counter-trafficking committees in every district.",
    ),
    (
        "GP4",
        "Welfare and reintegration of returnee migrants",
        "Expatriates' Welfare and Overseas Employment "
        "Policy 2016: reintegration services, welfare desks and support to migrants' families.",
    ),
    (
        "GP5",
        "Remittances through formal channels and diaspora investment",
        "8th Five Year Plan: lower costs of sending money home and diaspora investment in local development.",
    ),
]

# A plan's results tree: outcomes with their outputs; each output with its activities. An activity:
# key, lead, title, description, districts ("*" = national), GCM objectives, principles, SDG targets,
# themes, UNSDCF outcome, Government priority, start, end, status, (required, available, spent),
# (gender marker, why), (human-rights marker, why), partners, extras.
LABOUR, CT, DEV, DIASPORA, COHESION, ROOT = (
    "Labour migration",
    "Counter-trafficking in persons",
    "Migration and development",
    "Diaspora and remittances",
    "Social cohesion",
    "Root causes of displacement",
)


def _a(
    key,
    lead,
    title,
    description,
    districts,
    gcm,
    *,
    gp="",
    sdg=(),
    themes=(),
    unsdcf="",
    gov="",
    dates=None,
    status=c.ActivityStatus.ONGOING,
    budget=(0, 0, 0),
    gender=(0, ""),
    rights=(0, ""),
    partners=(),
    funding="",
    body="",
    joint=False,
    priority="",
    indicator=None,
):
    return {
        "key": key,
        "lead": lead,
        "title": title,
        "description": description,
        "districts": districts,
        "gcm": gcm,
        "gp": gp,
        "sdg": sdg,
        "themes": themes,
        "unsdcf": unsdcf,
        "gov": gov,
        "dates": dates,
        "status": status,
        "budget": budget,
        "gender": gender,
        "rights": rights,
        "partners": partners,
        "funding": funding,
        "body": body,
        "joint": joint,
        "priority": priority,
        "indicator": indicator,
    }


# Indicator of an activity: name, unit, baseline (value, year), targets {period: value}, by sex,
# quarterly values (total) from the first quarter measured.
def _i(name, unit, baseline, targets, *, sex=False, per_quarter=0, direction=c.Direction.INCREASE, mov=""):
    return {
        "name": name,
        "unit": unit,
        "baseline": baseline,
        "targets": targets,
        "sex": sex,
        "per_quarter": per_quarter,
        "direction": direction,
        "mov": mov,
    }


GCM_TREE = [
    (
        "Women and men migrate through safe, regular and fair labour migration pathways",
        _i(
            "Share of departing migrant workers who paid recruitment costs above the Government ceiling",
            "%",
            (D(62), 2024),
            {"2025": 55, "2026": 45, "2027": 35},
            direction=c.Direction.DECREASE,
            mov="BMET departure survey",
        ),
        [
            (
                "Recruitment is fairer: intermediaries are registered and recruitment costs monitored",
                [
                    _a(
                        "sub_agents",
                        "ILO",
                        "Support BMET to register and monitor recruitment sub-agents (dalals)",
                        "Technical support to BMET to open the registration of intermediaries foreseen by the "
                        "Overseas Employment and Migrants Act 2013, train district employment officers and publish "
                        "a monthly list of registered sub-agents.",
                        ["Dhaka", "Cumilla"],
                        [6],
                        gp="df",
                        sdg=("8.7", "10.7"),
                        themes=(LABOUR,),
                        unsdcf="4",
                        gov="GP1",
                        dates=("2025-03-01", "2027-06-30"),
                        budget=(450_000, 300_000, 210_000),
                        gender=(1, "Registration data is kept by sex; women-only agencies are consulted."),
                        rights=(2, "Protects migrants' right to fair recruitment (ILO C181 principles)."),
                        partners=("IOM", "NWF"),
                        funding="Government of Switzerland (SDC)",
                        body="lm",
                        indicator=_i(
                            "Sub-agents registered with BMET",
                            "intermediaries",
                            (D(0), 2024),
                            {"2025": 400, "2026": 1500, "2027": 3000},
                            per_quarter=180,
                            mov="BMET registration database",
                        ),
                    ),
                    _a(
                        "mrc",
                        "IOM",
                        "Migrant Resource Centres: information on safe migration in three districts",
                        "Migrant Resource Centres at the District Employment and Manpower Offices give aspiring "
                        "migrants and their families information on jobs abroad, costs, contracts and risks.",
                        ["Dhaka", "Cumilla", "Sylhet"],
                        [3, 6],
                        gp="ag",
                        sdg=("10.7",),
                        themes=(LABOUR, DEV),
                        unsdcf="1",
                        gov="GP1",
                        dates=("2025-01-01", "2027-12-31"),
                        budget=(620_000, 620_000, 380_000),
                        gender=(2, "Half the counselling sessions are held by women counsellors for women."),
                        rights=(1, "Information on rights and complaint channels is part of every session."),
                        partners=("ILO",),
                        funding="European Union",
                        body="lm",
                        indicator=_i(
                            "Aspiring migrants counselled at the centres",
                            "people",
                            (D(8_400), 2024),
                            {"2025": 12_000, "2026": 14_000, "2027": 16_000},
                            sex=True,
                            per_quarter=3_200,
                            mov="Centre registers",
                        ),
                    ),
                    _a(
                        "help_desks",
                        "NWF",
                        "Trade-union help desks for migrant workers at district employment offices",
                        "Help desks run by trade-union volunteers advise migrant workers and their families on "
                        "contracts, wages and complaints, and refer cases to BMET and legal aid.",
                        ["Khulna", "Jashore"],
                        [6],
                        gp="j",
                        sdg=("8.8",),
                        themes=(LABOUR,),
                        unsdcf="1",
                        gov="GP1",
                        dates=("2027-01-01", "2027-12-31"),
                        status=c.ActivityStatus.PLANNED,
                        budget=(90_000, 20_000, 0),
                        partners=("ILO",),
                        funding="ILO regular budget (sought)",
                    ),
                ],
            ),
            (
                "Aspiring women migrant workers receive gender-responsive pre-departure orientation",
                [
                    _a(
                        "pdo_women",
                        "UN Women",
                        "Gender-responsive pre-departure orientation for women domestic workers",
                        "A revised three-day orientation curriculum for women going abroad as domestic workers, "
                        "delivered with the Technical Training Centres: rights, safety plans, helplines, money.",
                        ["Dhaka", "Sylhet"],
                        [6, 7],
                        gp="gf",
                        sdg=("5.2", "8.8"),
                        themes=(LABOUR,),
                        unsdcf="5",
                        gov="GP2",
                        dates=("2025-02-01", "2026-06-30"),
                        status=c.ActivityStatus.COMPLETED,
                        budget=(280_000, 280_000, 274_500),
                        gender=(
                            3,
                            "Designed for and with women migrant workers; gender equality is its purpose.",
                        ),
                        rights=(
                            2,
                            "Covers the rights of domestic workers under ILO C189 and the host countries.",
                        ),
                        partners=("WMWA",),
                        funding="Government of Canada",
                        body="lm",
                        indicator=_i(
                            "Women completing the revised orientation",
                            "women",
                            (D(0), 2024),
                            {"2025": 2_500, "2026": 1_500},
                            per_quarter=700,
                            mov="TTC attendance sheets",
                        ),
                    ),
                    _a(
                        "peer_groups",
                        "WMWA",
                        "Peer support groups for families of women migrant workers",
                        "Monthly peer groups for the families left behind in Jashore and Satkhira: remittance "
                        "management, child care and what to do when contact with the worker is lost.",
                        ["Jashore", "Satkhira"],
                        [7, 16],
                        gp="gh",
                        sdg=("5.2",),
                        themes=(LABOUR, COHESION),
                        unsdcf="5",
                        gov="GP4",
                        dates=("2025-07-01", "2026-12-31"),
                        status=c.ActivityStatus.DELAYED,
                        budget=(60_000, 45_000, 18_000),
                        gender=(2, "Most members are women heads of household left behind."),
                        rights=(1, "Families learn how to claim welfare board benefits."),
                        partners=("UN Women",),
                        funding="UN Women small grants",
                        body="lm",
                    ),
                ],
            ),
        ],
    ),
    (
        "Trafficking in persons is prevented and survivors are protected and assisted",
        _i(
            "Trafficking cases filed under the 2012 Act that reach a verdict within two years",
            "%",
            (D(12), 2024),
            {"2025": 15, "2026": 20, "2027": 25},
            mov="Ministry of Home Affairs case data",
        ),
        [
            (
                "Communities and district committees prevent trafficking and refer victims",
                [
                    _a(
                        "ct_awareness_iom",
                        "IOM",
                        "Community awareness sessions on the risks of human trafficking in Cox's Bazar camps and host communities",
                        "Community awareness sessions on human trafficking risks, safe migration and referral "
                        "for Rohingya refugees and host communities in Cox's Bazar, led by trained volunteers.",
                        ["Cox's Bazar"],
                        [10],
                        gp="afh",
                        sdg=("16.2", "8.7"),
                        themes=(CT, COHESION),
                        unsdcf="5",
                        gov="GP3",
                        dates=("2025-01-01", "2027-12-31"),
                        budget=(350_000, 260_000, 150_000),
                        gender=(
                            2,
                            "Separate sessions for women and adolescent girls, run by women facilitators.",
                        ),
                        rights=(2, "Explains victims' rights to protection and non-punishment."),
                        funding="US Department of State (J/TIP)",
                        body="ct",
                        indicator=_i(
                            "People reached by trafficking awareness sessions",
                            "people",
                            (D(0), 2024),
                            {"2025": 8_000, "2026": 10_000, "2027": 10_000},
                            sex=True,
                            per_quarter=2_300,
                            mov="Session attendance lists",
                        ),
                    ),
                    _a(
                        "ct_awareness_unodc",
                        "UNODC",
                        "Awareness sessions on human trafficking risks for communities in the Rohingya camps and host communities of Cox's Bazar",
                        "Awareness sessions on the risks of human trafficking and on safe migration for Rohingya "
                        "camp residents and host communities in Cox's Bazar, with referral to protection services.",
                        ["Cox's Bazar"],
                        [10],
                        gp="ad",
                        sdg=("16.2",),
                        themes=(CT,),
                        unsdcf="4",
                        gov="GP3",
                        dates=("2026-01-01", "2027-06-30"),
                        budget=(180_000, 120_000, 40_000),
                        rights=(1, "Sessions present the rights of victims under the 2012 Act."),
                        partners=("SATN",),
                        funding="UNODC Global Programme against Trafficking",
                        body="ct",
                    ),
                    _a(
                        "ct_committees",
                        "UNODC",
                        "Training of district counter-trafficking committees on the 2012 Act",
                        "Two-day trainings for the district counter-trafficking committees on investigation, "
                        "victim identification and the referral of survivors under the Prevention and "
                        "Suppression of Human Trafficking Act 2012.",
                        ["Khulna", "Jashore", "Satkhira"],
                        [10, 11],
                        gp="d",
                        sdg=("16.2",),
                        themes=(CT,),
                        unsdcf="4",
                        gov="GP3",
                        dates=("2025-01-01", "2025-12-31"),
                        status=c.ActivityStatus.COMPLETED,
                        budget=(120_000, 120_000, 118_000),
                        rights=(
                            2,
                            "Victim-centred, rights-based identification is the core of the training.",
                        ),
                        partners=("IOM", "SATN"),
                        funding="UNODC Global Programme against Trafficking",
                        body="ct",
                        indicator=_i(
                            "Committee members trained",
                            "people",
                            (D(0), 2024),
                            {"2025": 300},
                            sex=True,
                            per_quarter=80,
                            mov="Training reports",
                        ),
                    ),
                ],
            ),
            (
                "Survivors receive shelter, legal aid and reintegration support",
                [
                    _a(
                        "child_survivors",
                        "UNICEF",
                        "Case management and family tracing for child survivors of trafficking",
                        "Social workers manage the cases of child survivors of trafficking: interim care, "
                        "family tracing, return to school and follow-up for a year.",
                        ["Cox's Bazar", "Jashore"],
                        [10],
                        gp="hf",
                        sdg=("16.2", "5.2"),
                        themes=(CT,),
                        unsdcf="2",
                        gov="GP3",
                        dates=("2025-01-01", "2027-12-31"),
                        budget=(400_000, 250_000, 290_000),
                        gender=(2, "Girls' specific risks and needs are assessed in every case plan."),
                        rights=(
                            3,
                            "Grounded in the Convention on the Rights of the Child: the child's best interests.",
                        ),
                        partners=("SATN",),
                        funding="UNICEF thematic funds",
                        body="ct",
                        indicator=_i(
                            "Child survivors with a case plan",
                            "children",
                            (D(140), 2024),
                            {"2025": 220, "2026": 260, "2027": 300},
                            sex=True,
                            per_quarter=60,
                            mov="Case management database (Primero)",
                        ),
                    ),
                    _a(
                        "sea_referrals",
                        "UNHCR",
                        "Protection referrals for Rohingya refugees at risk of trafficking and onward movement by sea",
                        "Protection staff identify refugees at risk of trafficking or of dangerous journeys by "
                        "sea and refer them to case management, legal aid and livelihoods support.",
                        ["Cox's Bazar"],
                        [8, 10],
                        gp="af",
                        sdg=("10.7", "16.2"),
                        themes=(CT, ROOT),
                        unsdcf="4",
                        gov="GP3",
                        dates=("2025-01-01", "2027-12-31"),
                        budget=(520_000, 410_000, 260_000),
                        gender=(1, "Data by sex and age; women-only spaces for disclosure."),
                        rights=(
                            3,
                            "Protection of refugees' rights, non-refoulement and the right to life at sea.",
                        ),
                        partners=("IOM",),
                        funding="UNHCR annual budget",
                        body="ct",
                        joint=True,
                        indicator=_i(
                            "Refugees at risk referred to protection services",
                            "people",
                            (D(900), 2024),
                            {"2025": 1_200, "2026": 1_400, "2027": 1_500},
                            per_quarter=330,
                            mov="UNHCR proGres referrals",
                        ),
                    ),
                ],
            ),
        ],
    ),
    (
        "Returnees reintegrate sustainably and migration contributes to local development",
        _i(
            "Returnees with a regular income a year after return",
            "%",
            (D(38), 2024),
            {"2025": 42, "2026": 48, "2027": 55},
            mov="Returnee panel survey",
        ),
        [
            (
                "Returnees access skills recognition, decent jobs and psychosocial support",
                [
                    _a(
                        "reintegration",
                        "IOM",
                        "Reintegration counselling and micro-business grants for returnee migrants",
                        "Returnees receive counselling, psychosocial support and a small grant with mentoring "
                        "to start a business, with the Wage Earners' Welfare Board and Probashi Kallyan Bank.",
                        ["Sylhet", "Cumilla", "Khulna"],
                        [21],
                        gp="aei",
                        sdg=("10.7", "8.5"),
                        themes=(DEV, LABOUR),
                        unsdcf="1",
                        gov="GP4",
                        dates=("2025-04-01", "2027-12-31"),
                        budget=(760_000, 540_000, 300_000),
                        gender=(
                            2,
                            "A third of the grants go to women returnees, with child care during training.",
                        ),
                        rights=(1, "Returnees are informed of their rights to welfare board services."),
                        partners=("ILO", "UNDP", "UN Women"),
                        funding="Joint programme (EU, IOM, ILO)",
                        body="md",
                        joint=True,
                        priority="Joint programme on the sustainable reintegration of returnee migrants",
                        indicator=_i(
                            "Returnees who received a reintegration grant",
                            "people",
                            (D(0), 2024),
                            {"2025": 500, "2026": 900, "2027": 1_200},
                            sex=True,
                            per_quarter=160,
                            mov="Grant agreements",
                        ),
                    ),
                    _a(
                        "rpl",
                        "ILO",
                        "Recognition of prior learning for returnee workers in construction and hospitality",
                        "Assessment and certification of the skills returnees gained abroad, so that employers "
                        "at home recognise them.",
                        ["Dhaka", "Khulna"],
                        [18],
                        gp="e",
                        sdg=("4.b", "8.5"),
                        themes=(LABOUR,),
                        unsdcf="1",
                        gov="GP2",
                        dates=("2025-07-01", "2026-12-31"),
                        status=c.ActivityStatus.CANCELLED,
                        budget=(210_000, 0, 12_000),
                        funding="Funding proposal not retained",
                    ),
                ],
            ),
            (
                "Remittances and diaspora investment support local development",
                [
                    _a(
                        "diaspora_fund",
                        "UNDP",
                        "Diaspora investment matching fund for climate-resilient enterprises",
                        "A matching fund for diaspora investors in small climate-resilient enterprises in "
                        "coastal districts, with Probashi Kallyan Bank.",
                        ["Khulna", "Satkhira"],
                        [19, 20],
                        gp="e",
                        sdg=("10.c", "1.3"),
                        themes=(DIASPORA, ROOT),
                        unsdcf="3",
                        gov="GP5",
                        dates=("2027-01-01", "2027-12-31"),
                        status=c.ActivityStatus.PLANNED,
                        budget=(1_000_000, 250_000, 0),
                        partners=("BDL",),
                        funding="UNDP and diaspora co-investment",
                        body="md",
                    ),
                    _a(
                        "fellowships",
                        "BDL",
                        "Diaspora knowledge-exchange fellowships with district hospitals",
                        "Doctors and nurses of the diaspora spend two to six weeks in district hospitals to train "
                        "staff and share practice.",
                        ["Sylhet"],
                        [19],
                        gp="b",
                        sdg=("3.c",),
                        themes=(DIASPORA,),
                        unsdcf="2",
                        gov="GP5",
                        dates=("2026-09-01", "2027-12-31"),
                        status=c.ActivityStatus.PLANNED,
                        budget=(40_000, 25_000, 0),
                        funding="Diaspora contributions",
                        body="md",
                    ),
                    _a(
                        "data_portal",
                        "IOM",
                        "National migration data portal with the Bureau of Statistics",
                        "A public portal with the Bangladesh Bureau of Statistics and BMET on departures, "
                        "returns and remittances, updated every quarter.",
                        "*",
                        [1],
                        gp="i",
                        sdg=("17.18", "10.7"),
                        themes=(DEV,),
                        unsdcf="4",
                        gov="GP5",
                        dates=("2025-01-01", "2027-12-31"),
                        budget=(300_000, 300_000, 140_000),
                        partners=("UN RCO",),
                        funding="IOM Development Fund",
                        indicator=_i(
                            "Datasets published on the portal",
                            "datasets",
                            (D(3), 2024),
                            {"2025": 10, "2026": 18, "2027": 25},
                            per_quarter=2,
                            mov="Portal",
                        ),
                    ),
                ],
            ),
        ],
    ),
]

NETWORK_TREE = [
    (
        "The Government is supported to implement, follow up and review the GCM",
        _i(
            "GCM action plan activities on track or completed",
            "%",
            (D(55), 2025),
            {"2026": 75},
            mov="Quarterly progress reports",
        ),
        [
            (
                "The national GCM action plan is monitored and reported on",
                [
                    _a(
                        "mct_monitoring",
                        "IOM",
                        "Quarterly monitoring of the GCM action plan with the Migration Compact Taskforce",
                        "The secretariat compiles the agencies' quarterly reports and presents progress and "
                        "impediments to the Migration Compact Taskforce.",
                        "*",
                        [23],
                        gp="bi",
                        sdg=("17.18",),
                        themes=(DEV,),
                        unsdcf="4",
                        gov="GP1",
                        dates=("2026-01-01", "2026-12-31"),
                        budget=(45_000, 45_000, 30_000),
                        partners=("UN RCO",),
                        funding="Network pooled funds",
                        indicator=_i(
                            "Quarterly progress briefs presented to the Taskforce",
                            "briefs",
                            (D(2), 2025),
                            {"2026": 4},
                            per_quarter=1,
                            mov="Taskforce minutes",
                        ),
                    ),
                    _a(
                        "cca",
                        "UN RCO",
                        "Migration in the common country analysis for the next Cooperation Framework",
                        "The Network's analysis of migration trends and gaps feeds the common country analysis "
                        "for the UNSDCF 2027–2031.",
                        "*",
                        [1, 23],
                        gp="bi",
                        sdg=("17.18",),
                        themes=(DEV,),
                        unsdcf="4",
                        dates=("2026-02-01", "2026-10-31"),
                        status=c.ActivityStatus.COMPLETED,
                        budget=(20_000, 20_000, 19_000),
                        partners=("IOM", "UNDP"),
                    ),
                ],
            ),
            (
                "The Network speaks with one voice on migration",
                [
                    _a(
                        "sr_followup",
                        "OHCHR",
                        "Follow-up of the Special Rapporteur's recommendations on migrants' rights",
                        "A matrix of the 2023 recommendations with the responsible ministries and a joint "
                        "briefing for the National Human Rights Commission.",
                        ["Dhaka"],
                        [17, 15],
                        gp="fd",
                        sdg=("16.9",),
                        themes=(LABOUR,),
                        unsdcf="4",
                        dates=("2026-04-01", "2026-12-31"),
                        status=c.ActivityStatus.DELAYED,
                        budget=(15_000, 5_000, 2_000),
                        rights=(
                            3,
                            "Follow-up of a UN human rights mechanism: its purpose is migrants' rights.",
                        ),
                    ),
                    _a(
                        "fees_brief",
                        "ILO",
                        "Joint advocacy brief on recruitment costs for MoEWOE",
                        "A joint brief of the Network on the ILO definition of recruitment fees and the "
                        "Government's cost ceilings, presented to the Ministry.",
                        ["Dhaka"],
                        [6],
                        gp="b",
                        sdg=("10.7",),
                        themes=(LABOUR,),
                        unsdcf="1",
                        gov="GP1",
                        dates=("2026-01-15", "2026-05-31"),
                        status=c.ActivityStatus.COMPLETED,
                        budget=(12_000, 12_000, 11_400),
                        partners=("IOM", "UN Women"),
                        body="lm",
                    ),
                ],
            ),
        ],
    ),
    (
        "Migration policy and programmes are informed by evidence and by migrants",
        _i("Network products citing new evidence", "products", (D(1), 2025), {"2026": 4}, mov="Library"),
        [
            (
                "Evidence on climate mobility is produced",
                [
                    _a(
                        "climate_study",
                        "UNDP",
                        "Joint study on climate-induced mobility from coastal districts",
                        "Household survey and case studies on who moves, where and why from Khulna and "
                        "Satkhira after cyclones and salinity.",
                        ["Khulna", "Satkhira"],
                        [2],
                        gp="e",
                        sdg=("10.7",),
                        themes=(ROOT,),
                        unsdcf="3",
                        dates=("2026-03-01", "2026-12-31"),
                        status=c.ActivityStatus.DELAYED,
                        budget=(90_000, 60_000, 25_000),
                        partners=("IOM", "CMS"),
                    ),
                ],
            ),
            (
                "Civil society, migrants and the diaspora take part in the Network's work",
                [
                    _a(
                        "consultations",
                        "CSAM",
                        "Consultations with migrant-rights organisations in four divisions",
                        "Consultations that bring the views of migrants and their organisations into the "
                        "Network's work plan and the GCM review.",
                        ["Dhaka", "Sylhet", "Khulna", "Cumilla"],
                        [16, 23],
                        gp="j",
                        sdg=("16.9",),
                        themes=(COHESION,),
                        dates=("2026-02-01", "2026-11-30"),
                        budget=(30_000, 30_000, 21_000),
                        partners=("NOF", "WMWA"),
                    ),
                ],
            ),
        ],
    ),
]


def _twg_tree(key: str) -> list:
    """A TWG's 2026 work plan: two outcomes with two outputs each, one activity under each output."""
    y = ("2026-01-01", "2026-12-31")
    trees = {
        "lm": [
            (
                "Recruitment in Bangladesh is fairer and cheaper",
                [
                    (
                        "Recruitment costs are monitored",
                        [
                            _a(
                                "lm_costs",
                                "ILO",
                                "Recruitment cost survey of 2 000 departing workers",
                                "A survey at the airport of what migrants paid, to whom, and how they borrowed.",
                                ["Dhaka"],
                                [6],
                                sdg=("10.7",),
                                themes=(LABOUR,),
                                gov="GP1",
                                dates=y,
                                budget=(60_000, 60_000, 35_000),
                                partners=("IOM",),
                            )
                        ],
                    ),
                    (
                        "Employers' and workers' organisations are engaged",
                        [
                            _a(
                                "lm_unions",
                                "NWF",
                                "Workers' federation training on migrant workers' rights",
                                "Training of union organisers in sending districts.",
                                ["Cumilla", "Sylhet"],
                                [6],
                                themes=(LABOUR,),
                                dates=y,
                                status=c.ActivityStatus.PLANNED,
                                budget=(15_000, 5_000, 0),
                            )
                        ],
                    ),
                ],
            ),
            (
                "Women migrant workers are safer at every stage",
                [
                    (
                        "Helplines answer women migrant workers",
                        [
                            _a(
                                "lm_helpline",
                                "UN Women",
                                "Helpline for women migrant workers abroad",
                                "A helpline answered in Bangla with case follow-up with the labour attachés.",
                                "*",
                                [7],
                                themes=(LABOUR,),
                                gov="GP4",
                                dates=y,
                                budget=(80_000, 80_000, 55_000),
                                gender=(3, "Run for and with women migrant workers."),
                            )
                        ],
                    ),
                    (
                        "Families left behind are supported",
                        [
                            _a(
                                "lm_families",
                                "WMWA",
                                "Family support days in Jashore",
                                "Quarterly days for families of women abroad.",
                                ["Jashore"],
                                [7],
                                themes=(COHESION,),
                                dates=y,
                                budget=(8_000, 8_000, 5_000),
                                gender=(2, "Mostly women heads of household."),
                            )
                        ],
                    ),
                ],
            ),
        ],
        "ct": [
            (
                "District committees act on trafficking cases",
                [
                    (
                        "Committees meet and report",
                        [
                            _a(
                                "ct_reporting",
                                "UNODC",
                                "Monthly case reporting by district committees",
                                "A common reporting form and a monthly call with the committees.",
                                ["Cox's Bazar", "Khulna"],
                                [10],
                                themes=(CT,),
                                gov="GP3",
                                dates=y,
                                budget=(25_000, 25_000, 12_000),
                            )
                        ],
                    ),
                    (
                        "Border districts screen for trafficking",
                        [
                            _a(
                                "ct_border",
                                "IOM",
                                "Screening for trafficking at border crossings in Jashore and Satkhira",
                                "Joint screening desks with Border Guard Bangladesh.",
                                ["Jashore", "Satkhira"],
                                [10, 11],
                                themes=(CT,),
                                dates=y,
                                status=c.ActivityStatus.PLANNED,
                                budget=(70_000, 30_000, 0),
                            )
                        ],
                    ),
                ],
            ),
            (
                "Survivors are protected",
                [
                    (
                        "Shelters meet minimum standards",
                        [
                            _a(
                                "ct_shelters",
                                "SATN",
                                "Shelter standards assessment",
                                "An assessment of the shelters for survivors against the national minimum standards.",
                                ["Jashore"],
                                [10],
                                themes=(CT,),
                                dates=y,
                                budget=(10_000, 10_000, 4_000),
                            )
                        ],
                    ),
                    (
                        "Children are referred to child protection",
                        [
                            _a(
                                "ct_children",
                                "UNICEF",
                                "Referral pathway for child victims in Cox's Bazar",
                                "Standard operating procedures for the referral of child victims.",
                                ["Cox's Bazar"],
                                [10],
                                themes=(CT,),
                                dates=y,
                                budget=(20_000, 20_000, 9_000),
                                rights=(3, "The child's best interests guide every referral."),
                            )
                        ],
                    ),
                ],
            ),
        ],
        "md": [
            (
                "The diaspora invests in development at home",
                [
                    (
                        "Diaspora investors are informed",
                        [
                            _a(
                                "md_roadshow",
                                "BDL",
                                "Diaspora investment roadshow in London and Dubai",
                                "Two events presenting investment opportunities in Bangladesh.",
                                "*",
                                [19],
                                themes=(DIASPORA,),
                                gov="GP5",
                                dates=y,
                                status=c.ActivityStatus.PLANNED,
                                budget=(25_000, 10_000, 0),
                            )
                        ],
                    ),
                    (
                        "Remittance costs are lower",
                        [
                            _a(
                                "md_costs",
                                "UNDP",
                                "Remittance price comparison for the main corridors",
                                "A published comparison of the cost of sending money from ten countries.",
                                "*",
                                [20],
                                themes=(DIASPORA,),
                                gov="GP5",
                                dates=y,
                                budget=(18_000, 18_000, 6_000),
                            )
                        ],
                    ),
                ],
            ),
            (
                "Returnees' skills serve local development",
                [
                    (
                        "Returnee entrepreneurs are mentored",
                        [
                            _a(
                                "md_mentors",
                                "IOM",
                                "Mentoring returnee entrepreneurs in Sylhet",
                                "Diaspora mentors for returnee-run small businesses.",
                                ["Sylhet"],
                                [21],
                                themes=(DEV,),
                                dates=y,
                                budget=(12_000, 12_000, 3_000),
                            )
                        ],
                    ),
                    (
                        "Local authorities plan with migration data",
                        [
                            _a(
                                "md_upazila",
                                "UNDP",
                                "Migration data in upazila development plans",
                                "Training upazila planners to use departure and remittance data.",
                                ["Khulna"],
                                [1, 19],
                                themes=(DEV,),
                                dates=y,
                                status=c.ActivityStatus.PLANNED,
                                budget=(14_000, 0, 0),
                            )
                        ],
                    ),
                ],
            ),
        ],
    }
    return [(outcome, None, outputs) for outcome, outputs in trees[key]]


PRIORITIES = [
    (
        "md",
        c.PriorityKind.PROGRAMME,
        "Joint programme on the sustainable reintegration of returnee migrants",
        "IOM, ILO, UNDP and UN Women bring their reintegration work together: one referral pathway, one grant "
        "scheme, one monitoring framework.",
        "IOM",
        ("ILO", "UNDP", "UN Women"),
        (21,),
        c.PriorityStatus.PROMOTED,
    ),
    (
        "ct",
        c.PriorityKind.RESEARCH,
        "Joint research on trafficking risks in climate-affected coastal districts",
        "How cyclones and salinity change who is exposed to traffickers in Khulna and Satkhira.",
        "UNODC",
        ("IOM", "UNICEF"),
        (2, 10),
        c.PriorityStatus.PROPOSED,
    ),
    (
        "lm",
        c.PriorityKind.ADVOCACY,
        "Joint advocacy on lowering recruitment costs to the Gulf",
        "One set of messages from the Network to MoEWOE and destination-country embassies.",
        "ILO",
        ("IOM", "UN Women", "WMWA"),
        (6,),
        c.PriorityStatus.PROPOSED,
    ),
]

# Impediments: title, description, category, severity, raised by (body key or org acronym), activity keys,
# steps [(stage, date, note, government body acronym)] after "raised" on the first date.
IMPEDIMENTS = [
    (
        "Shelters for child survivors in Jashore are full",
        "The two shelters in Jashore have no places left; child survivors wait in police stations.",
        c.ImpedimentCategory.FUNDING,
        c.Severity.HIGH,
        "ct",
        ["child_survivors"],
        "2026-10-12",
        [],
    ),
    (
        "Immigration desks do not share returnee data",
        "Without the airport's returnee lists, reintegration services cannot reach returnees in their first month.",
        c.ImpedimentCategory.DATA,
        c.Severity.MEDIUM,
        "md",
        ["reintegration"],
        "2026-07-20",
        [
            (
                c.ImpedimentStage.NETWORK,
                "2026-08-14",
                "Needs the Network to ask the Department of Immigration and "
                "Passports for a data-sharing agreement.",
                "",
            )
        ],
    ),
    (
        "No registration window for recruitment sub-agents",
        "BMET has not opened the registration of sub-agents foreseen by the 2013 Act; the activity cannot start "
        "its district registrations.",
        c.ImpedimentCategory.POLICY,
        c.Severity.HIGH,
        "lm",
        ["sub_agents"],
        "2026-03-10",
        [
            (
                c.ImpedimentStage.NETWORK,
                "2026-04-02",
                "The TWG cannot solve it: the registration needs a Government order.",
                "",
            ),
            (
                c.ImpedimentStage.GOVERNMENT,
                "2026-05-18",
                "Raised by the Network's co-chairs with the Director General "
                "of BMET at the quarterly coordination meeting.",
                "BMET",
            ),
        ],
    ),
    (
        "Access permits for protection staff in the camps are delayed",
        "New protection staff wait six to eight weeks for camp access permits.",
        c.ImpedimentCategory.ACCESS,
        c.Severity.CRITICAL,
        "UNHCR",
        ["sea_referrals", "ct_awareness_iom"],
        "2026-05-05",
        [
            (
                c.ImpedimentStage.NETWORK,
                "2026-05-20",
                "Affects several agencies' activities in Cox's Bazar.",
                "",
            ),
            (
                c.ImpedimentStage.GOVERNMENT,
                "2026-06-11",
                "Raised with the Refugee Relief and Repatriation "
                "Commissioner and the Ministry of Home Affairs.",
                "RRRC",
            ),
        ],
    ),
    (
        "District committees lack the 2012 Act's rules in Bangla",
        "Committee members asked for the implementing rules in Bangla before the trainings.",
        c.ImpedimentCategory.POLICY,
        c.Severity.LOW,
        "ct",
        ["ct_committees"],
        "2025-02-03",
        [
            (c.ImpedimentStage.NETWORK, "2025-02-20", "The rules are the Ministry's to publish.", ""),
            (c.ImpedimentStage.GOVERNMENT, "2025-03-09", "Raised with the Ministry of Home Affairs.", "MoHA"),
            (
                c.ImpedimentStage.RESOLVED,
                "2025-05-22",
                "The Ministry published the Bangla rules on its website; "
                "UNODC printed copies for the committees.",
                "",
            ),
        ],
    ),
]


class _Loader:
    def __init__(self, network):
        self.network = network
        self.tz = zoneinfo.ZoneInfo(network.time_zone or "Asia/Dhaka")
        self.now = timezone.now()
        self.today = timezone.localdate(self.now, self.tz)
        self.users = {key: User.objects.filter(email=email).first() for key, email in ACCOUNTS.items()}
        self.actor = self.users["secretariat"]
        self.orgs = {o.acronym: o for o in Organisation.objects.filter(network=network).exclude(acronym="")}
        self.plenary = Body.objects.filter(network=network, kind=nc.BodyKind.PLENARY).first()
        self.bodies = {
            key: Body.objects.filter(network=network, kind=nc.BodyKind.TWG, short_name=name).first()
            for key, name in TWG_NAMES.items()
        }
        self.gcm = {o.number: o for o in GCMObjective.objects.all()}
        self.principles = {p.letter: p for p in GuidingPrinciple.objects.all()}
        self.sdg = {t.code: t for t in SDGTarget.objects.all()}
        self.themes = {t.name: t for t in ThematicArea.objects.filter(network=network)}
        self.districts = {d.name: d for d in District.objects.all()}
        self.government = {g.acronym: g for g in GovernmentBody.objects.filter(country="BD")}
        self.focal = {
            p.organisation_id: p.user
            for p in Person.objects.filter(network=network, user__isnull=False).select_related("user")
        }
        self.frameworks: dict[tuple[str, str], FrameworkItem] = {}
        self.activities: dict[str, Activity] = {}
        self.created = 0
        self.touched: dict[type, set[int]] = {}

    # --- helpers

    def at(self, day, hour: int = 10) -> datetime.datetime:
        """That day at that hour in Dhaka, never later than a minute before this load began."""
        if isinstance(day, str):
            day = datetime.date.fromisoformat(day)
        return min(
            datetime.datetime.combine(day, datetime.time(hour), tzinfo=self.tz),
            self.now - datetime.timedelta(minutes=1),
        )

    def mark(self, obj):
        self.touched.setdefault(type(obj), set()).add(obj.pk)
        self.created += 1
        return obj

    def stamp(self, model, pks, when: datetime.datetime) -> None:
        """Date what was just written to these rows (their new history entries and creation) at `when`."""
        pks = list(pks)
        model.history.filter(id__in=pks, history_date__gte=self.now).update(history_date=when)
        model.all_objects.filter(pk__in=pks, created_at__gte=self.now).update(
            created_at=when, updated_at=when
        )

    # --- frameworks

    def load_frameworks(self) -> None:
        for kind, items, source in (
            (c.FrameworkKind.UNSDCF_OUTCOME, UNSDCF, "UNSDCF Bangladesh 2022–2026 (demo wording)"),
            (c.FrameworkKind.GOVERNMENT_PRIORITY, GOVERNMENT, "Government of Bangladesh (demo wording)"),
        ):
            for code, title, description in items:
                item = FrameworkItem.all_objects.filter(network=self.network, kind=kind, code=code).first()
                if item is None:
                    item = services.framework_item_create(
                        actor=self.actor,
                        network=self.network,
                        data={
                            "kind": kind,
                            "code": code,
                            "title": title,
                            "description": description,
                            "source": source,
                            "visibility": Visibility.NETWORK,
                        },
                    )
                    self.mark(item)
                    self.stamp(FrameworkItem, [item.pk], self.at("2024-10-01"))
                self.frameworks[(kind, code)] = item

    # --- plans

    def plan(self, body, title, kind, start, end, tree, *, created, summary) -> tuple[Plan, bool]:
        existing = Plan.all_objects.filter(network=self.network, body=body, title=title).first()
        if existing is not None:
            for a in Activity.all_objects.filter(plan=existing):
                self.activities.setdefault(_key_of(a), a)
            return existing, False
        plan = self.mark(
            services.plan_create(
                actor=self.actor,
                network=self.network,
                data={
                    "body": body,
                    "kind": kind,
                    "title": title,
                    "summary": summary,
                    "start_date": datetime.date.fromisoformat(start),
                    "end_date": datetime.date.fromisoformat(end),
                    "visibility": Visibility.NETWORK,
                },
            )
        )
        for outcome_title, outcome_indicator, outputs in tree:
            outcome = self.mark(
                services.result_create(
                    actor=self.actor,
                    network=self.network,
                    data={
                        "plan": plan,
                        "level": c.ResultLevel.OUTCOME,
                        "title": outcome_title,
                        "visibility": plan.visibility,
                    },
                )
            )
            if outcome_indicator:
                self.indicator(plan, outcome_indicator, result=outcome)
            for output_title, activities in outputs:
                output = self.mark(
                    services.result_create(
                        actor=self.actor,
                        network=self.network,
                        data={
                            "plan": plan,
                            "parent": outcome,
                            "level": c.ResultLevel.OUTPUT,
                            "title": output_title,
                            "visibility": plan.visibility,
                        },
                    )
                )
                for spec in activities:
                    self.activity(plan, output, spec)
        when = self.at(created)
        for model in (Plan, Result, Activity, Indicator, Target):
            self.stamp(model, self.touched.get(model, ()), when)
        return plan, True

    def activity(self, plan: Plan, output: Result, spec: dict) -> Activity:
        start, end = spec["dates"] or (plan.start_date.isoformat(), plan.end_date.isoformat())
        required, available, spent = (D(x) for x in spec["budget"])
        priority = (
            JointPriority.all_objects.filter(network=self.network, title=spec["priority"]).first()
            if spec["priority"]
            else None
        )
        national = spec["districts"] == "*"
        activity = services.activity_create(
            actor=self.actor,
            network=self.network,
            data={
                "plan": plan,
                "output": output,
                "title": spec["title"],
                "description": spec["description"],
                "lead_organisation": self.orgs[spec["lead"]],
                "body": self.bodies.get(spec["body"]),
                "unsdcf_outcome": self.frameworks.get((c.FrameworkKind.UNSDCF_OUTCOME, spec["unsdcf"])),
                "government_priority": self.frameworks.get(
                    (c.FrameworkKind.GOVERNMENT_PRIORITY, spec["gov"])
                ),
                "national": national,
                "start_date": datetime.date.fromisoformat(start),
                "end_date": datetime.date.fromisoformat(end),
                "budget_required": required,
                "budget_available": available,
                "budget_spent": spent,
                "funding_source": spec["funding"],
                "status": spec["status"],
                "gender_marker": spec["gender"][0],
                "gender_justification": spec["gender"][1],
                "human_rights_marker": spec["rights"][0],
                "human_rights_justification": spec["rights"][1],
                "joint_programme": spec["joint"],
                "joint_priority": priority,
                "visibility": plan.visibility,
            },
            m2m={
                "gcm_objectives": [self.gcm[n] for n in spec["gcm"]],
                "guiding_principles": [self.principles[x] for x in spec["gp"]],
                "sdg_targets": [self.sdg[x] for x in spec["sdg"] if x in self.sdg],
                "thematic_areas": [self.themes[x] for x in spec["themes"] if x in self.themes],
                "districts": [] if national else [self.districts[x] for x in spec["districts"]],
                "partners": [self.orgs[x] for x in spec["partners"] if x in self.orgs],
            },
        )
        self.mark(activity)
        self.activities[spec["key"]] = activity
        Activity.all_objects.filter(pk=activity.pk).update(is_demo=True)  # found again by its title
        if spec["indicator"]:
            self.indicator(plan, spec["indicator"], activity=activity)
        return activity

    def indicator(self, plan: Plan, spec: dict, *, result=None, activity=None) -> Indicator:
        owner = result or activity
        value, year = spec["baseline"]
        indicator = self.mark(
            services.indicator_create(
                actor=self.actor,
                network=self.network,
                data={
                    "plan": plan,
                    "result": result,
                    "activity": activity,
                    "code": f"{owner.code}.i",
                    "name": spec["name"],
                    "unit": spec["unit"],
                    "direction": spec["direction"],
                    "baseline_value": value,
                    "baseline_year": year,
                    "disaggregation": [c.Disaggregation.SEX] if spec["sex"] else [],
                    "means_of_verification": spec["mov"],
                    "visibility": plan.visibility,
                },
                m2m={"gcm_objectives": list(activity.gcm_objectives.all())} if activity else None,
            )
        )
        for period, target in spec["targets"].items():
            self.mark(
                services.target_create(
                    actor=self.actor,
                    network=self.network,
                    data={
                        "indicator": indicator,
                        "period": period,
                        "value": D(target),
                        "visibility": plan.visibility,
                    },
                )
            )
        indicator._spec = spec
        return indicator

    def submit(self, plan: Plan, day: str) -> Plan:
        plan = services.plan_submit(actor=self.actor, instance=plan)
        when = self.at(day, 11)
        self.stamp(Plan, [plan.pk], when)
        Plan.all_objects.filter(pk=plan.pk).update(submitted_at=when)
        return plan

    def approve(self, plan: Plan, meeting_title: str, day: str) -> None:
        """The plenary adopts an "approve a plan" decision at its meeting (or in writing when the meeting is
        not in the demo); the plan becomes approved through the decision's effect."""
        from mignet.meetings import choices as mc
        from mignet.meetings.effects import effect_for
        from mignet.meetings.models import Decision, Meeting, Position
        from mignet.meetings.rules import decision_outcome
        from mignet.meetings.selectors import body_member_ids

        title = f"Approve the {plan.title}"
        decision = Decision.all_objects.filter(network=self.network, body=self.plenary, title=title).first()
        if decision is not None:
            return
        meeting = Meeting.objects.filter(network=self.network, body=self.plenary, title=meeting_title).first()
        if meeting is not None and meeting.starts_at < self.now:
            when = meeting.starts_at + datetime.timedelta(minutes=70)
            method, deadline = mc.DecisionMethod.CONSENSUS, None
        else:
            meeting, method = None, mc.DecisionMethod.WRITTEN
            when = self.at(day, 17)
            deadline = when
        members = body_member_ids(self.plenary, timezone.localdate(when, self.tz))
        decision = Decision(
            network=self.network,
            body=self.plenary,
            meeting=meeting,
            method=method,
            subject=mc.DecisionSubject.APPROVE_PLAN,
            plan=plan,
            title=title,
            deadline=deadline,
            text=f"The members approve the {plan.title} as submitted by the secretariat, with its results, "
            "activities, indicators and targets.",
            visibility=Visibility.NETWORK,
            is_demo=True,
            created_at=when - datetime.timedelta(minutes=30),
        )
        decision.clean()
        decision._history_user = self.actor
        decision._history_date = decision.created_at
        decision.save()
        orgs = Organisation.objects.filter(pk__in=members).order_by("name")
        for org in orgs:
            position = Position(
                network=self.network,
                decision=decision,
                organisation=org,
                value=mc.PositionValue.AGREE,
                recorded_by=self.focal.get(org.pk, self.actor),
                recorded_at=when,
                is_demo=True,
                created_at=when,
            )
            position._history_user = self.actor
            position._history_date = when
            position.save()
        outcome = decision_outcome(
            method=method,
            positions={o.pk: mc.PositionValue.AGREE for o in orgs},
            members=members,
            now=when,
            deadline=deadline,
            closing=True,
        )
        decision.status, decision.decided_at, decision.outcome = outcome.status, when, outcome.explanation
        decision.version += 1
        decision._history_user = self.actor
        decision._history_date = when
        decision._change_reason = outcome.explanation[:100]
        decision.save()
        effect = effect_for(mc.DecisionSubject.APPROVE_PLAN)
        effect.check(decision)
        effect.apply(decision, self.actor)
        self.stamp(Plan, [plan.pk], when)
        self.stamp(PlanVersion, PlanVersion.all_objects.filter(plan=plan).values_list("pk", flat=True), when)
        self.created += 2 + len(orgs)

    # --- monitoring

    def measurements(self, plan: Plan, until: tuple[int, int]) -> None:
        """Quarterly values of each activity indicator since its activity started, up to `until`; yearly
        values of outcome indicators for the years that have ended. Quarters with a report are left to it."""
        reported = {(y, q) for y, q in REPORT_QUARTERS}
        for indicator in Indicator.objects.filter(plan=plan).select_related("activity", "result"):
            spec = _indicator_spec(indicator)
            if spec is None:
                continue
            if indicator.result_id:
                for year, target in spec["targets"].items():
                    if int(year) < self.today.year:
                        self.measure(indicator, year, D(target) * D("0.9"), "Annual review")
                continue
            activity = indicator.activity
            if activity.status == c.ActivityStatus.CANCELLED or spec["per_quarter"] == 0:
                continue
            for year, quarter in _quarters(activity.start_date, until):
                if (year, quarter) in reported and plan.title == GCM_PLAN:
                    continue  # reported in the quarterly report
                self.measure(indicator, f"{year}-Q{quarter}", _value(spec, year, quarter), "Agency records")

    def measure(self, indicator, period, value, source, report=None):
        spec = _indicator_spec(indicator)
        rows = [("", value)]
        if spec and spec["sex"] and "Q" in period:
            women = (value * D("0.56")).quantize(D("1"))
            rows += [(c.Sex.FEMALE, women), (c.Sex.MALE, value - women)]
        for sex, v in rows:
            m = services.measurement_create(
                actor=self.actor,
                network=self.network,
                data={
                    "indicator": indicator,
                    "period": period,
                    "value": v,
                    "sex": sex,
                    "source": source,
                    "means_of_verification": indicator.means_of_verification,
                    "visibility": indicator.visibility,
                },
                report=report,
            )
            self.mark(m)
            self.stamp(Measurement, [m.pk], self.at(period_bounds(period)[1] + datetime.timedelta(days=10)))

    def reports(self, plan: Plan) -> None:
        """Each lead organisation's quarterly report for 2026-Q1 to Q3, through the progress service when it
        is there; UNODC's Q3 report is missing and WMWA's Q2 report came late."""
        try:
            from .services import progress
        except ImportError:  # pragma: no cover — the progress service is another area's
            progress = None
        activities = list(
            Activity.objects.filter(plan=plan).select_related("lead_organisation").order_by("code")
        )
        leads = sorted({a.lead_organisation for a in activities}, key=lambda o: o.name)
        for year, quarter in REPORT_QUARTERS:
            start, end = period_bounds(f"{year}-Q{quarter}")
            if end >= self.today:
                continue
            for org in leads:
                if quarter == 3 and org.acronym == LATE_FOR_Q3:
                    continue
                if ProgressReport.all_objects.filter(
                    plan=plan, organisation=org, year=year, quarter=quarter
                ).exists():
                    continue
                due = [
                    a
                    for a in activities
                    if a.lead_organisation_id == org.pk and a.start_date <= end and a.end_date >= start
                ]
                if not due:
                    continue
                late = (org.acronym, (year, quarter)) == LATE_SUBMITTER
                submitted = self.at(end + datetime.timedelta(days=29 if late else 9), 15)
                lines = [self.line(a, year, quarter) for a in due]
                summary = f"{org.acronym}'s activities in {year}-Q{quarter}: " + "; ".join(
                    f"{a.code} {line['percent']}%" for a, line in zip(due, lines, strict=True)
                )
                if progress is not None:
                    report = self.report_by_service(progress, plan, org, year, quarter, due, lines, summary)
                else:  # pragma: no cover
                    report = self.report_by_rows(plan, org, year, quarter, due, lines, summary)
                for a, line in zip(due, lines, strict=True):
                    for indicator in a.indicators.all():
                        spec = _indicator_spec(indicator)
                        if spec and spec["sex"] and line["value"] is not None:
                            value = line["value"]
                            women = (value * D("0.56")).quantize(D("1"))
                            for sex, v in ((c.Sex.FEMALE, women), (c.Sex.MALE, value - women)):
                                self.mark(
                                    services.measurement_create(
                                        actor=self.actor,
                                        network=self.network,
                                        data={
                                            "indicator": indicator,
                                            "period": f"{year}-Q{quarter}",
                                            "value": v,
                                            "sex": sex,
                                            "source": "Quarterly report",
                                            "visibility": indicator.visibility,
                                        },
                                        report=report,
                                    )
                                )
                ProgressReport.all_objects.filter(pk=report.pk).update(submitted_at=submitted)
                self.stamp(ProgressReport, [report.pk], submitted)
                self.stamp(
                    ProgressUpdate,
                    ProgressUpdate.all_objects.filter(report=report).values_list("pk", flat=True),
                    submitted,
                )
                self.stamp(
                    Measurement,
                    Measurement.all_objects.filter(report=report).values_list("pk", flat=True),
                    submitted,
                )
                self.stamp(Activity, [a.pk for a in due], submitted)
                self.mark(report)

    def line(self, activity: Activity, year: int, quarter: int) -> dict:
        """What the lead organisation reports for an activity in a quarter, consistent with its final status."""
        start, end = period_bounds(f"{year}-Q{quarter}")
        span = max(1, (activity.end_date - activity.start_date).days)
        elapsed = min(1.0, max(0.0, ((end - activity.start_date).days) / span))
        percent = round(elapsed * 100)
        status = activity.status
        final = (year, quarter) == REPORT_QUARTERS[-1] or end >= activity.end_date
        if status == c.ActivityStatus.COMPLETED and not (final or end >= activity.end_date):
            status = c.ActivityStatus.ONGOING
        if status == c.ActivityStatus.COMPLETED:
            percent = 100
        elif status == c.ActivityStatus.DELAYED:
            percent = max(5, percent - 30)
        elif status == c.ActivityStatus.PLANNED:
            status, percent = c.ActivityStatus.ONGOING, max(5, percent)
        elif status == c.ActivityStatus.CANCELLED:
            percent = 10
        percent = min(percent, 95) if status != c.ActivityStatus.COMPLETED else 100
        spent = (
            (activity.budget_spent * D(percent) / D(100)).quantize(D("1"))
            if not final
            else activity.budget_spent
        )
        spec = next((_indicator_spec(i) for i in activity.indicators.all()), None)
        value = (
            None
            if not spec or not spec["per_quarter"] or status == c.ActivityStatus.CANCELLED
            else _value(spec, year, quarter)
        )
        return {
            "status": status,
            "percent": percent,
            "spent": spent,
            "value": value,
            "narrative": _narrative(activity, status, percent),
        }

    def report_by_service(self, progress, plan, org, year, quarter, due, lines, summary):
        actor = self.focal.get(org.pk) or self.actor
        if not _is_focal(actor, org):
            actor = self.actor
        inputs = []
        for a, line in zip(due, lines, strict=True):
            measures = [
                progress.MeasurementInput(
                    indicator=i,
                    value=line["value"],
                    source="Quarterly report",
                    means_of_verification=i.means_of_verification,
                )
                for i in a.indicators.all()
                if line["value"] is not None
            ]
            inputs.append(
                progress.LineInput(
                    activity=a,
                    status=line["status"],
                    percent_complete=line["percent"],
                    spent_to_date=line["spent"],
                    narrative=line["narrative"],
                    measurements=measures,
                )
            )
        report = progress.report_save(
            actor=actor,
            plan=plan,
            organisation=org,
            year=year,
            quarter=quarter,
            lines=inputs,
            summary=summary,
        )
        return progress.report_submit(actor=actor, instance=report)

    def report_by_rows(self, plan, org, year, quarter, due, lines, summary):  # pragma: no cover
        report = ProgressReport(
            network=self.network,
            plan=plan,
            organisation=org,
            year=year,
            quarter=quarter,
            status=c.ReportStatus.SUBMITTED,
            submitted_at=self.now,
            submitted_by=self.actor,
            summary=summary,
            visibility=plan.visibility,
        )
        report._history_user = self.actor
        report.save()
        for a, line in zip(due, lines, strict=True):
            update = ProgressUpdate(
                network=self.network,
                report=report,
                activity=a,
                status=line["status"],
                percent_complete=line["percent"],
                spent_to_date=line["spent"],
                narrative=line["narrative"],
                visibility=plan.visibility,
            )
            update._history_user = self.actor
            update.save()
            Activity.all_objects.filter(pk=a.pk).update(
                status=line["status"], percent_complete=line["percent"], budget_spent=line["spent"]
            )
            for i in a.indicators.all():
                if line["value"] is not None:
                    services.measurement_create(
                        actor=self.actor,
                        network=self.network,
                        data={
                            "indicator": i,
                            "period": report.period,
                            "value": line["value"],
                            "source": "Quarterly report",
                        },
                        report=report,
                    )
        return report

    # --- impediments, priorities, duplicates

    def priorities(self) -> None:
        for body_key, kind, title, description, by, supporters, gcm, status in PRIORITIES:
            if JointPriority.all_objects.filter(network=self.network, title=title).exists():
                continue
            priority = JointPriority(
                network=self.network,
                body=self.bodies[body_key],
                kind=kind,
                title=title,
                description=description,
                proposed_by=self.orgs.get(by),
                status=status,
                visibility=Visibility.NETWORK,
            )
            priority.full_clean()
            priority._history_user = self.users["chair"] if body_key == "lm" else self.actor
            priority.save()
            priority.supporters.set([self.orgs[x] for x in supporters if x in self.orgs])
            priority.gcm_objectives.set([self.gcm[n] for n in gcm])
            self.mark(priority)
            self.stamp(JointPriority, [priority.pk], self.at("2024-11-12"))

    def impediments(self) -> None:
        from .services import impediments as svc

        for title, description, category, severity, by, activity_keys, raised, steps in IMPEDIMENTS:
            if Impediment.all_objects.filter(network=self.network, title=title).exists():
                continue
            body = self.bodies.get(by)
            org = None if body else self.orgs[by]
            raiser = (
                self.users["chair"] if by == "lm" else (self.focal.get(org.pk) if org else None) or self.actor
            )
            if org is not None and not _is_focal(raiser, org):
                raiser = self.actor
            impediment = svc.impediment_create(
                actor=raiser,
                network=self.network,
                data={
                    "title": title,
                    "description": description,
                    "category": category,
                    "severity": severity,
                    "raised_by_body": body,
                    "raised_by_organisation": org,
                    "visibility": Visibility.NETWORK,
                },
                m2m={"activities": [self.activities[k] for k in activity_keys if k in self.activities]},
            )
            when = self.at(raised, 11)
            ImpedimentStep.objects.filter(impediment=impediment).update(
                at=when, created_at=when, updated_at=when
            )
            Impediment.all_objects.filter(pk=impediment.pk).update(stage_changed_at=when)
            self.stamp(Impediment, [impediment.pk], when)
            for stage, day, note, gov in steps:
                impediment = svc.impediment_escalate(
                    actor=self.actor,
                    instance=impediment,
                    to_stage=stage,
                    note=note,
                    government_body=self.government.get(gov) if gov else None,
                    at=self.at(day, 12),
                )
                self.stamp(Impediment, [impediment.pk], self.at(day, 12))
            ImpedimentStep.objects.filter(impediment=impediment).update(is_demo=True)
            self.mark(impediment)

    def duplicate_review(self) -> None:
        """A pair the Labour Migration TWG reviewed and found complementary (the Cox's Bazar pair is left for
        review)."""
        a, b = self.activities.get("mrc"), self.activities.get("pdo_women")
        if a is None or b is None:
            return
        first, second = sorted((a, b), key=lambda x: x.pk)
        if DuplicateReview.all_objects.filter(first=first, second=second).exists():
            return
        review = DuplicateReview(
            network=self.network,
            first=first,
            second=second,
            similarity=0.41,
            verdict=c.DuplicateVerdict.COMPLEMENTARY,
            reviewed_by=self.users["chair"],
            note="Complementary: IOM's centres inform people before they decide to migrate; UN Women's orientation "
            "prepares women who already have a job offer. The centres refer women to the orientation.",
            visibility=Visibility.NETWORK,
        )
        review.full_clean()
        review._history_user = self.users["chair"]
        review.save()
        self.mark(review)
        self.stamp(DuplicateReview, [review.pk], self.at("2025-06-18", 15))

    # --- the whole demo

    def run(self) -> None:
        self.load_frameworks()
        self.priorities()
        gcm, new = self.plan(
            self.plenary,
            GCM_PLAN,
            c.PlanKind.GCM_ACTION_PLAN,
            "2025-01-01",
            "2027-12-31",
            GCM_TREE,
            created="2024-11-20",
            summary="How the UN system supports the Government of Bangladesh to implement the Global Compact "
            "for Safe, Orderly and Regular Migration from 2025 to 2027: three outcomes, the agencies' "
            "activities, indicators and targets. Prepared with the Migration Compact Taskforce.",
        )
        if new:
            gcm = self.submit(gcm, "2025-01-20")
            self.approve(gcm, "Network meeting, Q1 2025", "2025-02-16")
            gcm.refresh_from_db()
            self.measurements(gcm, until=_last_quarter(self.today))
            self.reports(gcm)
        network_plan, new = self.plan(
            self.plenary,
            NETWORK_PLAN,
            c.PlanKind.WORK_PLAN,
            "2026-01-01",
            "2026-12-31",
            NETWORK_TREE,
            created="2025-11-15",
            summary="The Network's own work in 2026: monitoring the GCM action plan, speaking with one voice, "
            "evidence on climate mobility and the participation of migrants and civil society.",
        )
        if new:
            network_plan = self.submit(network_plan, "2026-01-12")
            self.approve(network_plan, "Network meeting, Q1 2026", "2026-02-10")
            network_plan.refresh_from_db()
            self.measurements(network_plan, until=_last_quarter(self.today))
        for key, state, created in (
            ("lm", "submitted", "2025-12-04"),
            ("ct", "draft", "2026-01-20"),
            ("md", "draft", "2026-02-03"),
        ):
            body = self.bodies.get(key)
            if body is None:
                continue
            plan, new = self.plan(
                body,
                f"{body.short_name or body.name}: work plan 2026",
                c.PlanKind.WORK_PLAN,
                "2026-01-01",
                "2026-12-31",
                _twg_tree(key),
                created=created,
                summary=f"What the members of the {body.name} plan to do together in 2026.",
            )
            if new and state == "submitted":
                self.submit(plan, "2026-02-15")
        self.impediments()
        self.duplicate_review()
        for model, pks in self.touched.items():
            model.all_objects.filter(pk__in=pks).update(is_demo=True)
        Result.all_objects.filter(plan__in=self.touched.get(Plan, ())).update(is_demo=True)
        for model in (Indicator, Target):
            model.all_objects.filter(network=self.network, pk__in=self.touched.get(model, ())).update(
                is_demo=True
            )
        PlanVersion.all_objects.filter(plan__in=self.touched.get(Plan, ())).update(is_demo=True)
        ProgressUpdate.all_objects.filter(report__in=self.touched.get(ProgressReport, ())).update(
            is_demo=True
        )
        Measurement.all_objects.filter(indicator__plan__in=self.touched.get(Plan, ())).update(is_demo=True)


def _key_of(activity: Activity) -> str:
    for spec in _all_specs():
        if spec["title"] == activity.title:
            return spec["key"]
    return activity.title


def _all_specs():
    for tree in (GCM_TREE, NETWORK_TREE, *(_twg_tree(k) for k in TWG_NAMES)):
        for _title, _ind, outputs in tree:
            for _output, activities in outputs:
                yield from activities


def _indicator_spec(indicator: Indicator) -> dict | None:
    spec = getattr(indicator, "_spec", None)
    if spec is not None:
        return spec
    for tree in (GCM_TREE, NETWORK_TREE):
        for _title, outcome_indicator, outputs in tree:
            if outcome_indicator and outcome_indicator["name"] == indicator.name:
                return outcome_indicator
            for _output, activities in outputs:
                for a in activities:
                    if a["indicator"] and a["indicator"]["name"] == indicator.name:
                        return a["indicator"]
    return None


def _quarters(start: datetime.date, until: tuple[int, int]):
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while (year, quarter) <= until:
        yield year, quarter
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def _last_quarter(today: datetime.date) -> tuple[int, int]:
    year, quarter = today.year, (today.month - 1) // 3 + 1
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def _value(spec: dict, year: int, quarter: int) -> Decimal:
    """A plausible quarterly value: the indicator's per-quarter pace, a little higher each year."""
    base = D(spec["per_quarter"])
    return (base * (D(1) + D("0.08") * (year - 2025)) * (D(1) + D("0.03") * quarter)).quantize(D("1"))


def _narrative(activity: Activity, status: str, percent: int) -> str:
    words = {
        c.ActivityStatus.ONGOING: "On track",
        c.ActivityStatus.COMPLETED: "Completed as planned",
        c.ActivityStatus.DELAYED: "Behind schedule: partners' recruitment and approvals took longer than planned",
        c.ActivityStatus.CANCELLED: "Stopped: the funding proposal was not retained",
        c.ActivityStatus.PLANNED: "Preparations under way",
    }
    return f"{words.get(status, '')} ({percent}% of the planned work)."


def _is_focal(user, org) -> bool:
    from mignet.core.choices import Role
    from mignet.network.models import RoleAssignment

    return (
        user is not None
        and RoleAssignment.objects.filter(
            user=user, organisation=org, role=Role.MEMBER, network=org.network_id
        ).exists()
    )


@transaction.atomic
def load(network) -> int:
    """Add the demo plans, frameworks, reports, impediments and priorities of `network`. Returns rows created."""
    loader = _Loader(network)
    if loader.actor is None or loader.plenary is None:
        return 0  # the demo accounts and bodies come from network.demo.load()
    loader.run()
    return loader.created
