"""The Bangladesh Network exactly as its Terms of Reference state it (fixtures/tor-…txt).

`load()` is idempotent: it creates what is missing and leaves existing rows alone.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.db import transaction

from mignet.core.choices import Visibility
from mignet.core.models import UNEntity

from . import choices as c
from .models import Body, Membership, Network, Organisation, TermsOfReference, ThematicArea, ToRObjective

TOR_FILE = Path(__file__).resolve().parent / "fixtures" / "tor-un-network-on-migration-bangladesh.txt"
FIRST_MEETING = datetime.date(2019, 7, 7)
MEMBERS = ["UN RCO", "UNHCR", "ILO", "UNDP", "IOM", "UN Women", "UNODC", "UNICEF", "OHCHR"]
THEMES = [
    "Migration and development",
    "Labour migration",
    "Counter-trafficking in persons",
    "Social cohesion",
    "Root causes of displacement",
    "Diaspora and remittances",
]
NETWORK_OBJECTIVES = [
    "Ensure effective, timely, coordinated UN country team-wide support to the Government of Bangladesh in their implementation, follow-up and review of the GCM, for the rights and wellbeing of all migrants and their communities of destination, origin, and transit.",
    "Support coherent action by the UN Country Team (UNCT), including coordination and linkage with regional and global initiatives in support of GCM implementation as well as preparation, implementation and monitoring of a GCM Action Plan for the country.",
    "Prepare an annual work plan in line with the priorities of the GoB to support implementation of GCM and other migration related developmental agendas.",
    "Act as a source of ideas, tools, reliable data and information, analysis, and policy guidance on migration issues, including through the capacity-building mechanism established in the GCM.",
    "Ensure Network actions promote the application of relevant international and regional norms and standards relating to migration and the protection of the human rights of migrants, and engagement with UN human rights mechanisms relating to migration.",
    "Provide leadership to mobilize coordinated and collaborative action on migration by the UNCT, including by speaking with one voice as appropriate, in accordance with the UN Charter, international/ national laws, and mandates/ technical expertise of relevant UNCT entities.",
    "In carrying out these objectives, the Network and its TWGs will ensure close collaboration with other existing UNCT and LCG coordination mechanisms (including ones on the United Nations Sustainable Development Cooperation Framework (UNSDCF), Human Rights, Gender Equality and so on) addressing migration-related issues, actively seeking out synergies and avoiding duplication.",
    "Ensure effective, open and ongoing engagement with external partners, migrants, civil society, migrant and diaspora organizations, local authorities and communities, the private sector, employers' and workers' organizations, parliamentarians, National Human Rights Commission, human rights-based organizations, trade union/employers' association, academia, the media and other relevant stakeholders at national and local levels to feed into national, regional and global processes for GCM.",
    "Update the UN Network on Migration at the global level, relevant GoB committees and UNCT on migration issue on a regular basis.",
]
TWG_OBJECTIVES = [
    "Identify priority areas for joint programming (delivering as one), including joint research, advocacy, programmes, etc., to support implementation of GCM and advance the migration/mobility related initiatives/discourses.",
    "Ensure operational coordination and synergies on key issues, such as, inter alia, migration and development, labour migration, counter-trafficking in human beings, social cohesion, addressing root causes of displacement, diaspora & remittances, etc.",
    "Periodically share updates about programme delivery and identify impediments for the Network to address with the GoB.",
    "Provide technical support to the Migration Network by developing policy briefs, policy papers, action plans, etc.",
    "Establish synergies with district/local level forums for effective service delivery (e.g. counter-trafficking taskforce of the Rohingya operation in Cox's Bazar).",
]


def _get_or_create(model, lookup: dict, defaults: dict):
    obj = model.all_objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **defaults)
        obj.save()
    return obj


@transaction.atomic
def load() -> Network:
    """Create the Bangladesh Network, its members, plenary, themes and ToR (v1) if missing."""
    network = Network.all_objects.filter(slug="bd").first()
    if network is None:
        network = Network.objects.create(
            name="UN Network on Migration in Bangladesh",
            short_name="BD UNNM",
            slug="bd",
            level=c.NetworkLevel.NATIONAL,
            country="BD",
            time_zone="Asia/Dhaka",
            established_on=FIRST_MEETING,
            visibility=Visibility.PUBLIC,
            description=(
                "The UN Network on Migration in Bangladesh ensures coordinated UN Country Team-wide support to the "
                "Government of Bangladesh in implementing the Global Compact for Safe, Orderly and Regular Migration."
            ),
        )
    entities = {e.acronym: e for e in UNEntity.objects.filter(acronym__in=MEMBERS)}
    orgs = {}
    for acronym in MEMBERS:
        entity = entities[acronym]
        orgs[acronym] = _get_or_create(
            Organisation,
            {"network": network, "name": entity.full_name},
            {
                "acronym": acronym,
                "kind": c.OrganisationKind.UN_ENTITY,
                "un_entity": entity,
                "visibility": Visibility.PUBLIC,
            },
        )
    if network.coordinator_id is None:
        network.coordinator = orgs["IOM"]
        network.save(update_fields=["coordinator"])
    for name in THEMES:
        _get_or_create(ThematicArea, {"network": network, "name": name}, {"visibility": Visibility.PUBLIC})
    plenary = _get_or_create(
        Body,
        {"network": network, "kind": c.BodyKind.PLENARY},
        {
            "name": "UN Network on Migration in Bangladesh (plenary)",
            "short_name": "Network plenary",
            "required_level": c.ParticipationLevel.DEPUTY,
            "cadence": c.Cadence.QUARTERLY,
            "chair_arrangement": c.ChairArrangement.COORDINATOR,
            "chair_selection": "IOM serves as Coordinator and Secretariat (in line with the global ToR)",
            "membership_rule": "UN RCO, UNHCR, ILO, UNDP, IOM, UN Women, UNODC, UNICEF, OHCHR and other interested UN agencies",
            "mandate": "Ensure coordinated UN Country Team-wide support to the Government of Bangladesh in implementing the GCM (ToR objectives N1–N9).",
            "established_on": FIRST_MEETING,
            "visibility": Visibility.PUBLIC,
        },
    )
    for org in orgs.values():
        _get_or_create(
            Membership,
            {"network": network, "body": plenary, "organisation": org},
            {
                "start_date": FIRST_MEETING,
                "status": c.MembershipStatus.ACTIVE,
                "visibility": Visibility.PUBLIC,
            },
        )
    terms = _get_or_create(
        TermsOfReference,
        {"network": network, "number": 1},
        {
            "title": "Terms of Reference for the UN Network on Migration Bangladesh",
            "adopted_on": FIRST_MEETING,
            "text": TOR_FILE.read_text(encoding="utf-8").strip(),
            "visibility": Visibility.PUBLIC,
        },
    )
    for scope, texts in (
        (c.ObjectiveScope.NETWORK, NETWORK_OBJECTIVES),
        (c.ObjectiveScope.TWG, TWG_OBJECTIVES),
    ):
        for number, text in enumerate(texts, start=1):
            _get_or_create(
                ToRObjective,
                {"network": network, "terms": terms, "scope": scope, "number": number},
                {"text": text, "visibility": Visibility.PUBLIC},
            )
    return network
