from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from obshtina.notifications.models import Notification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db


def run_command(*args):
    out = StringIO()
    call_command("deliver_notifications", *args, stdout=out)
    return out.getvalue()


def test_command_sends_every_due_notification_and_says_how_many():
    NotificationFactory.create_batch(2)
    NotificationFactory(status=Notification.Status.FAILED)

    output = run_command()

    assert len(mail.outbox) == 2
    assert output.strip() == "sent 2; pending 0; failed (gave up) 1"


def test_command_run_again_sends_nothing_more():
    NotificationFactory()
    run_command()

    assert run_command().startswith("sent 0;")
    assert len(mail.outbox) == 1


def test_command_limits_one_sweep():
    NotificationFactory.create_batch(3)

    assert run_command("--limit", "2").strip() == "sent 2; pending 1; failed (gave up) 0"


class Stop(Exception):
    pass


def test_loop_keeps_sweeping_at_the_interval(monkeypatch):
    from obshtina.notifications.management.commands import deliver_notifications

    pauses = []

    def sleep(seconds):
        pauses.append(seconds)
        if len(pauses) == 2:
            raise Stop
        NotificationFactory()  # arrives between sweeps

    monkeypatch.setattr(deliver_notifications.time, "sleep", sleep)
    NotificationFactory()

    with pytest.raises(Stop):
        run_command("--loop", "--interval", "5")

    assert pauses == [5, 5]
    assert len(mail.outbox) == 2
