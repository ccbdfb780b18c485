"""The network app's rules: nominations, chair terms, proposals, deletions, governance health."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from mignet.network import choices as c
from mignet.network import selectors, services
from mignet.network.models import Membership, Representative

from ..factories import (
    ChairTermFactory,
    MembershipFactory,
    NominationFactory,
    PersonFactory,
    RepresentativeFactory,
)


@pytest.mark.django_db
def test_accepting_a_nomination_makes_the_person_the_consortiums_representative(
    users, network, consortium, twg
):
    person = PersonFactory(network=network, organisation=consortium, full_name="Rehana Parvin")
    nomination = NominationFactory(network=network, consortium=consortium, body=twg, person=person)
    services.nomination_decide(
        actor=users["secretariat"], instance=nomination, accept=True, note="Agreed by the TWG"
    )
    nomination.refresh_from_db()
    assert nomination.status == c.NominationStatus.ACCEPTED
    assert nomination.decided_on == timezone.localdate()
    membership = Membership.objects.get(body=twg, organisation=consortium)
    assert Representative.objects.filter(membership=membership, person=person).exists()
    with pytest.raises(ValidationError):  # a decided nomination stays decided
        services.nomination_decide(actor=users["secretariat"], instance=nomination, accept=False)


@pytest.mark.django_db
def test_a_person_from_a_consortium_member_can_represent_the_consortium(users, network, consortium, twg):
    from ..factories import OrganisationFactory

    ngo = OrganisationFactory(network=network, kind=c.OrganisationKind.NGO_CSO, consortium=consortium)
    person = PersonFactory(network=network, organisation=ngo)
    nomination = NominationFactory(network=network, consortium=consortium, body=twg, person=person)
    services.nomination_decide(actor=users["secretariat"], instance=nomination, accept=True)
    assert Representative.objects.filter(person=person, membership__organisation=consortium).exists()


@pytest.mark.django_db
def test_only_the_consortiums_partner_nominates_and_only_the_secretariat_decides(
    users, network, consortium, twg
):
    person = PersonFactory(network=network, organisation=consortium)
    nomination = services.nomination_create(
        actor=users["partner"],
        network=network,
        data={"consortium": consortium, "body": twg, "person": person},
    )
    assert nomination.status == c.NominationStatus.NOMINATED
    with pytest.raises(PermissionDenied):
        services.nomination_decide(actor=users["partner"], instance=nomination, accept=True)
    with pytest.raises(PermissionDenied):
        services.nomination_create(
            actor=users["member"],
            network=network,
            data={"consortium": consortium, "body": twg, "person": person},
        )


@pytest.mark.django_db
def test_chair_term_lasts_the_bodys_term_when_no_end_is_given(users, network, twg, iom):
    term = services.chair_term_create(
        actor=users["secretariat"],
        network=network,
        data={"body": twg, "organisation": iom, "start_date": datetime.date(2026, 3, 1), "end_date": None},
    )
    assert term.end_date == datetime.date(2027, 2, 28)


@pytest.mark.django_db
def test_chair_term_ending_before_it_starts_is_refused(users, network, twg, iom):
    with pytest.raises(ValidationError) as excinfo:
        services.chair_term_create(
            actor=users["secretariat"],
            network=network,
            data={
                "body": twg,
                "organisation": iom,
                "start_date": datetime.date(2026, 3, 1),
                "end_date": datetime.date(2026, 1, 1),
            },
        )
    assert "end_date" in excinfo.value.message_dict


@pytest.mark.django_db
def test_a_chairs_new_membership_is_a_proposal_the_secretariat_confirms(users, network, twg, iom):
    membership = services.membership_create(
        actor=users["chair"],
        network=network,
        data={"body": twg, "organisation": iom, "start_date": datetime.date(2026, 1, 1)},
    )
    assert membership.status == c.MembershipStatus.PROPOSED
    with pytest.raises(PermissionDenied):
        services.membership_decide(actor=users["chair"], instance=membership, accept=True)
    services.membership_decide(actor=users["secretariat"], instance=membership, accept=True)
    membership.refresh_from_db()
    assert membership.status == c.MembershipStatus.ACTIVE


@pytest.mark.django_db
def test_a_chair_cannot_add_members_to_a_body_they_do_not_chair(users, network, plenary, iom):
    with pytest.raises(PermissionDenied):
        services.membership_create(
            actor=users["chair"], network=network, data={"body": plenary, "organisation": iom}
        )


@pytest.mark.django_db
def test_second_open_membership_of_the_same_organisation_is_refused(users, network, twg, iom):
    MembershipFactory(network=network, body=twg, organisation=iom)
    with pytest.raises(ValidationError):
        services.membership_create(
            actor=users["secretariat"],
            network=network,
            data={"body": twg, "organisation": iom, "start_date": datetime.date(2026, 1, 1)},
        )
    assert Membership.objects.filter(body=twg, organisation=iom).count() == 1


@pytest.mark.django_db
def test_organisation_with_current_memberships_cannot_be_deleted(users, network, iom):
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_delete(actor=users["secretariat"], instance=iom)
    assert "still has 1 current membership. End it first" in excinfo.value.messages[0]
    iom.refresh_from_db()
    assert iom.deleted_at is None


@pytest.mark.django_db
def test_representative_must_work_for_the_member_organisation(users, network, twg, iom, unhcr):
    membership = MembershipFactory(network=network, body=twg, organisation=iom)
    stranger = PersonFactory(network=network, organisation=unhcr)
    with pytest.raises(ValidationError) as excinfo:
        services.representative_create(
            actor=users["secretariat"],
            network=network,
            data={
                "membership": membership,
                "person": stranger,
                "level": c.ParticipationLevel.PROGRAMME_MANAGER,
            },
        )
    assert "person" in excinfo.value.message_dict


@pytest.mark.django_db
def test_governance_health_reads_the_tors_rules_against_the_data(users, network, plenary, twg, iom, unhcr):
    today = timezone.localdate()
    # The plenary requires Deputies/Senior PMs: UNHCR sends a programme manager.
    plenary_unhcr = Membership.objects.get(body=plenary, organisation=unhcr)
    low = RepresentativeFactory(
        network=network,
        membership=plenary_unhcr,
        person=PersonFactory(network=network, organisation=unhcr),
        level=c.ParticipationLevel.PROGRAMME_MANAGER,
    )
    RepresentativeFactory(
        network=network,
        membership=Membership.objects.get(body=plenary, organisation=iom),
        person=PersonFactory(network=network, organisation=iom),
        level=c.ParticipationLevel.DEPUTY,
    )
    # The TWG has no members, and its chair's term ends in 30 days with no successor.
    ending = ChairTermFactory(
        network=network,
        body=twg,
        organisation=iom,
        start_date=today - datetime.timedelta(days=335),
        end_date=today + datetime.timedelta(days=30),
    )
    health = selectors.governance_health(user=users["secretariat"], network=network)
    assert [r.pk for r in health["below_level"]] == [low.pk]
    assert twg in health["bodies_without_members"]
    assert [t.pk for t in health["chairs_ending"]] == [ending.pk]
    assert health["bodies_without_chair"] == []
    # Once a successor is selected, the alert goes away.
    ChairTermFactory(
        network=network,
        body=twg,
        organisation=unhcr,
        start_date=today + datetime.timedelta(days=31),
        end_date=today + datetime.timedelta(days=395),
    )
    assert selectors.governance_health(user=users["secretariat"], network=network)["chairs_ending"] == []


@pytest.mark.django_db
def test_governance_health_flags_a_twg_whose_chair_term_expired(users, network, twg, iom):
    today = timezone.localdate()
    MembershipFactory(network=network, body=twg, organisation=iom)
    ChairTermFactory(
        network=network,
        body=twg,
        organisation=iom,
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=35),
    )
    health = selectors.governance_health(user=users["secretariat"], network=network)
    assert twg in health["bodies_without_chair"]
    assert twg not in health["bodies_without_members"]


@pytest.mark.django_db
def test_tor_objectives_keep_their_numbers_when_the_text_is_edited(users, network, client_for):
    from mignet.network.models import TermsOfReference, ToRObjective

    terms = TermsOfReference.objects.get(network=network)
    n3 = ToRObjective.objects.get(terms=terms, scope="network", number=3)
    lines = list(terms.objectives.filter(scope="network").order_by("number").values_list("text", flat=True))
    lines[2] = "Prepare an annual work plan aligned with the Government's priorities."
    client = client_for("secretariat")
    response = client.post(
        f"/n/{network.slug}/terms-of-reference/{terms.pk}/edit/",
        {
            "number": 1,
            "title": terms.title,
            "adopted_on": "2019-07-07",
            "text": terms.text,
            "visibility": "public",
            "version": terms.version,
            "network_objectives": "\n".join(lines[:8]),
            "twg_objectives": "\n".join(
                terms.objectives.filter(scope="twg").order_by("number").values_list("text", flat=True)
            ),
        },
    )
    assert response.status_code == 302
    n3.refresh_from_db()
    assert (
        n3.text == lines[2] and n3.pk == ToRObjective.objects.get(terms=terms, scope="network", number=3).pk
    )
    assert not ToRObjective.objects.filter(
        terms=terms, scope="network", number=9
    ).exists()  # N9 removed (soft-deleted)
    assert ToRObjective.all_objects.filter(
        terms=terms, scope="network", number=9, deleted_at__isnull=False
    ).exists()
    page = client.get(f"/n/{network.slug}/terms-of-reference/{terms.pk}/").content.decode()
    assert "N3" in page and "aligned with the Government" in page
