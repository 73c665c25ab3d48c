from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "dantinh.intake"
    label = "intake"
    verbose_name = _("Items")

    def ready(self) -> None:
        from dantinh.intake.models import Item
        from dantinh.org.services import register_path_copy

        register_path_copy(Item, "unit_path")
