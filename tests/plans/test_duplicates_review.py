"""The duplication view: a near-identical pair by two organisations in the same district and GCM objective
is flagged; the same organisation's, another district's or another objective's are not; a TWG chair of
either activity's body (or the secretariat) marks it complementary or duplicate with a note, a viewer or
a member focal point cannot; the verdict shows; "unreviewed only" hides it; a bad threshold gets a
message on the field."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from mignet.core.models import District, GCMObjective
from mignet.plans import choices as c
from mignet.plans.models import DuplicateReview, Plan
from mignet.plans.selectors import dashboards as sel
from mignet.plans.services.duplicates import duplicate_review_record

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db

TEXT = "Pre-departure orientation sessions for aspiring migrant workers on safe recruitment and their rights"


@pytest.fixture
def pairs(plan, output, iom, unhcr, consortium):
    Plan.objects.filter(pk=plan.pk).update(status=c.PlanStatus.APPROVED, approved_version=1)
    dhaka, sylhet = District.objects.get(name="Dhaka"), District.objects.get(name="Sylhet")
    six, nine = GCMObjective.objects.get(number=6), GCMObjective.objects.get(number=9)
    return {
        "iom": ActivityFactory(
            output=output,
            lead_organisation=iom,
            title="Pre-departure orientation",
            description=TEXT,
            districts=[dhaka],
            gcm_objectives=[six],
        ),
        "unhcr": ActivityFactory(
            output=output,
            lead_organisation=unhcr,
            title="Predeparture orientation sessions",
            description=TEXT.replace("workers", "workers in Dhaka"),
            districts=[dhaka],
            gcm_objectives=[six, nine],
        ),
        "iom_again": ActivityFactory(
            output=output,
            lead_organisation=iom,
            title="Pre-departure orientation",
            description=TEXT,
            districts=[dhaka],
            gcm_objectives=[six],
        ),
        "elsewhere": ActivityFactory(
            output=output,
            lead_organisation=consortium,
            title="Pre-departure orientation",
            description=TEXT,
            districts=[sylhet],
            gcm_objectives=[six],
        ),
        "other_objective": ActivityFactory(
            output=output,
            lead_organisation=consortium,
            title="Pre-departure orientation",
            description=TEXT,
            districts=[dhaka],
            gcm_objectives=[GCMObjective.objects.get(number=2)],
        ),
        "unrelated": ActivityFactory(
            output=output,
            lead_organisation=consortium,
            title="Mangrove restoration",
            description="Cyclone shelters and coastal embankments",
            districts=[dhaka],
            gcm_objectives=[six],
        ),
    }


def flagged(user, network, **kwargs):
    result = sel.duplicate_candidates(user=user, network=network, **kwargs)
    return {frozenset((p.first.pk, p.second.pk)): p for p in result["pairs"]}


def test_flags_only_different_organisations_in_the_same_district_and_objective(pairs, users, network):
    found = flagged(users["secretariat"], network)
    a, b = pairs["iom"], pairs["unhcr"]
    assert frozenset((a.pk, b.pk)) in found
    assert frozenset((pairs["iom_again"].pk, b.pk)) in found  # IOM's other one, with UNHCR's
    assert frozenset((a.pk, pairs["iom_again"].pk)) not in found  # same organisation
    assert all(pairs["elsewhere"].pk not in key for key in found)  # another district
    assert all(pairs["other_objective"].pk not in key for key in found)  # another objective
    assert all(pairs["unrelated"].pk not in key for key in found)  # not similar
    pair = found[frozenset((a.pk, b.pk))]
    assert pair.first.pk < pair.second.pk and 0.35 <= pair.score <= 1
    assert [o.number for o in pair.objectives] == [6] and pair.districts == ["Dhaka"]
    assert flagged(users["secretariat"], network, threshold=0.95) == {}


def test_both_national_counts_as_the_same_place(pairs, users, network):
    from mignet.plans.models import Activity

    Activity.objects.filter(pk__in=[pairs["elsewhere"].pk, pairs["iom"].pk]).update(national=True)
    assert frozenset((pairs["iom"].pk, pairs["elsewhere"].pk)) in flagged(users["secretariat"], network)


def test_a_chair_reviews_and_the_verdict_shows(pairs, users, network):
    a, b = pairs["unhcr"], pairs["iom"]  # given in either order
    review = duplicate_review_record(
        actor=users["chair"], first=a, second=b, verdict="complementary", note="Different target groups"
    )
    assert (review.first_id, review.second_id) == (min(a.pk, b.pk), max(a.pk, b.pk))
    assert review.reviewed_by == users["chair"] and 0 < review.similarity <= 1
    again = duplicate_review_record(
        actor=users["secretariat"], first=b, second=a, verdict="duplicate", note="Merge"
    )
    assert (
        again.pk == review.pk and again.verdict == "duplicate" and again.reviewed_by == users["secretariat"]
    )
    assert DuplicateReview.objects.count() == 1
    pair = flagged(users["viewer"], network)[frozenset((a.pk, b.pk))]
    assert pair.review.verdict == "duplicate" and not pair.can_review
    assert flagged(users["chair"], network)[frozenset((a.pk, b.pk))].can_review
    assert frozenset((a.pk, b.pk)) not in flagged(users["viewer"], network, unreviewed_only=True)


@pytest.mark.parametrize("role", ["viewer", "partner", "member"])
def test_others_may_not_review(pairs, users, role):
    with pytest.raises(PermissionDenied):
        duplicate_review_record(
            actor=users[role], first=pairs["iom"], second=pairs["unhcr"], verdict="duplicate"
        )
    assert not DuplicateReview.objects.exists()


def test_the_page_lists_pairs_and_takes_a_chairs_review(pairs, client_for, network):
    url = reverse("plans:duplicates", kwargs={"network": network.slug})
    page = client_for("viewer").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert pairs["iom"].code in html and pairs["unhcr"].code in html and "Not reviewed" in html
    assert 'name="prefix"' not in html  # a viewer sees no review form
    first, second = sorted([pairs["iom"].pk, pairs["unhcr"].pk])
    prefix = f"p{first}-{second}"
    body = {
        "prefix": prefix,
        f"{prefix}-first": first,
        f"{prefix}-second": second,
        f"{prefix}-verdict": "complementary",
        f"{prefix}-note": "Different groups",
    }
    assert client_for("viewer").post(url, body).status_code == 403
    chair = client_for("chair")
    assert 'name="prefix"' in chair.get(url).content.decode()
    bad = chair.post(url, {**body, f"{prefix}-verdict": "maybe"})
    assert bad.status_code == 400 and not DuplicateReview.objects.exists()
    done = chair.post(url + "?threshold=0.3", body)
    assert done.status_code == 302 and done["Location"].endswith("?threshold=0.3")
    html = chair.get(url).content.decode()
    assert "Complementary" in html and "Different groups" in html
    unreviewed = chair.get(url + "?unreviewed=on").content.decode()
    assert f"pair-{first}-{second}" not in unreviewed


def test_a_bad_threshold_gets_a_message_on_the_field(pairs, client_for, network):
    url = reverse("plans:duplicates", kwargs={"network": network.slug})
    for bad in ("2", "0.01", "abc"):
        page = client_for("member").get(url, {"threshold": bad})
        assert page.status_code == 200
        assert 'id="id_threshold_error"' in page.content.decode()
