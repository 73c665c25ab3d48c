"""The timeliness of each report once its period's cutoff has passed: read by the matrix
instead of judging every unit's report again (`reporting/period_states.py`)."""

from django.db import models


class ClosedPeriod(models.Model):
    """A period of a regular schedule whose cutoff has passed and whose states are all
    written: every unit that owed it has its `PeriodState`."""

    schedule = models.ForeignKey("reporting.Schedule", on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=20)
    due_at = models.DateTimeField()
    closed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["schedule", "period_key"], name="closed_period_unique")
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id} {self.period_key}"


class PeriodState(models.Model):
    """One unit's report for one closed period: on time, late, returned or missing, with the
    report it judged (none for a missing one)."""

    schedule = models.ForeignKey("reporting.Schedule", on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=20)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    unit_path = models.CharField(max_length=255)  # a copy: moves rewrite it
    state = models.CharField(max_length=10)
    submission_id = models.BigIntegerField(null=True)
    status = models.CharField(max_length=20, blank=True)  # the report's, "" without one
    in_before_due = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "period_key", "unit"], name="period_state_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["schedule", "period_key", "unit_path", "state"], name="period_state_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id} {self.period_key} {self.unit_id}: {self.state}"


class PeriodCount(models.Model):
    """The closed period's states counted by top unit (a province): how many of its units
    were on time, late, returned or missing. Written with the `PeriodState` rows, in the
    same transaction; the country's matrix reads these instead of the states."""

    schedule = models.ForeignKey("reporting.Schedule", on_delete=models.CASCADE, related_name="+")
    period_key = models.CharField(max_length=20)
    top_path = models.CharField(max_length=255)
    state = models.CharField(max_length=10)
    n = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "period_key", "top_path", "state"], name="period_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id} {self.period_key} {self.top_path} {self.state}: {self.n}"
