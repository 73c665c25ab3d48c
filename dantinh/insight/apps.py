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
        from dantinh.insight import alerting, boundaries_command, early_warning, forecast, rollup
        from dantinh.insight.models import ItemRollup
        from dantinh.intake import changes
        from dantinh.org import services as org_services
        from dantinh.org.management.commands import units

        alerting.register()
        early_warning.register()
        forecast.register()
        registry.on_raised(alerting.tell)
        changes.on_items_changed(rollup.items_changed)
        # A move rewrites the buckets under the moved path at once; the job then regroups
        # what a move below bucket depth (a village to another commune) shifted.
        org_services.register_path_copy(ItemRollup, "bucket_path")
        org_services.on_unit_moved(rollup.unit_moved)
        units.EXTRA_ACTIONS["boundaries"] = (
            "add a province's boundaries for the map",
            boundaries_command.run,
        )
