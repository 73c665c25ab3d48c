"""Insight's jobs: keeping the weekly roll-ups of items current (`insight/rollup.py`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task()
def refresh_rollup(touched: list[tuple[str, str]]) -> None:
    """Recompute the roll-up rows of the (unit path, ISO day) pairs that items touched."""
    import datetime as dt

    from dantinh.insight import rollup

    rollup.refresh((path, dt.date.fromisoformat(day)) for path, day in touched)


@db_task()
def refresh_rollup_subtrees(prefixes: list[str]) -> None:
    """Recompute the roll-up rows under the paths a unit moved from and to."""
    from dantinh.insight import rollup

    rollup.refresh_subtrees(prefixes)


@db_periodic_task(crontab(minute="40", hour="2"))
def rebuild_rollup() -> None:
    """Every night: the whole roll-up again from the items, so a lost job heals by morning."""
    from dantinh.insight import rollup

    rollup.rebuild()
