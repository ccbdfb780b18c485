from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mignet.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the policy's default rules)
