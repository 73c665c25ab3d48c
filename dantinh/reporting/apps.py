from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed(sender, **kwargs):
    from dantinh.reporting import defaults

    defaults.seed()


class ReportingConfig(AppConfig):
    name = "dantinh.reporting"
    label = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from dantinh.core import jobs
        from dantinh.org.services import register_path_copy
        from dantinh.reporting import contrib_items, contrib_subordinates, policy
        from dantinh.reporting.models import (
            AdHocRequest,
            ExportJob,
            Notification,
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
        ):
            register_path_copy(model, "unit_path")
        jobs.register(ExportJob)
        contrib_items.register()
        contrib_subordinates.register()
        post_migrate.connect(_seed, sender=self, dispatch_uid="dantinh-reporting-seed")
