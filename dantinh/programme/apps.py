from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "dantinh.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from dantinh.org.services import register_path_copy
        from dantinh.programme import policy
        from dantinh.programme.models import Meeting

        policy.register()
        for model in (Meeting,):
            register_path_copy(model, "unit_path")
