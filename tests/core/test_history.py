"""History pages read as a change log: who, when, which field, before and after."""

import pytest

from mignet.core.history import history_entries
from mignet.core.services import record_update


@pytest.mark.django_db
def test_history_shows_each_change_with_before_and_after_and_who(users, network, unhcr, iom):
    unhcr = record_update(unhcr, actor=users["secretariat"], version=unhcr.version, data={"phone": "+880 1"})
    unhcr = record_update(
        unhcr, actor=users["member"], version=unhcr.version, data={"phone": "+880 2", "acronym": "UNHCR BD"}
    )
    entries = history_entries(unhcr)
    latest = entries[0]
    assert latest.who.email == "member@example.org"
    changes = {c.label: (c.before, c.after) for c in latest.changes}
    assert changes["Phone"] == ("+880 1", "+880 2")
    assert changes["Acronym"] == ("UNHCR", "UNHCR BD")
    assert entries[1].who.email == "secretariat@example.org"
    assert entries[-1].action == "Created"


@pytest.mark.django_db
def test_history_page_names_related_records_not_ids(client_for, users, network, twg, unhcr, iom):
    from ..factories import MembershipFactory

    membership = MembershipFactory(network=network, body=twg, organisation=unhcr)
    record_update(
        membership, actor=users["secretariat"], version=membership.version, data={"organisation": iom}
    )
    response = client_for("secretariat").get(f"/n/{network.slug}/memberships/{membership.pk}/history/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "IOM" in body and "UNHCR" in body
    assert "secretariat@example.org" in body or users["secretariat"].full_name in body


@pytest.mark.django_db
def test_history_page_query_count_does_not_grow_with_changes(
    client_for, users, unhcr, network, django_assert_max_num_queries
):
    client = client_for("secretariat")
    url = f"/n/{network.slug}/organisations/{unhcr.pk}/history/"
    for i in range(3):
        unhcr = record_update(
            unhcr, actor=users["secretariat"], version=unhcr.version, data={"phone": str(i)}
        )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-network caches the layout uses
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(20):
        unhcr = record_update(
            unhcr, actor=users["secretariat"], version=unhcr.version, data={"phone": f"x{i}"}
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
