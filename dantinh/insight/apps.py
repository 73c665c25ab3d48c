from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    """Analysis of the whole picture: the overview, dashboards, early warning and forecast.
    It reads what the other rooms write; it writes only its own alerts and roll-ups."""

    name = "dantinh.insight"
    label = "insight"
    verbose_name = _("Insight")

    def ready(self) -> None:
        from dantinh.alerts import registry
        from dantinh.insight import alerting, boundaries_command, early_warning, forecast
        from dantinh.org.management.commands import units

        alerting.register()
        early_warning.register()
        forecast.register()
        registry.on_raised(alerting.tell)
        units.EXTRA_ACTIONS["boundaries"] = (
            "add a province's boundaries for the map",
            boundaries_command.run,
        )
