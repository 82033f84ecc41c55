"""A report's page kept for visitors without an account: fast, never stale, never shared wrongly."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Report
from obshtina.reports.services.workflow import report_change_status

from .factories import submit_report
from .staff_helpers import officer_of

pytestmark = pytest.mark.django_db

CSRF_INPUT = 'name="csrfmiddlewaretoken" value="'


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def page(client, report):
    return client.get(reverse("reports:detail", args=[report.number]))


def token_in(response) -> str:
    html = response.content.decode()
    return html.split(CSRF_INPUT, 1)[1].split('"', 1)[0]


def test_a_page_seen_again_by_a_visitor_costs_no_database_query(
    client, django_assert_max_num_queries
):
    report = submit_report(description="Счупена пейка в парка")
    assert page(Client(), report).status_code == 200
    with django_assert_max_num_queries(0):
        again = page(client, report)
    assert again.status_code == 200
    assert "Счупена пейка в парка" in again.content.decode()


def test_each_visitor_gets_a_token_of_their_own_that_the_language_switch_accepts():
    report = submit_report()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = token_in(page(first, report))
    second_page = page(second, report)  # the kept page
    second_token = token_in(second_page)
    assert second_token != first_token
    assert "(this visitor" not in second_page.content.decode()
    switched = second.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": second_token},
    )
    assert switched.status_code == 302
    refused = Client(enforce_csrf_checks=True)
    page(refused, report)
    another = refused.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": "x" * 64},
    )
    assert another.status_code == 403


def test_a_new_status_shows_on_the_next_visit(client, django_capture_on_commit_callbacks):
    report = submit_report()
    assert "нов" in page(client, report).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the change commits
        report_change_status(
            report=report,
            actor=officer_of(report.unit),
            status=Report.Status.RESOLVED,
            public_message="Пейката е сменена.",
        )
    assert "Пейката е сменена." in page(Client(), report).content.decode()


def test_a_signed_in_citizen_gets_their_own_page_not_the_kept_one(client):
    report = submit_report()
    page(Client(), report)  # kept for visitors
    citizen = UserFactory()
    client.force_login(citizen)
    html = page(client, report).content.decode()
    assert "Абонирай се" in html
    assert "Влезте, за да се абонирате" not in html
    # ...and what was rendered for them is not kept for the next visitor.
    assert "Абонирай се" not in page(Client(), report).content.decode()


def test_the_english_page_is_kept_apart_from_the_bulgarian_one():
    report = submit_report()
    bulgarian = page(Client(), report).content.decode()
    english = Client(headers={"accept-language": "en"})
    assert page(english, report).content.decode() != bulgarian
