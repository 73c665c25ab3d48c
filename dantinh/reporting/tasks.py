"""The reporting jobs on the task queue, thin wrappers of services. Periodic jobs are declared
with all the others in dantinh/core/tasks.py."""

from huey.contrib.djhuey import db_task

from dantinh.reporting import exports
from dantinh.reporting.models import ExportJob


@db_task()
def run_export(job_id: int) -> None:
    exports.run(ExportJob.objects.get(pk=job_id))
