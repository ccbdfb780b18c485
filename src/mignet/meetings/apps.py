from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "mignet.meetings"
    label = "meetings"
    verbose_name = _("Meetings and decisions")

    def ready(self) -> None:
        from . import effects, permissions  # noqa: F401  (registers policy rules and decision effects)
