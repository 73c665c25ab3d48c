"""The cases' jobs on the task queue: thin wrappers, queued after commit."""

from huey.contrib.djhuey import db_task


@db_task()
def email_leaders(change_id: int, user_ids: list[int]) -> None:
    """E-mail the leaders told in the application that a case was raised."""
    from dantinh.cases.models import RiskChange
    from dantinh.cases.services import NOTICE_KIND, notice_params, url_of
    from dantinh.org.models import User
    from dantinh.reporting import notify

    change = RiskChange.objects.select_related("case__place").filter(pk=change_id).first()
    if change is None or change.to_risk not in NOTICE_KIND:
        return
    users = list(User.objects.filter(pk__in=user_ids, is_active=True))
    notify.email(
        users,
        kind=NOTICE_KIND[change.to_risk],
        params=notice_params(change),
        url=url_of(change.case),
    )
