"""A category's notice, its questions and its stop for urgent danger: the form shows them
when the category is chosen (without JavaScript after the first try), keeps the answers
with the report, and is never sent when the danger needs a call to 112."""

import pytest
from django.urls import reverse

from obshtina.reports.models import CategoryQuestion, Report
from obshtina.reports.tests.factories import SAMOKOV, CategoryFactory

pytestmark = pytest.mark.django_db

CALL_112 = "Обадете се веднага на 112 – не чакайте отговор по сигнала."


@pytest.fixture
def lamps():
    category = CategoryFactory(
        name="Улично осветление",
        notice="Номерът е на табелка на стълба, на височина около 2 м.",
        urgent_question="Има ли оголени проводници или паднал стълб?",
        urgent_notice=CALL_112,
    )
    CategoryQuestion.objects.create(
        category=category, label="Номер на стълба", help_text="напр. С-1234", is_required=True
    )
    CategoryQuestion.objects.create(category=category, label="Свети ли изобщо?")
    return category


def post(client, category, **fields):
    data = {
        "category": category.pk,
        "description": "Не свети лампата пред блок 5 от седмица",
        "latitude": SAMOKOV[0],
        "longitude": SAMOKOV[1],
        **fields,
    }
    return client.post(reverse("reports:submit"), data)


def test_choosing_the_category_brings_its_notice_questions_and_urgent_question(client, lamps):
    fragment = client.get(reverse("reports:category_extras"), {"category": lamps.pk}).text
    assert "Номерът е на табелка на стълба" in fragment
    assert "Номер на стълба" in fragment and "напр. С-1234" in fragment
    assert "Има ли оголени проводници или паднал стълб?" in fragment
    assert client.get(reverse("reports:category_extras"), {"category": "x"}).text.strip() == ""


def test_without_javascript_the_first_try_shows_the_questions_and_sends_nothing(client, lamps):
    page = post(client, lamps)
    assert "Номер на стълба" in page.text and "Отговорете на този въпрос." in page.text
    assert not Report.objects.exists()


def test_the_answers_are_kept_with_the_report_and_shown_on_its_page(client, lamps):
    post(client, lamps, urgent="no", **{f"answer_{lamps.questions.first().pk}": "С-1234"})
    report = Report.objects.get()
    assert report.answers == [{"question": "Номер на стълба", "answer": "С-1234"}]
    assert "С-1234" in client.get(report.get_absolute_url()).text


def test_urgent_danger_stops_the_form_with_the_call_112_notice(client, lamps):
    page = post(client, lamps, urgent="yes", **{f"answer_{lamps.questions.first().pk}": "С-1"})
    assert CALL_112 in page.text
    assert not Report.objects.exists()


def test_a_category_with_only_an_urgent_notice_is_never_sent(client):
    fire = CategoryFactory(name="Пожар", urgent_notice=CALL_112)
    page = post(client, fire)
    assert CALL_112 in page.text
    assert not Report.objects.exists()


def test_a_category_without_extras_works_as_before(client):
    post(client, CategoryFactory())
    assert Report.objects.count() == 1


def test_the_demo_lamps_ask_for_the_poles_number_and_stop_for_a_fallen_pole(client):
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)
    from obshtina.organization.hosts import serving
    from obshtina.organization.selectors import current_municipality
    from obshtina.reports.models import Category

    with serving(current_municipality()):
        lamps = Category.objects.get(slug="osvetlenie")
        assert lamps.questions.get().label == "Номер на стълба"
        assert "112" in lamps.urgent_notice
