"""The programme's jobs: reminders of the targets that are due, and gathering the meetings
and reports that are evidence by themselves (once a day)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="40", hour="6"))
def remind_targets() -> None:
    """Every morning: gather evidence, then tell units what is due or overdue."""
    from django.utils import timezone

    from dantinh.org.actors import system_actor
    from dantinh.programme import target_services
    from dantinh.programme.models import Target

    actor = system_actor()
    for target in Target.objects.filter(year=timezone.localdate().year):
        try:
            target_services.target_collect(actor=actor, target=target)
        except Exception:  # one target must not stop the others
            logger.exception("gathering the evidence of target %s failed", target.pk)
    target_services.remind(actor=actor)


@db_task()
def run_survey_job(job_id: int) -> None:
    """Import a file of answers, or export a survey's results."""
    from dantinh.programme import survey_exports, survey_services
    from dantinh.programme.models import SurveyJob

    job = SurveyJob.objects.filter(pk=job_id).select_related("survey", "unit").first()
    if job is None:
        return
    if job.kind == SurveyJob.Kind.IMPORT:
        survey_services.run_import(job)
    else:
        survey_exports.run_export(job)
