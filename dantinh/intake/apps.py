from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "dantinh.intake"
    label = "intake"
    verbose_name = _("Items")

    def ready(self) -> None:
        from dantinh.intake.models import ImportJob, Item
        from dantinh.org.services import register_path_copy

        for model in (Item, ImportJob):
            register_path_copy(model, "unit_path")
