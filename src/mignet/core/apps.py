from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "mignet.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from . import permissions  # noqa: F401  (registers the policy's default rules)
        from .history_reason import fit_change_reason

        pre_create_historical_record.connect(fit_change_reason, dispatch_uid="mignet-fit-change-reason")
