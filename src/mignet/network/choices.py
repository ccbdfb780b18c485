"""Choices of the network app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkLevel(models.TextChoices):
    GLOBAL = "global", _("Global")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class OrganisationKind(models.TextChoices):
    UN_ENTITY = "un_entity", _("UN entity")
    GOVERNMENT = "government", _("Government body")
    NGO_CSO = "ngo_cso", _("NGO / CSO")
    CSO_CONSORTIUM = "cso_consortium", _("CSO consortium")
    DIASPORA = "diaspora", _("Diaspora organisation")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    TRADE_UNION = "trade_union", _("Trade union")
    EMPLOYERS = "employers", _("Employers' organisation")
    ACADEMIA = "academia", _("Academia")
    MEDIA = "media", _("Media")
    NHRI = "nhri", _("National human rights institution")
    PARLIAMENT = "parliament", _("Parliament")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    DONOR = "donor", _("Donor")
    OTHER = "other", _("Other")


class BodyKind(models.TextChoices):
    PLENARY = "plenary", _("Network plenary")
    TWG = "twg", _("Technical Working Group")
    LOCAL_FORUM = "local_forum", _("Local forum")
    TASK_FORCE = "task_force", _("Task force")


class Cadence(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly and as needed")
    HALF_YEARLY = "half_yearly", _("Every six months")
    AS_NEEDED = "as_needed", _("As needed")


class ParticipationLevel(models.TextChoices):
    """Seniority of a representative; the ToR sets one per body. Ordered from most to least senior."""

    HEAD = "head", _("Head of agency / Representative")
    DEPUTY = "deputy", _("Deputy / Senior Programme Manager")
    PROGRAMME_MANAGER = "programme_manager", _("Programme Manager")
    OFFICER = "officer", _("Technical officer")
    OTHER = "other", _("Other")


LEVEL_RANK = {
    ParticipationLevel.HEAD: 5,
    ParticipationLevel.DEPUTY: 4,
    ParticipationLevel.PROGRAMME_MANAGER: 3,
    ParticipationLevel.OFFICER: 2,
    ParticipationLevel.OTHER: 1,
}


class ChairArrangement(models.TextChoices):
    CHAIR = "chair", _("One chair")
    CO_CHAIRS = "co_chairs", _("Co-chairs")
    COORDINATOR = "coordinator", _("Chaired by the coordinator")


class MembershipKind(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class MembershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")


class RepresentativeRole(models.TextChoices):
    PRINCIPAL = "principal", _("Principal")
    ALTERNATE = "alternate", _("Alternate")


class ChairRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ObjectiveScope(models.TextChoices):
    NETWORK = "network", _("Network")
    TWG = "twg", _("Technical Working Groups")


class BodyStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    ABOLISHED = "abolished", _("Abolished")


class ChairRotationRule(models.TextChoices):
    NO_CONSECUTIVE = "no_consecutive", _("The same organisation may not chair two consecutive terms")
    NONE = "none", _("No rotation rule")
