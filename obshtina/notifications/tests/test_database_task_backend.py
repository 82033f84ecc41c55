"""The production job path: django-tasks-db stores the job, `db_worker` runs it."""

import signal

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from obshtina.notifications.models import Notification
from obshtina.notifications.services import notification_queue

TASK_PATH = "obshtina.notifications.tasks.deliver_notification"


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture
def run_worker():
    """Run `db_worker --batch` and give the test process its signal handlers back."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}

    def run():
        call_command("db_worker", batch=True, reload=False, interval=0, verbosity=0)

    yield run
    for number, handler in handlers.items():
        signal.signal(number, handler)


def queue():
    return notification_queue(
        to_email="ivan@example.bg", template="generic", context={"subject": "Тема", "body": "Текст"}
    )


@pytest.mark.django_db
def test_queued_notification_becomes_a_stored_job(
    database_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = queue()

    job = DBTaskResult.objects.get(task_path=TASK_PATH)
    assert job.status == "READY"
    assert job.args_kwargs == {"args": [notification.pk], "kwargs": {}}
    assert mail.outbox == []


# The worker closes connections it finds inside a transaction, as a long-running process
# must, so these tests commit for real instead of running inside a test transaction.
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_the_stored_job(database_backend, run_worker):
    notification = queue()

    run_worker()

    assert [message.to for message in mail.outbox] == [["ivan@example.bg"]]
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert DBTaskResult.objects.get(task_path=TASK_PATH).status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True)
def test_failed_delivery_schedules_its_own_retry(database_backend, run_worker, smtp_settings):
    notification = queue()

    run_worker()

    notification.refresh_from_db()
    assert notification.attempts == 1
    retry = DBTaskResult.objects.get(task_path=TASK_PATH, status="READY")
    assert retry.run_after == notification.next_attempt_at
