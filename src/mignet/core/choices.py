"""Choices shared by every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may read a record: UN members only, every member and partner, or anyone."""

    INTERNAL = "internal", _("Internal (UN members)")
    NETWORK = "network", _("Network (members and partners)")
    PUBLIC = "public", _("Public")


class Role(models.TextChoices):
    """Roles a user holds in a network (DESIGN.md section 2)."""

    SECRETARIAT = "secretariat", _("Secretariat")
    MEMBER = "member", _("Member focal point")
    CHAIR = "chair", _("TWG chair")
    PARTNER = "partner", _("TWG member / partner")
    VIEWER = "viewer", _("Viewer")
