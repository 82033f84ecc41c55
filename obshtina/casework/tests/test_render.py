"""Placeholders are filled in from the item; the citizen's name only in private answers."""

from datetime import UTC, datetime

import pytest
import time_machine

from obshtina.casework.answer_templates import template_render
from obshtina.casework.models import AnswerTemplate
from obshtina.correspondence.tests.factories import UnitFactory as DocumentUnitFactory
from obshtina.correspondence.tests.factories import file_document
from obshtina.infodesk.tests.questions_factories import ask
from obshtina.reports.tests.factories import CategoryFactory, UnitFactory, submit_report

from .helpers import answer_template

pytestmark = pytest.mark.django_db

# 22:30 UTC on 31 December is already 1 January in Sofia (UTC+2 in winter).
NEW_YEARS_EVE_LATE = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)


def test_a_report_template_gets_the_number_the_sofia_date_and_the_unit():
    unit = UnitFactory(name="Дирекция „Благоустройство“")
    with time_machine.travel(NEW_YEARS_EVE_LATE, tick=False):
        report = submit_report(category=CategoryFactory(unit=unit), submitter_name="Мария Тайнова")
    template = answer_template(text="Сигнал {номер} от {дата} се решава от {звено}.")

    text = template_render(template, report)

    assert text == f"Сигнал {report.number} от 01.01.2027 се решава от Дирекция „Благоустройство“."


def test_english_placeholders_mean_the_same():
    report = submit_report(description="Дупка")
    template = answer_template(text="{number} / {unit} / {date}")

    assert template_render(template, report) == template_render(
        answer_template(text="{номер} / {звено} / {дата}"), report
    )


def test_a_letter_template_greets_the_sender_by_name():
    letter = file_document(sender_name="Мария Тайнова", addressee=DocumentUnitFactory())
    template = answer_template(kind=AnswerTemplate.Kind.LETTER, text="Уважаема {име}, ...")

    assert template_render(template, letter) == "Уважаема Мария Тайнова, ..."


def test_a_report_answer_never_gets_the_submitters_name_even_if_a_template_has_it():
    report = submit_report(submitter_name="Мария Тайнова", description="Дупка")
    # Stored past the rules (e.g. an old row or a direct database edit).
    template = AnswerTemplate.objects.create(
        title="Старо", kind=AnswerTemplate.Kind.REPORT, text="Уважаема {име}, благодарим."
    )

    text = template_render(template, report)

    assert "Мария" not in text
    assert "Тайнова" not in text


def test_a_question_answer_never_gets_the_askers_name():
    question = ask(asker_name="Мария Тайнова", asker_email="maria@example.bg")
    template = AnswerTemplate.objects.create(
        title="Старо", kind=AnswerTemplate.Kind.QUESTION, text="{name}: отговор на {номер}"
    )

    assert template_render(template, question) == f": отговор на {question.number}"
