"""Synthetic library resources for `mignet generate`: per network, resources with one version each whose text
is "extracted" (a few paragraphs of English or Bangla from a small word bank; a link, no file), so that search
is measured at scale: ≈ 200 at `small`, ≈ 5 000 at `national`, 100 000 over all networks at `global`.

Called by `mignet.network.generate.generate()` once a network's structure is written (`write(builder)`);
after the last network the search index is rebuilt (`search.reindex`, as `mignet search_reindex` does).
Deterministic for a seed and day, with its own random stream. Words the bench searches for: "migration"
(in most resources), "ombudsperson" (in about one in a thousand) and "অভিবাসন" (in the Bangla ones).
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from functools import cache

from mignet.core.choices import Visibility
from mignet.network.models import Body

from . import choices as c
from . import search
from .models import Resource, ResourceVersion

TOTAL = {"small": 200, "national": 5_000, "global": 100_000}
RARE_WORD = "ombudsperson"
RARE_SHARE = 0.001
BANGLA_SHARE = 0.3

TOPICS = [
    "safe and regular labour migration",
    "ethical recruitment and fair fees",
    "counter-trafficking and protection",
    "return and sustainable reintegration",
    "climate change and displacement",
    "remittances and financial inclusion",
    "migrant workers' health",
    "skills recognition and decent work",
    "consular protection abroad",
    "diaspora engagement",
    "data on international migration",
    "alternatives to immigration detention",
    "women migrant workers",
    "children on the move",
    "border governance and human rights",
]
KIND_WORDS = {
    c.ResourceKind.POLICY_BRIEF: "Policy brief",
    c.ResourceKind.POLICY_PAPER: "Policy paper",
    c.ResourceKind.ACTION_PLAN: "Action plan",
    c.ResourceKind.TOOL: "Guidance note",
    c.ResourceKind.DATASET: "Dataset",
    c.ResourceKind.RESEARCH: "Study",
    c.ResourceKind.TRAINING: "Training module",
    c.ResourceKind.JOINT_STATEMENT: "Joint statement",
    c.ResourceKind.SUBMISSION: "Submission",
    c.ResourceKind.MEETING_DOCUMENT: "Meeting note",
    c.ResourceKind.OTHER: "Document",
}
SENTENCES = [
    "The Network reviewed the evidence on {topic} with Government counterparts and partners.",
    "Migration governance improves when recruitment agencies are licensed, monitored and accountable.",
    "Remittances sent by migrant workers support households in rural districts.",
    "Returnees need access to skills training, psychosocial support and credit.",
    "The Global Compact for Safe, Orderly and Regular Migration guides the recommendations below.",
    "Data from the labour attaches show an increase in departures to the Gulf and Malaysia.",
    "Women migrant workers face specific risks at every stage of the migration cycle.",
    "Local authorities and civil society organisations coordinate referral pathways.",
    "The action points were agreed by consensus and assigned to the members.",
    "Further research on {topic} is needed before the next review.",
    "Trafficking in persons remains under-reported; survivors are referred to shelters.",
    "Climate-induced displacement from coastal districts is expected to grow.",
]
BANGLA_WORDS = [
    "অভিবাসন",
    "অভিবাসী",
    "শ্রমিক",
    "নিরাপদ",
    "নিয়মিত",
    "প্রত্যাবর্তন",
    "পুনঃএকত্রীকরণ",
    "রেমিট্যান্স",
    "নারী",
    "শিশু",
    "মানবপাচার",
    "সুরক্ষা",
    "অধিকার",
    "সরকার",
    "নীতি",
    "পরিকল্পনা",
    "কর্মসংস্থান",
    "দক্ষতা",
    "প্রশিক্ষণ",
    "জেলা",
    "উপকূলীয়",
    "জলবায়ু",
    "পরিবর্তন",
    "বাস্তুচ্যুতি",
    "তথ্য",
    "গবেষণা",
    "সহযোগিতা",
    "নেটওয়ার্ক",
    "সদস্য",
    "সংস্থা",
    "সুপারিশ",
    "বাস্তবায়ন",
    "পর্যালোচনা",
]
BANGLA_TITLES = [
    "নিরাপদ অভিবাসন বিষয়ক নীতি সংক্ষেপ",
    "প্রত্যাবর্তনকারী অভিবাসী শ্রমিকদের পুনঃএকত্রীকরণ",
    "মানবপাচার প্রতিরোধ কর্মপরিকল্পনা",
    "জলবায়ু পরিবর্তন ও বাস্তুচ্যুতি",
    "নারী অভিবাসী শ্রমিকদের অধিকার",
]
KINDS = list(c.ResourceKind.values)
KIND_WEIGHTS = [14, 8, 6, 8, 5, 10, 6, 5, 4, 30, 4]


@cache
def _shares(scale: str, seed: int) -> dict[str, int]:
    """Resources per network: the scale's total shared by organisations, summing exactly to the total."""
    from mignet.network.generate import network_specs

    specs = network_specs(scale, seed)
    weight = sum(s.organisations for s in specs)
    shares, done, cumulative = {}, 0, 0
    for spec in specs:
        cumulative += spec.organisations
        upto = round(TOTAL[scale] * cumulative / weight)
        shares[spec.slug] = upto - done
        done = upto
    return shares


