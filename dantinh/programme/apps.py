from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "dantinh.programme"
    label = "programme"
    verbose_name = _("Programme")

    def ready(self) -> None:
        from django.utils.translation import gettext

        from dantinh.core import jobs
        from dantinh.org.services import register_path_copy
        from dantinh.programme import policy, target_contrib
        from dantinh.programme.models import (
            Evidence,
            Meeting,
            Response,
            Survey,
            SurveyJob,
            Target,
        )
        from dantinh.reporting import notify

        policy.register()
        for model in (Meeting, Target, Evidence, Survey, Response, SurveyJob):
            register_path_copy(model, "unit_path")
        jobs.register(SurveyJob)
        notify.register_message(
            "target_due",
            lambda: gettext(
                "%(unit)s: the target “%(title)s” is due %(due)s and has no evidence yet."
            ),
        )
        notify.register_message(
            "target_overdue",
            lambda: gettext(
                "%(unit)s: the target “%(title)s” was due %(due)s and has no evidence."
            ),
        )
        target_contrib.register()
