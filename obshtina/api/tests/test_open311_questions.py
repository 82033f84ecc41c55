"""A category's questions through Open311: listed as the service definition's attributes
(GeoReport v2 ``metadata``), answered as ``attribute[<code>]``, checked as the site's form
checks them, and never sent past the urgent danger's "call 112"."""

import json

import pytest

from obshtina.reports.models import CategoryQuestion, Report
from obshtina.reports.tests.factories import CategoryFactory

from .open311_helpers import BASE, FORMATS, errors, get, open311_client, post_request, read

pytestmark = pytest.mark.django_db

CALL_112 = "Обадете се веднага на 112 – не чакайте отговор по сигнала."


@pytest.fixture
def lamps():
    category = CategoryFactory(
        slug="osvetlenie",
        urgent_question="Има ли оголени проводници или паднал стълб?",
        urgent_notice=CALL_112,
    )
    pole = CategoryQuestion.objects.create(
        category=category, label="Номер на стълба", help_text="напр. С-1234", is_required=True
    )
    CategoryQuestion.objects.create(category=category, label="Свети ли изобщо?")
    category.pole = pole
    return category


def test_a_category_with_questions_says_it_has_metadata(client, lamps):
    CategoryFactory(slug="dupki")
    services = {s["service_code"]: s for s in json.loads(get(client, "services", "json").content)}
    assert services["osvetlenie"]["metadata"] is True
    assert services["dupki"]["metadata"] is False


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_definition_lists_the_urgent_question_first_then_the_others(client, lamps, fmt):
    definition = read(get(client, "services/osvetlenie", fmt), "service_definition")
    urgent, pole, lit = definition["attributes"]
    assert urgent == {
        "variable": "true",
        "code": "urgent",
        "datatype": "singlevaluelist",
        "required": "true",
        "datatype_description": CALL_112,
        "order": "1",
        "description": "Има ли оголени проводници или паднал стълб?",
        "values": [{"key": "no", "name": "Не"}, {"key": "yes", "name": "Да"}],
    }
    assert pole == {
        "variable": "true",
        "code": f"answer_{lamps.pole.pk}",
        "datatype": "string",
        "required": "true",
        "datatype_description": "напр. С-1234",
        "order": "2",
        "description": "Номер на стълба",
    }
    assert (lit["required"], lit["order"], lit["datatype_description"]) == ("false", "3", "")


def test_the_answers_are_kept_with_the_report(client, lamps):
    response = post_request(
        client,
        "json",
        service_code="osvetlenie",
        **{"attribute[urgent]": "no", f"attribute[answer_{lamps.pole.pk}]": " С-1234 "},
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.answers == [{"question": "Номер на стълба", "answer": "С-1234"}]


def test_a_json_body_may_carry_the_answers_as_an_attribute_object(client, lamps):
    body = {
        "api_key": open311_client().api_key,
        "service_code": "osvetlenie",
        "description": "Не свети лампата пред блок 5 от седмица",
        "lat": 42.337,
        "long": 23.553,
        "attribute": {"urgent": "no", f"answer_{lamps.pole.pk}": "С-77"},
    }
    response = client.post(f"{BASE}requests.json", body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert Report.objects.get().answers[0]["answer"] == "С-77"


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unanswered_required_question_is_a_400_naming_its_attribute(client, lamps, fmt):
    response = post_request(client, fmt, service_code="osvetlenie", **{"attribute[urgent]": "no"})
    (description,) = errors(response, status=400)
    assert description == f"attribute[answer_{lamps.pole.pk}]: Отговорете на този въпрос."
    assert not Report.objects.exists()


def test_urgent_danger_is_refused_with_the_call_112_notice(client, lamps):
    response = post_request(
        client,
        "json",
        service_code="osvetlenie",
        **{"attribute[urgent]": "yes", f"attribute[answer_{lamps.pole.pk}]": "С-1"},
    )
    assert errors(response, status=400) == [f"attribute[urgent]: {CALL_112}"]
    assert not Report.objects.exists()


def test_a_category_with_only_an_urgent_notice_takes_no_reports(client):
    CategoryFactory(slug="pozhar", urgent_notice=CALL_112)
    assert errors(post_request(client, "xml", service_code="pozhar"), status=400) == [CALL_112]
    assert not Report.objects.exists()


def test_attributes_the_category_does_not_ask_are_ignored(client):
    CategoryFactory(slug="dupki")
    response = post_request(client, "json", service_code="dupki", **{"attribute[color]": "red"})
    assert response.status_code == 200
    assert Report.objects.get().answers == []
