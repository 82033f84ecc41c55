"""On a report's staff page "Попълни" fills the answer in without saving, with no
JavaScript; a status with an automatic template fills an empty message."""

import json

import pytest

from obshtina.casework.models import AnswerTemplate
from obshtina.reports.models import ReportEvent
from obshtina.reports.tests.factories import UnitFactory
from obshtina.reports.tests.staff_helpers import manage_url, officer_of, report_in

from .helpers import answer_template, textarea

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return UnitFactory(name="Отдел „Екология“")


@pytest.fixture
def report(unit):
    return report_in(unit, submitter_name="Мария Тайнова", submitter_email="maria@example.bg")


@pytest.fixture
def officer(client, unit):
    user = officer_of(unit)
    client.force_login(user)
    return user


def test_the_answer_form_offers_the_reports_templates(client, officer, report):
    answer_template(title="Благодарност за сигнала")

    page = client.get(manage_url(report)).text

    assert "Благодарност за сигнала" in page
    assert 'name="fill_template"' in page


def test_fill_puts_the_filled_in_text_into_the_answer_and_saves_nothing(client, officer, report):
    template = answer_template(text="Сигнал {номер} е при {звено}.")

    response = client.post(
        manage_url(report),
        {"action": "answer", "message": "", "answer_template": template.pk, "fill_template": "1"},
    )

    assert response.status_code == 200
    expected = f"Сигнал {report.number} е при Отдел „Екология“."
    assert textarea(response.text, "message") == expected
    assert not report.events.filter(kind=ReportEvent.Kind.ANSWER).exists()


def test_fill_without_a_choice_says_what_to_do(client, officer, report):
    answer_template()

    response = client.post(
        manage_url(report),
        {"action": "answer", "message": "", "answer_template": "", "fill_template": "1"},
    )

    assert response.status_code == 200
    assert "Изберете шаблон от списъка" in response.text


def test_fill_with_a_template_not_offered_says_what_to_do(client, officer, report):
    answer_template()

    response = client.post(
        manage_url(report),
        {"action": "answer", "answer_template": "999999", "fill_template": "1"},
    )

    assert response.status_code == 200
    assert "Изберете шаблон от списъка" in response.text


def test_fill_on_the_status_form_uses_the_chosen_statuss_automatic_template(
    client, officer, report
):
    answer_template(title="Приет", text="Приехме сигнал {номер}.", status="accepted")

    response = client.post(
        manage_url(report),
        {"action": "status", "status": "accepted", "public_message": "", "fill_template": "1"},
    )

    assert response.status_code == 200
    assert textarea(response.text, "public_message") == f"Приехме сигнал {report.number}."
    report.refresh_from_db()
    assert report.status == "new"


def test_the_page_carries_the_automatic_texts_for_the_script(client, officer, report):
    template = answer_template(title="Приет", text="Приехме сигнал {номер}.", status="accepted")

    page = client.get(manage_url(report)).text

    assert f'"accepted": "{template.pk}"' in page
    assert "answer_templates.js" in page


def test_the_submitters_name_is_not_in_the_texts_offered(client, officer, report):
    # Stored past the rules, as an old row or a direct database edit could be.
    AnswerTemplate.objects.create(
        title="Старо", kind="report", text="Благодарим, {име}, за сигнал {номер}."
    )

    page = client.get(manage_url(report)).text
    script = page.split('id="id_answer_template_texts" type="application/json">')[1]
    offered = json.loads(script.split("</script>")[0])

    assert list(offered["texts"].values()) == [f"Благодарим, , за сигнал {report.number}."]
