"""Pages as a person uses them: forms that explain themselves, refused stale saves, search, htmx fragments."""

import html

import pytest
from django.core import mail

from mignet.accounts.models import User
from mignet.network.models import Organisation, RoleAssignment


@pytest.mark.django_db
def test_home_page_shows_coordinator_members_bodies_and_governance_health(client_for, network, twg):
    response = client_for("viewer").get(f"/n/{network.slug}/")
    body = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "International Organization for Migration" in body  # the coordinator and secretariat
    for acronym in ("UNHCR", "ILO", "UNDP", "UNODC", "UNICEF", "OHCHR"):
        assert acronym in body or Organisation.objects.get(network=network, acronym=acronym).name in body
    assert "Labour Migration TWG" in body
    assert "Governance health" in body
    assert "no current members" in body  # the new TWG has none yet


@pytest.mark.django_db
def test_creating_an_organisation_with_bad_input_explains_and_changes_nothing(client_for, network):
    before = Organisation.objects.count()
    response = client_for("secretariat").post(
        f"/n/{network.slug}/organisations/new/",
        {"name": "", "kind": "", "website": "not-a-url", "visibility": "network"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert 'href="#id_name"' in body  # the summary links to the field
    assert "Enter a valid URL." in body
    assert Organisation.objects.count() == before


@pytest.mark.django_db
def test_a_duplicate_organisation_name_is_refused_beside_the_field(client_for, network, iom):
    response = client_for("secretariat").post(
        f"/n/{network.slug}/organisations/new/",
        {"name": iom.name, "kind": "un_entity", "visibility": "network"},
    )
    assert response.status_code == 400
    assert "An organisation with this name already exists in this network." in response.content.decode()


@pytest.mark.django_db
def test_secretariat_adds_an_organisation_and_lands_on_its_page(client_for, network):
    response = client_for("secretariat").post(
        f"/n/{network.slug}/organisations/new/",
        {
            "name": "Refugee and Migratory Movements Research Unit (test)",
            "acronym": "RMMRU-T",
            "kind": "academia",
            "visibility": "network",
        },
    )
    org = Organisation.objects.get(acronym="RMMRU-T")
    assert response.status_code == 302 and response["Location"] == org.get_absolute_url()
    assert org.history.first().history_user.email == "secretariat@example.org"


@pytest.mark.django_db
def test_two_people_editing_one_record_the_second_is_told_and_nothing_is_overwritten(
    client_for, network, unhcr
):
    url = f"/n/{network.slug}/organisations/{unhcr.pk}/edit/"
    form = {
        "name": unhcr.name,
        "acronym": "UNHCR",
        "phone": "",
        "visibility": "public",
        "kind": "un_entity",
        "version": unhcr.version,
    }
    first = client_for("secretariat").post(url, {**form, "phone": "+880 2 5555"})
    assert first.status_code == 302
    second = client_for("member").post(url, {**form, "phone": "+880 2 9999"})  # opened before the first save
    assert second.status_code == 409
    assert "Someone else saved this record while you were editing it" in second.content.decode()
    unhcr.refresh_from_db()
    assert unhcr.phone == "+880 2 5555"


@pytest.mark.django_db
def test_focal_point_edit_form_offers_only_what_they_may_change(client_for, network, unhcr):
    body = client_for("member").get(f"/n/{network.slug}/organisations/{unhcr.pk}/edit/").content.decode()
    assert 'name="phone"' in body
    assert 'name="kind"' not in body and 'name="visibility"' not in body


@pytest.mark.django_db
def test_list_search_filters_and_htmx_gets_only_the_table(client_for, network):
    client = client_for("viewer")
    full = client.get(f"/n/{network.slug}/organisations/?q=children")
    assert (
        "United Nations Children" in full.content.decode()
        and "Refugees" not in full.content.decode().split('id="record-table"')[1]
    )
    fragment = client.get(f"/n/{network.slug}/organisations/?q=children", HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode() and "United Nations Children" in fragment.content.decode()


@pytest.mark.django_db
def test_giving_a_role_to_a_new_address_creates_the_account_and_emails_a_link(
    client_for, network, unhcr, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("secretariat").post(
            f"/n/{network.slug}/roles/new/",
            {"email": "new.focal@unhcr.example", "role": "member", "organisation": unhcr.pk},
        )
    assert response.status_code == 302
    user = User.objects.get(email="new.focal@unhcr.example")
    assert not user.has_usable_password()
    assert RoleAssignment.objects.filter(user=user, role="member", organisation=unhcr).exists()
    assert len(mail.outbox) == 1 and "new.focal@unhcr.example" in mail.outbox[0].to
    message = mail.outbox[0]
    assert "You have been given access to UN Network on Migration in Bangladesh" in message.subject
    link = next(line for line in message.body.splitlines() if "/accounts/password/reset/key/" in line).strip()
    # The link lets the new user choose a password and sign in.
    from django.test import Client

    newcomer = Client()
    form_page = newcomer.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = newcomer.post(set_url, {"password1": "a-Long-new-passw0rd", "password2": "a-Long-new-passw0rd"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-Long-new-passw0rd")


@pytest.mark.django_db
def test_a_focal_point_role_needs_an_organisation(client_for, network):
    response = client_for("secretariat").post(
        f"/n/{network.slug}/roles/new/", {"email": "someone@example.org", "role": "member"}
    )
    assert response.status_code == 400
    assert "acts for an organisation" in response.content.decode()
    assert not RoleAssignment.objects.filter(user__email="someone@example.org").exists()


@pytest.mark.django_db
def test_deleted_record_is_hidden_from_others_and_restorable_by_the_secretariat(client_for, network):
    from ..factories import OrganisationFactory

    org = OrganisationFactory(network=network, name="Short-lived NGO", kind="ngo_cso")
    secretariat = client_for("secretariat")
    assert (
        secretariat.post(
            f"/n/{network.slug}/organisations/{org.pk}/delete/", {"reason": "duplicate"}
        ).status_code
        == 302
    )
    assert client_for("member").get(f"/n/{network.slug}/organisations/{org.pk}/").status_code == 404
    assert "Short-lived NGO" not in secretariat.get(f"/n/{network.slug}/organisations/").content.decode()
    page = secretariat.get(f"/n/{network.slug}/organisations/{org.pk}/").content.decode()
    assert "This record has been deleted" in page and "Restore" in page
    assert secretariat.post(f"/n/{network.slug}/organisations/{org.pk}/restore/").status_code == 302
    assert Organisation.objects.filter(pk=org.pk).exists()


@pytest.mark.django_db
def test_nomination_decision_page_records_the_decision(client_for, network, consortium, twg):
    from ..factories import NominationFactory, PersonFactory

    nomination = NominationFactory(
        network=network,
        consortium=consortium,
        body=twg,
        person=PersonFactory(network=network, organisation=consortium),
    )
    url = f"/n/{network.slug}/nominations/{nomination.pk}/decide/"
    bad = client_for("secretariat").post(url, {"note": "no choice made"})
    assert bad.status_code == 400 and "This field is required." in bad.content.decode()
    ok = client_for("secretariat").post(url, {"accept": "0", "note": "Another nominee preferred"})
    assert ok.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == "declined"


@pytest.mark.django_db
def test_network_settings_can_require_two_factor_for_a_role(client_for, network):
    client = client_for("secretariat")
    page = client.get(f"/n/{network.slug}/settings/")
    assert page.status_code == 200
    form = {
        "name": network.name,
        "short_name": network.short_name,
        "level": "national",
        "country": "BD",
        "region": "",
        "time_zone": "Asia/Dhaka",
        "coordinator": network.coordinator_id,
        "established_on": "2019-07-07",
        "description": "",
        "chair_rotation_rule": "no_consecutive",
        "mfa_required_roles": ["secretariat"],
        "visibility": "public",
        "version": network.version,
    }
    bad = client.post(f"/n/{network.slug}/settings/", {**form, "time_zone": "Mars/Olympus"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    assert client.post(f"/n/{network.slug}/settings/", form).status_code == 302
    network.refresh_from_db()
    assert network.mfa_required_roles == ["secretariat"]
    # From now on the secretariat must set up an authenticator app before anything else.
    assert client.get(f"/n/{network.slug}/").url == "/accounts/2fa/totp/activate/?required=1"


@pytest.mark.django_db
def test_demo_records_are_clearly_marked(client_for, network, users):
    from mignet.network import demo

    plain = client_for("viewer").get(f"/n/{network.slug}/").content.decode()
    assert "demonstration data" not in plain
    from django.core.cache import caches

    demo.load("demo-password-123")
    caches["shared"].clear()
    page = client_for("viewer").get(f"/n/{network.slug}/").content.decode()
    assert "demonstration data" in page
    org = Organisation.objects.get(network=network, acronym="CSAM")
    assert (
        "(demo)" in org.name
        and ">demo</span>" in client_for("viewer").get(org.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_secretariat_finds_deleted_records_to_restore_them(client_for, network, users):
    from mignet.core.services import record_soft_delete

    from ..factories import OrganisationFactory

    gone = OrganisationFactory(network=network, name="Dissolved Forum", kind="ngo_cso")
    record_soft_delete(gone, actor=users["secretariat"], reason="Dissolved in 2025")
    listing = client_for("secretariat").get(f"/n/{network.slug}/organisations/?deleted=1").content.decode()
    assert "Dissolved Forum" in listing and "International Labour Organization" not in listing
    assert (
        "Deleted records"
        in client_for("secretariat").get(f"/n/{network.slug}/organisations/").content.decode()
    )
    member_view = client_for("member").get(f"/n/{network.slug}/organisations/?deleted=1").content.decode()
    assert "Dissolved Forum" not in member_view and "Deleted records" not in member_view
