from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "dantinh.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from dantinh.core import jobs
        from dantinh.org.services import on_unit_moved, register_path_copy
        from dantinh.reporting import contrib_items, contrib_subordinates, period_states, policy
        from dantinh.reporting.models import (
            AdHocRequest,
            ExportJob,
            Notification,
            PeriodState,
            Reminder,
            Submission,
            UnitReportSettings,
        )

        policy.register()
        for model in (
            Submission,
            AdHocRequest,
            ExportJob,
            Reminder,
            Notification,
            UnitReportSettings,
            PeriodState,
        ):
            register_path_copy(model, "unit_path")
        on_unit_moved(period_states.unit_moved)
        jobs.register(ExportJob)
        contrib_items.register()
        contrib_subordinates.register()
        # The shipped regime is seeded by a data migration (0005_seed_defaults), not here.
