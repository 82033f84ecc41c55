"""A template's rules give Bulgarian messages, on the page and in the model."""

import pytest
from django.core.exceptions import ValidationError

from obshtina.casework.models import AnswerTemplate

from .helpers import answer_template

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def test_a_report_template_may_not_use_the_citizens_name():
    with pytest.raises(ValidationError) as caught:
        answer_template(kind=AnswerTemplate.Kind.REPORT, text="Уважаеми {име}, благодарим.")
    assert "отговорите им са публични" in messages_of(caught.value, "text")


def test_the_english_name_placeholder_is_refused_in_a_report_template_too():
    with pytest.raises(ValidationError):
        answer_template(kind=AnswerTemplate.Kind.REPORT, text="Dear {name}")


def test_a_letter_template_may_use_the_citizens_name():
    template = answer_template(kind=AnswerTemplate.Kind.LETTER, text="Уважаеми {име},")
    assert template.pk


def test_an_unknown_placeholder_is_named_in_the_message():
    with pytest.raises(ValidationError) as caught:
        answer_template(text="Благодарим, {адрес}.")
    message = messages_of(caught.value, "text")
    assert "Непознат заместител {адрес}" in message
    assert "{номер}" in message


def test_a_status_of_another_kind_is_refused():
    with pytest.raises(ValidationError) as caught:
        answer_template(kind=AnswerTemplate.Kind.REPORT, status="granted")
    assert "не съществува" in messages_of(caught.value, "status")