def _english_text(rng: random.Random, topic: str) -> str:
    paragraphs = []
    for _ in range(rng.randint(3, 5)):
        sentences = [rng.choice(SENTENCES).format(topic=topic) for _ in range(rng.randint(3, 6))]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def _bangla_text(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(3, 5)):
        sentences = [" ".join(rng.choices(BANGLA_WORDS, k=rng.randint(6, 12))) + "।" for _ in range(4)]
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def _resources(builder) -> tuple[list[Resource], list[ResourceVersion]]:
    spec, network, today = builder.spec, builder.network, builder.today
    rng = random.Random(f"{builder.seed}:{spec.slug}:library")
    bodies = list(builder.out.rows.get(Body, []))
    start = builder.established
    resources, versions = [], []
    for n in range(_shares(builder.scale, builder.seed).get(spec.slug, 0)):
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        topic = rng.choice(TOPICS)
        bangla = rng.random() < BANGLA_SHARE
        if bangla:
            title = f"{rng.choice(BANGLA_TITLES)} {n + 1}"
            abstract = " ".join(rng.choices(BANGLA_WORDS, k=14)) + "।"
            text = _bangla_text(rng)
        else:
            title = f"{KIND_WORDS[kind]} on {topic} ({n + 1})"
            abstract = f"What the members know about {topic}, and what they recommend."
            text = _english_text(rng, topic)
        if rng.random() < RARE_SHARE:
            text += f"\n\nA complaint may be brought to the {RARE_WORD} of the receiving country."
        day = start + datetime.timedelta(days=rng.randint(0, max(0, (today - start).days)))
        created = datetime.datetime.combine(day, datetime.time(rng.randint(6, 16)), tzinfo=datetime.UTC)
        x = rng.random()
        status = (
            c.ReviewStatus.PUBLISHED
            if x < 0.8
            else c.ReviewStatus.IN_REVIEW
            if x < 0.9
            else c.ReviewStatus.DRAFT
        )
        y = rng.random()  # public 40 %, internal 20 %, network 40 % (not builder.rng: its stream stays)
        visibility = Visibility.PUBLIC if y < 0.4 else Visibility.INTERNAL if y < 0.6 else Visibility.NETWORK
        parts = (search.clean(title), search.clean(abstract), search.clean(text))
        resource = Resource(
            network=network,
            kind=kind,
            title=title,
            abstract=abstract,
            body=rng.choice(bodies) if bodies and rng.random() < 0.7 else None,
            language=c.Language.BANGLA if bangla else c.Language.ENGLISH,
            published_on=day,
            status=status,
            submitted_at=created if status != c.ReviewStatus.DRAFT else None,
            published_at=created if status == c.ReviewStatus.PUBLISHED else None,
            visibility=visibility,
            created_at=created,
            search_document="\n".join(p for p in parts if p),
        )
        resources.append(resource)
        versions.append(
            ResourceVersion(
                network=network,
                resource=resource,
                number=1,
                link=f"https://example.org/{spec.slug}/library/{n + 1}",
                text_status=c.TextStatus.EXTRACTED,
                extracted_text=text,
                page_count=rng.randint(2, 40),
                visibility=visibility,
                created_at=created,
            )
        )
    return resources, versions


