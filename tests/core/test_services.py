"""Generic writes: optimistic concurrency, soft delete and restore, history with the actor."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from mignet.core.services import ConcurrentEditError, record_restore, record_soft_delete, record_update
from mignet.network.models import Organisation


@pytest.mark.django_db
def test_second_save_from_a_stale_version_is_refused_and_changes_nothing(users, unhcr):
    first = record_update(
        unhcr, actor=users["secretariat"], version=unhcr.version, data={"phone": "+880 2 111"}
    )
    assert first.version == unhcr.version + 1
    with pytest.raises(ConcurrentEditError):
        record_update(unhcr, actor=users["member"], version=unhcr.version, data={"phone": "+880 2 999"})
    unhcr.refresh_from_db()
    assert unhcr.phone == "+880 2 111"
    assert unhcr.history.count() == 2  # created, then the first save; the refused save left no trace


@pytest.mark.django_db
def test_update_without_version_is_refused(users, unhcr):
    with pytest.raises(ConcurrentEditError):
        record_update(unhcr, actor=users["secretariat"], version=None, data={"phone": "1"})


@pytest.mark.django_db
def test_invalid_data_is_refused_and_nothing_is_written(users, unhcr):
    with pytest.raises(ValidationError) as excinfo:
        record_update(
            unhcr,
            actor=users["secretariat"],
            version=unhcr.version,
            data={"website": "not a url", "phone": "5"},
        )
    assert "website" in excinfo.value.message_dict
    unhcr.refresh_from_db()
    assert unhcr.phone == "" and unhcr.version == 1


@pytest.mark.django_db
def test_member_cannot_move_a_person_to_another_organisation(users, network, unhcr, iom):
    from ..factories import PersonFactory

    person = PersonFactory(network=network, organisation=unhcr)
    with pytest.raises(PermissionDenied):
        record_update(person, actor=users["member"], version=person.version, data={"organisation": iom})
    person.refresh_from_db()
    assert person.organisation == unhcr


@pytest.mark.django_db
def test_soft_delete_hides_and_restore_brings_back_with_history(users, network):
    from ..factories import OrganisationFactory

    org = OrganisationFactory(network=network, name="Temporary NGO")
    record_soft_delete(org, actor=users["secretariat"], reason="Entered twice")
    assert not Organisation.objects.filter(pk=org.pk).exists()
    assert Organisation.all_objects.filter(pk=org.pk, deleted_at__isnull=False).exists()
    record_restore(Organisation.all_objects.get(pk=org.pk), actor=users["secretariat"])
    restored = Organisation.objects.get(pk=org.pk)
    reasons = list(
        restored.history.order_by("history_date").values_list("history_change_reason", "history_user__email")
    )
    assert reasons[1] == ("Entered twice", "secretariat@example.org")
    assert reasons[2] == ("Restored", "secretariat@example.org")


@pytest.mark.django_db
def test_only_the_secretariat_deletes_and_restores(users, unhcr):
    with pytest.raises(PermissionDenied):
        record_soft_delete(unhcr, actor=users["member"])
    record_soft_delete(unhcr, actor=users["secretariat"])
    with pytest.raises(PermissionDenied):
        record_restore(unhcr, actor=users["member"])


@pytest.mark.django_db
def test_fields_reserved_for_the_secretariat_are_refused_to_a_focal_point(users, unhcr):
    with pytest.raises(ValidationError) as excinfo:
        record_update(
            unhcr, actor=users["member"], version=unhcr.version, data={"kind": "ngo_cso", "phone": "1"}
        )
    assert excinfo.value.message_dict == {"kind": ["Only the secretariat can change this."]}
    unhcr.refresh_from_db()
    assert unhcr.kind == "un_entity" and unhcr.phone == ""


@pytest.mark.django_db
def test_history_records_kind_change_by_secretariat_in_plain_words(users, unhcr):
    from mignet.core.history import history_entries

    unhcr = record_update(
        unhcr, actor=users["secretariat"], version=unhcr.version, data={"kind": "ngo_cso", "un_entity": None}
    )
    changes = {c.label: (c.before, c.after) for c in history_entries(unhcr)[0].changes}
    assert changes["Kind"] == ("UN entity", "NGO / CSO")
