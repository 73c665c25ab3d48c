from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProtectionConfig(AppConfig):
    name = "dantinh.protection"
    label = "protection"
    verbose_name = _("Data protection")

    def ready(self) -> None:
        import datetime as dt

        from dantinh.core import crypto, jobs
        from dantinh.org.services import register_path_copy
        from dantinh.protection import breaches, policy
        from dantinh.protection.models import KeyRotationJob, PurgeRun, SubjectRequest
        from dantinh.reporting import notify

        policy.register()
        from dantinh.protection import requests

        notify.register_message(breaches.NOTIFY_KIND, breaches.message)
        for kind, text in requests.REMINDERS.values():
            notify.register_message(kind, text)
        register_path_copy(SubjectRequest, "unit_path")
        for column in ("identity", "details", "answer"):
            crypto.register_rotation(SubjectRequest, column)
        jobs.register(KeyRotationJob, stale_after=dt.timedelta(hours=1))
        jobs.register(PurgeRun, stale_after=dt.timedelta(hours=1))
