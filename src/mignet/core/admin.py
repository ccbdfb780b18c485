from django.contrib import admin

from . import models

for model in (
    models.GCMObjective,
    models.GuidingPrinciple,
    models.SDGGoal,
    models.SDGTarget,
    models.Division,
    models.District,
    models.UNEntity,
    models.HumanRightsMechanism,
    models.StakeholderCategory,
    models.GovernmentBody,
):
    admin.site.register(model)
