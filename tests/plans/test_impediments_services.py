"""Impediments through the services, as a person checks them: who raises for what, each step of the path
(raised → Network → Government → resolved, or resolved at any level) dated with who and why, and every
refusal (wrong stage, no reason, no Government body, not theirs to move)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mignet.core.models import GovernmentBody
from mignet.plans import choices as c
from mignet.plans.models import ImpedimentStep
from mignet.plans.services.impediments import impediment_create, impediment_escalate, impediment_update

Stage = c.ImpedimentStage


@pytest.fixture
def ministry(db):
    return GovernmentBody.objects.order_by("pk").first() or GovernmentBody.objects.create(
        acronym="MoEWOE", name="Ministry of Expatriates' Welfare and Overseas Employment", kind="ministry"
    )


def _raise(users, network, *, by="chair", **data):
    return impediment_create(
        actor=users[by],
        network=network,
        data={
            "title": "Visa processing delays for returnee counsellors",
            "description": "Work permits take four months.",
            "category": c.ImpedimentCategory.ACCESS,
            "severity": c.Severity.HIGH,
            **data,
        },
    )


@pytest.fixture
def impediment(users, network, twg, unhcr_activity):
    imp = impediment_create(
        actor=users["chair"],
        network=network,
        data={
            "title": "Visa processing delays",
            "description": "Work permits take four months.",
            "category": c.ImpedimentCategory.ACCESS,
            "severity": c.Severity.HIGH,
            "raised_by_body": twg,
        },
        m2m={"activities": [unhcr_activity]},
    )
    return imp


def test_a_chair_raises_for_their_body_and_the_first_step_is_dated_and_signed(
    impediment, users, unhcr_activity
):
    assert impediment.stage == Stage.RAISED
    assert list(impediment.activities.all()) == [unhcr_activity]
    (step,) = ImpedimentStep.objects.filter(impediment=impediment)
    assert (step.from_stage, step.to_stage, step.by) == ("", Stage.RAISED, users["chair"])
    assert step.at is not None and impediment.stage_changed_at == step.at
    assert "four months" in step.note


def test_a_focal_point_raises_for_their_own_organisation_only(users, network, unhcr, iom):
    imp = _raise(users, network, by="member", raised_by_organisation=unhcr)
    assert imp.raised_by_organisation == unhcr
    with pytest.raises(PermissionDenied):
        _raise(users, network, by="member", raised_by_organisation=iom)


def test_a_chair_cannot_raise_for_another_body_and_a_viewer_or_partner_not_at_all(
    users, network, plenary, twg, unhcr
):
    with pytest.raises(PermissionDenied):
        _raise(users, network, by="chair", raised_by_body=plenary)
    for role in ("viewer", "partner"):
        with pytest.raises(PermissionDenied):
            _raise(users, network, by=role, raised_by_body=twg)


def test_raised_by_nobody_is_refused_on_the_field(users, network):
    with pytest.raises(ValidationError) as exc:
        _raise(users, network, by="secretariat")
    assert "raised_by_body" in exc.value.message_dict


def test_the_whole_path_each_step_dated_with_who_and_why(impediment, users, ministry):
    chair, secretariat = users["chair"], users["secretariat"]
    imp = impediment_escalate(actor=chair, instance=impediment, note="Members cannot solve it alone.")
    assert imp.stage == Stage.NETWORK
    imp = impediment_escalate(
        actor=secretariat,
        instance=imp,
        to_stage=Stage.GOVERNMENT,
        government_body=ministry,
        note="Raised at the quarterly meeting with the Ministry.",
    )
    assert (imp.stage, imp.government_body) == (Stage.GOVERNMENT, ministry)
    imp = impediment_escalate(actor=secretariat, instance=imp, note="Permits now take two weeks.")
    assert imp.stage == Stage.RESOLVED and not imp.is_open
    steps = list(ImpedimentStep.objects.filter(impediment=imp).order_by("at", "pk"))
    assert [(s.from_stage, s.to_stage) for s in steps] == [
        ("", Stage.RAISED),
        (Stage.RAISED, Stage.NETWORK),
        (Stage.NETWORK, Stage.GOVERNMENT),
        (Stage.GOVERNMENT, Stage.RESOLVED),
    ]
    assert [s.by for s in steps[1:]] == [chair, secretariat, secretariat]
    assert steps[1].note == "Members cannot solve it alone."
    assert steps[2].government_body == ministry
    assert all(a.at <= b.at for a, b in zip(steps, steps[1:], strict=False))
    assert imp.stage_changed_at == steps[-1].at
    assert imp.history.first().history_change_reason.startswith("Permits now")


def test_resolved_at_the_twg_or_at_the_network(impediment, users, network, twg):
    imp = impediment_escalate(
        actor=users["chair"], instance=impediment, to_stage=Stage.RESOLVED, note="The TWG found a workaround."
    )
    assert imp.stage == Stage.RESOLVED
    other = _raise(users, network, raised_by_body=twg)
    other = impediment_escalate(actor=users["chair"], instance=other, note="Needs the Network.")
    other = impediment_escalate(
        actor=users["secretariat"], instance=other, to_stage=Stage.RESOLVED, note="Solved among agencies."
    )
    assert other.stage == Stage.RESOLVED


def test_refusals_with_clear_messages(impediment, users, ministry):
    chair, secretariat = users["chair"], users["secretariat"]
    with pytest.raises(ValidationError) as exc:
        impediment_escalate(actor=chair, instance=impediment, note="")
    assert "why" in exc.value.message_dict["note"][0].lower()
    with pytest.raises(ValidationError) as exc:  # not one step: raised → government
        impediment_escalate(
            actor=secretariat,
            instance=impediment,
            to_stage=Stage.GOVERNMENT,
            government_body=ministry,
            note="x",
        )
    assert "to_stage" in exc.value.message_dict
    imp = impediment_escalate(actor=chair, instance=impediment, note="Over to the Network.")
    with pytest.raises(ValidationError) as exc:
        impediment_escalate(actor=secretariat, instance=imp, to_stage=Stage.GOVERNMENT, note="Raised.")
    assert "government_body" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        impediment_escalate(actor=secretariat, instance=imp, to_stage=Stage.RESOLVED)
    assert "note" in exc.value.message_dict
    imp.refresh_from_db()
    assert imp.stage == Stage.NETWORK
    assert ImpedimentStep.objects.filter(impediment=imp).count() == 2
    resolved = impediment_escalate(actor=secretariat, instance=imp, to_stage=Stage.RESOLVED, note="Done.")
    with pytest.raises(ValidationError):
        impediment_escalate(actor=secretariat, instance=resolved, note="Again")


@pytest.mark.parametrize(
    ("role", "raised", "network_", "government"),
    [
        ("anonymous", False, False, False),
        ("viewer", False, False, False),
        ("partner", False, False, False),
        ("member", False, False, False),  # not the raiser (the TWG raised it)
        ("chair", True, False, False),
        ("secretariat", True, True, True),
    ],
)
def test_who_moves_it_at_each_stage(impediment, users, ministry, role, raised, network_, government):
    from django.contrib.auth.models import AnonymousUser

    actor = users[role] or AnonymousUser()

    def attempt(instance, **kwargs):
        try:
            impediment_escalate(actor=actor, instance=instance, **kwargs)
        except PermissionDenied:
            return False
        return True

    assert attempt(impediment, note="Up to the Network") is raised
    at_network = impediment
    at_network.refresh_from_db()
    if not raised:
        at_network = impediment_escalate(actor=users["chair"], instance=impediment, note="Up")
    assert attempt(at_network, to_stage=Stage.GOVERNMENT, government_body=ministry, note="Raised") is network_
    at_network.refresh_from_db()
    if at_network.stage == Stage.NETWORK:
        at_network = impediment_escalate(
            actor=users["secretariat"],
            instance=at_network,
            to_stage=Stage.GOVERNMENT,
            government_body=ministry,
        )
    assert attempt(at_network, note="Resolved by decree") is government


def test_a_focal_point_moves_what_their_organisation_raised(users, network, unhcr):
    imp = _raise(users, network, by="member", raised_by_organisation=unhcr)
    imp = impediment_escalate(actor=users["member"], instance=imp, note="We need the Network's help.")
    assert imp.stage == Stage.NETWORK
    with pytest.raises(PermissionDenied):
        impediment_escalate(actor=users["member"], instance=imp, to_stage=Stage.RESOLVED, note="Fixed")


def test_a_stale_version_is_refused_and_the_stage_is_not_edited_by_update(impediment, users):
    from mignet.core.services import ConcurrentEditError

    with pytest.raises(ConcurrentEditError):
        impediment_escalate(
            actor=users["chair"], instance=impediment, note="Up", version=impediment.version - 1
        )
    with pytest.raises(ValidationError) as exc:
        impediment_update(
            actor=users["chair"],
            instance=impediment,
            version=impediment.version,
            data={"stage": Stage.RESOLVED},
        )
    assert "stage" in exc.value.message_dict
    imp = impediment_update(
        actor=users["chair"],
        instance=impediment,
        version=impediment.version,
        data={"title": "Visa delays (work permits)"},
    )
    imp.refresh_from_db()
    assert (imp.title, imp.stage) == ("Visa delays (work permits)", Stage.RAISED)
