import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "dantinh.intake"
    label = "intake"
    verbose_name = _("Items")

    def ready(self) -> None:
        from django.core import checks

        from dantinh.core import jobs
        from dantinh.intake.capacity import check_embedded_capacity
        from dantinh.intake.models import ImportJob, Item, ItemExportJob, TrainingJob
        from dantinh.intake.selectors import counts_by_child
        from dantinh.org.services import register_path_copy
        from dantinh.org.unit_page import register_child_activity

        for model in (Item, ImportJob, ItemExportJob):
            register_path_copy(model, "unit_path")
        jobs.register(ImportJob)
        jobs.register(ItemExportJob)
        # Training reports progress only between its phases, the longest of which is fitting.
        jobs.register(TrainingJob, stale_after=dt.timedelta(hours=2))
        register_child_activity(counts_by_child)
        checks.register(check_embedded_capacity, "dantinh")