REQUEST_PATH = [
    c.RequestStatus.RECEIVED,
    c.RequestStatus.TRIAGED,
    c.RequestStatus.MATCHED,
    c.RequestStatus.IN_DELIVERY,
    c.RequestStatus.DELIVERED,
]


def _requests(builder, published: list[Resource]) -> tuple[list, list]:
    """Capacity-building requests (one per ~40 resources, at least 3), each with its dated steps."""
    from mignet.core.models import GovernmentBody
    from mignet.network.models import Organisation

    from .models import CapacityRequest, CapacityRequestStep

    spec, network, today = builder.spec, builder.network, builder.today
    rng = random.Random(f"{builder.seed}:{spec.slug}:requests")
    orgs = list(builder.out.rows.get(Organisation, []))
    government = list(GovernmentBody.objects.order_by("pk")[:20])
    requests, steps = [], []
    for n in range(max(3, _shares(builder.scale, builder.seed).get(spec.slug, 0) // 40)):
        received = today - datetime.timedelta(days=rng.randint(10, 700))
        declined = rng.random() < 0.1
        reached = rng.randint(0, len(REQUEST_PATH) - 1)
        path = REQUEST_PATH[: reached + 1] + ([c.RequestStatus.DECLINED] if declined and reached < 3 else [])
        request = CapacityRequest(
            network=network,
            title=f"Support on {rng.choice(TOPICS)} ({n + 1})",
            description="Training and technical advice requested.",
            requester=rng.choice(orgs) if orgs and rng.random() < 0.4 else None,
            government_body=rng.choice(government) if government else None,
            urgency=rng.choice(list(c.Urgency.values)),
            received_on=received,
            status=path[-1],
            created_at=datetime.datetime.combine(received, datetime.time(9), tzinfo=datetime.UTC),
        )
        if request.requester is None and request.government_body is None and orgs:
            request.requester = orgs[0]
        requests.append(request)
        day = received
        for status in path:
            steps.append(
                CapacityRequestStep(
                    network=network,
                    request=request,
                    status=status,
                    on=day,
                    note="" if status != c.RequestStatus.DECLINED else "Outside the Network's mandate.",
                    created_at=request.created_at,
                )
            )
            day = min(today, day + datetime.timedelta(days=rng.randint(3, 60)))
    return requests, steps


def write(builder) -> Counter:
    """Generate and write the library of the network `builder` has just written; returns row counts. After
    the scale's last network, rebuild the search index."""
    from mignet.network.generate import _bulk, network_specs

    resources, versions = _resources(builder)
    _bulk(Resource, resources)
    for version in versions:
        version.resource_id = version.resource.pk
    _bulk(ResourceVersion, versions)
    from .models import CapacityRequest, CapacityRequestStep

    requests, steps = _requests(builder, [r for r in resources if r.status == c.ReviewStatus.PUBLISHED])
    _bulk(CapacityRequest, requests)
    for step in steps:
        step.request_id = step.request.pk
    _bulk(CapacityRequestStep, steps)
    counts: Counter = Counter()
    counts[str(CapacityRequest._meta.verbose_name_plural)] += len(requests)
    counts[str(Resource._meta.verbose_name_plural)] += len(resources)
    counts[str(ResourceVersion._meta.verbose_name_plural)] += len(versions)
    counts["history entries (library)"] = len(resources) + len(versions) + len(requests) + len(steps)
    if builder.spec.slug == network_specs(builder.scale, builder.seed)[-1].slug:
        search.reindex()
    return counts
