"""The programme's jobs: reminders of the targets that are due, and gathering the meetings
and reports that are evidence by themselves (once a day)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

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
