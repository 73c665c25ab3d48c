from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    """Analysis of the whole picture: the overview, dashboards, early warning and forecast.
    It reads what the other rooms write; it writes only its own alerts and roll-ups."""

    name = "dantinh.insight"
    label = "insight"
    verbose_name = _("Insight")
