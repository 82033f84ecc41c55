"""Public answers reach the citizen; internal notes stay inside."""

import pytest
from django.core import mail

from obshtina.reports.models import ReportEvent

from .staff_helpers import manage_url, report_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(unit):
    return report_in(unit, submitter_email="maria@example.bg")


def test_a_public_answer_is_published_and_mailed(
    client, officer, report, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            manage_url(report), {"action": "answer", "message": "Благодарим, проверяваме."}
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.public_answer == "Благодарим, проверяваме."
    assert report.status == "new"
    assert report.events.get(kind=ReportEvent.Kind.ANSWER).is_public
    assert [message.to for message in mail.outbox] == [["maria@example.bg"]]


def test_an_empty_answer_is_refused_next_to_the_field(client, officer, report):
    response = client.post(manage_url(report), {"action": "answer", "message": "  "})
    assert response.status_code == 400
    assert "errorlist" in response.text
    assert not report.events.filter(kind=ReportEvent.Kind.ANSWER).exists()


def test_an_internal_note_mails_nobody_and_is_marked_internal(
    client, officer, report, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url(report), {"action": "note", "note": "Да се види с Пътното."})
    note = report.events.get(kind=ReportEvent.Kind.NOTE)
    assert not note.is_public
    assert note.internal_note == "Да се види с Пътното."
    assert mail.outbox == []
    page = client.get(manage_url(report)).text
    assert "Да се види с Пътното." in page
    assert "вътрешна" in page


def test_an_unknown_action_changes_nothing(client, officer, report):
    response = client.post(manage_url(report), {"action": "delete"}, follow=True)
    assert "Неизвестно действие." in response.text
    assert report.events.count() == 1


def test_the_page_keeps_the_units_answer_when_the_report_is_then_marked_resolved(
    client, officer, report
):
    answer = "Дупката ще бъде запълнена до петък от екипа на общинското предприятие."
    client.post(manage_url(report), {"action": "answer", "message": answer})
    client.post(
        manage_url(report), {"action": "status", "status": "resolved", "public_message": "Решен."}
    )
    page = client.get(report.get_absolute_url()).text
    answer_panel = page.split('id="report-answer"', 1)[1].split("</section>", 1)[0]
    assert answer in answer_panel
    assert "Решен." not in answer_panel
    assert "Решен." in page  # the note stays in the timeline


def test_a_refusal_gives_its_reason_as_the_answer_even_after_an_earlier_answer(
    client, officer, report
):
    client.post(manage_url(report), {"action": "answer", "message": "Проверяваме мястото."})
    reason = "Улицата е републиканска пътна мрежа; сигналът е за АПИ."
    client.post(
        manage_url(report), {"action": "status", "status": "rejected", "public_message": reason}
    )
    report.refresh_from_db()
    assert report.public_answer == reason


def test_the_e_mail_that_carries_the_answer_says_so_in_its_subject(
    client, officer, report, django_capture_on_commit_callbacks
):
    def subjects_to_the_submitter():
        return [m.subject for m in mail.outbox if m.to == ["maria@example.bg"]]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url(report), {"action": "status", "status": "in_progress"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(manage_url(report), {"action": "answer", "message": "Ще бъде ремонтирано."})
    with django_capture_on_commit_callbacks(execute=True):  # the answer stays the unit's
        client.post(
            manage_url(report),
            {"action": "status", "status": "resolved", "public_message": "Решен."},
        )
    changed, answered, resolved = subjects_to_the_submitter()
    assert changed == f"Промяна по сигнал {report.number}: в процес на решаване"
    assert answered == f"Отговор на общината по сигнал {report.number}: в процес на решаване"
    assert resolved == f"Промяна по сигнал {report.number}: решен"


def test_a_status_note_that_is_the_first_answer_is_announced_as_the_answer(
    client, officer, report, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            manage_url(report),
            {"action": "status", "status": "rejected", "public_message": "Теренът е частен."},
        )
    (subject,) = [m.subject for m in mail.outbox if m.to == ["maria@example.bg"]]
    assert subject == f"Отговор на общината по сигнал {report.number}: отхвърлен"
