from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "mignet.plans"
    label = "plans"
    verbose_name = _("Plans and monitoring")

    def ready(self) -> None:
        from . import effects, permissions  # noqa: F401  (rules and the "approve a plan" decision effect)
