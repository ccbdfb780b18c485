"""Django admin for superusers (day-to-day work happens on the pages, which apply the policy)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models

for model in (
    models.Network,
    models.TermsOfReference,
    models.ToRObjective,
    models.ThematicArea,
    models.Organisation,
    models.Person,
    models.Body,
    models.Membership,
    models.Representative,
    models.ChairTerm,
    models.Nomination,
    models.RoleAssignment,
):
    admin.site.register(model, SimpleHistoryAdmin)
