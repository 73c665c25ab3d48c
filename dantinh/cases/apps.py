from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "dantinh.cases"
    label = "cases"
    verbose_name = _("Complex incidents")

    def ready(self) -> None:
        from django.utils.translation import gettext

        from dantinh.cases import contrib, policy
        from dantinh.cases.models import Case
        from dantinh.org.services import register_path_copy
        from dantinh.reporting import notify

        policy.register()
        register_path_copy(Case, "unit_path")
        contrib.register()
        notify.register_message(
            "case_likely",
            lambda: gettext(
                "%(unit)s: the case “%(title)s” is now likely to become a hotspot: %(reason)s"
            ),
        )
        notify.register_message(
            "case_recorded_late",
            lambda: gettext(
                "%(unit)s: recorded after the fact — the case “%(title)s” went to "
                "“%(level)s” on %(date)s: %(reason)s"
            ),
        )
        notify.register_message(
            "case_hotspot",
            lambda: gettext("%(unit)s: the case “%(title)s” has become a hotspot: %(reason)s"),
        )
