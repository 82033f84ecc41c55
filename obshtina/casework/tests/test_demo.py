"""The demo answer templates: loaded once, by the rules, for Samokov's categories."""

import pytest
from django.core.management import call_command

from obshtina.casework.demo import TEMPLATES, answer_templates_load
from obshtina.casework.models import AnswerTemplate

pytestmark = pytest.mark.django_db


def test_the_demo_loader_creates_every_template_once(settings):
    settings.DEMO = False
    call_command("load_demo_data", verbosity=0)

    assert AnswerTemplate.objects.count() == len(TEMPLATES)
    assert answer_templates_load() == 0


def test_no_demo_report_or_question_template_uses_the_citizens_name():
    public = {AnswerTemplate.Kind.REPORT, AnswerTemplate.Kind.QUESTION}
    for row in TEMPLATES:
        if row.kind in public:
            assert "{име}" not in row.text, row.title
