"""Officials hear of work that reaches them: at once, or in one morning digest."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import Notification, WorkNotice
from obshtina.notifications.officials import (
    NoticeFacts,
    Reason,
    assignee_or_unit,
    official_notify,
    official_notify_before_number,
    unit_members,
    work_digest_send,
)
from obshtina.notifications.tasks import send_work_digests
from obshtina.organization.services import unit_member_add
from obshtina.organization.tests.factories import UnitFactory

from .push_helpers import subscribe

pytestmark = pytest.mark.django_db

STAFF_PAGE = "http://testserver/reports/staff/%D0%A1-2026-000042/"


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Пътища“")


def item(unit, **overrides) -> NoticeFacts:
    values = {
        "about": unit,
        "number": "С-2026-000042",
        "kind": "сигнал",
        "title": "Дупка на пътя",
        "unit": unit.name,
        "due_at": date(2027, 2, 3),
        "url": STAFF_PAGE,
        **overrides,
    }
    return NoticeFacts(**values)


def member(unit, **kwargs):
    user = UserFactory(**kwargs)
    unit_member_add(user=user, unit=unit)
    return user


def emails_to(user):
    return Notification.objects.filter(user=user, channel=Notification.Channel.EMAIL)


def test_an_official_who_wants_it_at_once_gets_an_email_with_the_facts(unit):
    official = member(unit)

    assert official_notify(officials=[official], reason=Reason.ROUTED, item=item(unit)) == 1

    [email] = emails_to(official)
    assert email.to_email == official.email
    assert email.template == "work_notice"
    assert email.subject == "Ново за звеното ви: сигнал С-2026-000042"
    for fact in ("С-2026-000042", "Дупка на пътя", "Отдел „Пътища“", "03.02.2027", STAFF_PAGE):
        assert fact in email.text_body
    assert STAFF_PAGE in email.html_body
    assert (email.about_type, email.about_id) == ("organization.unit", str(unit.pk))


def test_the_email_is_in_the_officials_language(unit):
    official = member(unit, language="en")

    official_notify(officials=[official], reason=Reason.ASSIGNED, item=item(unit))

    [email] = emails_to(official)
    assert email.language == "en"
    assert '<html lang="en">' in email.html_body
    assert "Contact centre" in email.text_body


def test_who_caused_it_inactive_accounts_and_accounts_without_email_hear_nothing(unit):
    actor = member(unit)
    gone = member(unit, is_active=False)
    no_address = member(unit)
    no_address.email = ""
    no_address.save(update_fields=["email"])
    colleague = member(unit)

    told = official_notify(
        officials=[actor, gone, no_address, colleague, colleague],
        reason=Reason.ROUTED,
        item=item(unit),
        actor=actor,
    )

    assert told == 1
    assert list(Notification.objects.values_list("to_email", flat=True)) == [colleague.email]


def test_unit_members_are_the_active_members_of_the_unit(unit):
    active = member(unit)
    member(unit, is_active=False)
    member(UnitFactory())

    assert list(unit_members(unit)) == [active]
    assert list(unit_members(None)) == []


def test_the_assignee_if_there_is_one_else_the_unit(unit):
    first, second = member(unit), member(unit)

    assert list(assignee_or_unit(assignee=second, unit=unit)) == [second]
    assert set(assignee_or_unit(assignee=None, unit=unit)) == {first, second}
    second.is_active = False
    second.save(update_fields=["is_active"])
    assert set(assignee_or_unit(assignee=second, unit=unit)) == {first}


def test_a_push_opens_the_items_staff_page(unit, vapid):
    official = member(unit)
    subscribe(official)

    official_notify(officials=[official], reason=Reason.ROUTED, item=item(unit))

    push = Notification.objects.get(channel=Notification.Channel.PUSH)
    assert push.headers["url"] == "/reports/staff/%D0%A1-2026-000042/"
    assert "С-2026-000042" in push.text_body


def test_notices_rendered_before_the_number_get_it_when_stored(unit):
    at_once, digest = member(unit), member(unit, work_notices="digest")
    unit.number = ""  # stands for an item that gets its number last

    def work_item(thing):
        return item(unit, number=thing.number, url=f"http://testserver/staff/{thing.number}/")

    store = official_notify_before_number(
        officials=[at_once, digest], reason=Reason.ROUTED, item=unit, work_item=work_item
    )
    unit.number = "В-2026-000007"
    assert store() == 2

    email = emails_to(at_once).get()
    assert "В-2026-000007" in email.subject
    assert "http://testserver/staff/В-2026-000007/" in email.text_body
    assert "PENDING" not in email.text_body
    notice = WorkNotice.objects.get(user=digest)
    assert (notice.number, notice.url) == (
        "В-2026-000007",
        "http://testserver/staff/В-2026-000007/",
    )


def test_an_official_who_chose_the_digest_gets_no_email_until_the_morning(unit):
    official = member(unit, work_notices="digest")

    official_notify(officials=[official], reason=Reason.ROUTED, item=item(unit))

    assert not Notification.objects.exists()
    notice = WorkNotice.objects.get(user=official)
    assert (notice.number, notice.kind, notice.title, notice.url) == (
        "С-2026-000042",
        "сигнал",
        "Дупка на пътя",
        STAFF_PAGE,
    )


def test_the_morning_digest_is_one_email_per_official_with_everything_waiting(unit):
    official = member(unit, work_notices="digest")
    other = member(unit, work_notices="digest")
    with time_machine.travel("2026-12-02 15:00 +0200", tick=False):
        official_notify(officials=[official, other], reason=Reason.ROUTED, item=item(unit))
        official_notify(
            officials=[official],
            reason=Reason.MEETING_REQUESTED,
            item=item(
                unit,
                number="ПВ-2026-000003",
                kind="среща",
                title="Кмет на общината",
                due_at=date(2026, 12, 9),
                url="http://testserver/reception/staff/a/3/",
            ),
        )

    with time_machine.travel("2026-12-03 07:00 +0200", tick=False):
        assert work_digest_send() == 2

    [digest] = emails_to(official)
    assert digest.template == "work_digest"
    assert digest.subject == "Нова работа за вас: 2 преписки"
    assert "С-2026-000042" in digest.text_body and "ПВ-2026-000003" in digest.text_body
    assert "Заявена среща: среща ПВ-2026-000003" in digest.text_body
    assert STAFF_PAGE in digest.html_body
    assert emails_to(other).count() == 1
    assert not WorkNotice.objects.exists()


def test_a_second_run_sends_nothing_more(unit):
    official_notify(
        officials=[member(unit, work_notices="digest")], reason=Reason.ROUTED, item=item(unit)
    )
    work_digest_send()

    assert work_digest_send() == 0
    assert Notification.objects.count() == 1


def test_the_digest_is_in_the_officials_language(unit):
    official = member(unit, work_notices="digest", language="en")
    official_notify(officials=[official], reason=Reason.ROUTED, item=item(unit))

    work_digest_send()

    assert emails_to(official).get().language == "en"


def test_a_deactivated_officials_waiting_notices_are_dropped(unit):
    official = member(unit, work_notices="digest")
    official_notify(officials=[official], reason=Reason.ROUTED, item=item(unit))
    official.is_active = False
    official.save(update_fields=["is_active"])

    assert work_digest_send() == 0
    assert not WorkNotice.objects.exists()


def test_the_command_and_the_task_send_the_digest(unit, capsys):
    official = member(unit, work_notices="digest")
    official_notify(officials=[official], reason=Reason.ROUTED, item=item(unit))
    call_command("send_work_digest")
    assert "queued 1 work digest e-mail(s)" in capsys.readouterr().out

    official_notify(officials=[official], reason=Reason.ASSIGNED, item=item(unit))
    assert send_work_digests.call() == 1


def test_the_admin_shows_what_waits_for_the_morning_digest_and_lets_nobody_change_it(
    admin_client, unit
):
    waiting = member(unit, work_notices="digest", first_name="Румен", last_name="Колев")
    official_notify(officials=[waiting], reason=Reason.ROUTED, item=item(unit))

    listing = admin_client.get("/admin/notifications/worknotice/")

    assert listing.status_code == 200
    assert "С-2026-000042" in listing.text and "Румен Колев" in listing.text
    assert admin_client.get("/admin/notifications/worknotice/add/").status_code == 403
    notice = WorkNotice.objects.get()
    page = admin_client.post(
        f"/admin/notifications/worknotice/{notice.pk}/change/", {"number": "changed"}
    )
    assert page.status_code == 403
    notice.refresh_from_db()
    assert notice.number == "С-2026-000042"
