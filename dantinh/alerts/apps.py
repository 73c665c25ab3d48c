from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "dantinh.alerts"
    label = "alerts"
    verbose_name = _("Alerts")

    def ready(self) -> None:
        from dantinh.alerts import policy
        from dantinh.alerts.models import Alert
        from dantinh.org.services import register_path_copy

        policy.register()
        register_path_copy(Alert, "unit_path")
