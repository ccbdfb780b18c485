from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "mignet.library"
    label = "library"
    verbose_name = _("Knowledge library")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers this app's policy rules)
