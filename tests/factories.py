"""factory-boy factories for every model."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mignet.accounts.models import User
from mignet.core.choices import Role, Visibility
from mignet.meetings import choices as mc
from mignet.meetings import models as mm
from mignet.network import choices as c
from mignet.network import models as m


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = m.Network

    name = factory.Sequence(lambda n: f"UN Network on Migration {n}")
    short_name = factory.Sequence(lambda n: f"UNNM {n}")
    slug = factory.Sequence(lambda n: f"net{n}")
    level = c.NetworkLevel.NATIONAL
    country = "BD"
    time_zone = "Asia/Dhaka"
    visibility = Visibility.PUBLIC


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = m.Organisation

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    kind = c.OrganisationKind.UN_ENTITY


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = m.Person

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory, network=factory.SelfAttribute("..network"))
    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class BodyFactory(DjangoModelFactory):
    class Meta:
        model = m.Body

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Technical Working Group {n}")
    kind = c.BodyKind.TWG
    required_level = c.ParticipationLevel.PROGRAMME_MANAGER
    established_on = datetime.date(2019, 7, 7)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = m.Membership

    network = factory.SubFactory(NetworkFactory)
    body = factory.SubFactory(BodyFactory, network=factory.SelfAttribute("..network"))
    organisation = factory.SubFactory(OrganisationFactory, network=factory.SelfAttribute("..network"))
    start_date = datetime.date(2020, 1, 1)


class RepresentativeFactory(DjangoModelFactory):
    class Meta:
        model = m.Representative

    network = factory.SubFactory(NetworkFactory)
    membership = factory.SubFactory(MembershipFactory, network=factory.SelfAttribute("..network"))
    person = factory.SubFactory(
        PersonFactory,
        network=factory.SelfAttribute("..network"),
        organisation=factory.SelfAttribute("..membership.organisation"),
    )
    level = c.ParticipationLevel.PROGRAMME_MANAGER
    start_date = datetime.date(2020, 1, 1)


class ChairTermFactory(DjangoModelFactory):
    class Meta:
        model = m.ChairTerm

    network = factory.SubFactory(NetworkFactory)
    body = factory.SubFactory(BodyFactory, network=factory.SelfAttribute("..network"))
    organisation = factory.SubFactory(OrganisationFactory, network=factory.SelfAttribute("..network"))
    start_date = datetime.date(2025, 1, 1)
    end_date = datetime.date(2025, 12, 31)


class NominationFactory(DjangoModelFactory):
    class Meta:
        model = m.Nomination

    network = factory.SubFactory(NetworkFactory)
    consortium = factory.SubFactory(
        OrganisationFactory,
        network=factory.SelfAttribute("..network"),
        kind=c.OrganisationKind.CSO_CONSORTIUM,
    )
    body = factory.SubFactory(BodyFactory, network=factory.SelfAttribute("..network"))
    person = factory.SubFactory(
        PersonFactory,
        network=factory.SelfAttribute("..network"),
        organisation=factory.SelfAttribute("..consortium"),
    )


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = m.RoleAssignment

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.SECRETARIAT
    visibility = Visibility.INTERNAL


# --- Meetings


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = mm.Meeting

    network = factory.SubFactory(NetworkFactory)
    body = factory.SubFactory(BodyFactory, network=factory.SelfAttribute("..network"))
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "IOM Dhaka office, Gulshan"


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = mm.AgendaItem

    network = factory.SelfAttribute("meeting.network")
    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = mm.Decision

    network = factory.SelfAttribute("body.network")
    body = factory.SubFactory(BodyFactory)
    method = mc.DecisionMethod.WRITTEN
    subject = mc.DecisionSubject.OTHER
    title = factory.Sequence(lambda n: f"Decision {n}")
    text = "The members agree."
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))


class ActionPointFactory(DjangoModelFactory):
    class Meta:
        model = mm.ActionPoint

    network = factory.SelfAttribute("meeting.network")
    meeting = factory.SubFactory(MeetingFactory)
    body = factory.SelfAttribute("meeting.body")
    owner_organisation = factory.SubFactory(OrganisationFactory, network=factory.SelfAttribute("..network"))
    title = factory.Sequence(lambda n: f"Action {n}")
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
