"""Background jobs that must not be lost when the process dies right after a commit.

A job queued with ``transaction.on_commit`` is gone if the process stops between the
commit and the enqueue. When the task backend keeps its queue in the site's own
database (django-tasks-db, as in production), the job's row is written inside the
change's transaction instead: both commit, or neither does, and the worker cannot see
the row before the commit. Other backends (the immediate one of the tests) still wait
for the commit, so the job never reads data that is not there yet.
"""

from django.db import transaction
from django_tasks_db.backend import DatabaseBackend


def enqueue_with_change(task, *args) -> None:
    """Queue ``task(*args)`` as part of the current change."""
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args), robust=True)
