"""A citizen's questions in "Моят профил", the data export, and account deletion."""

import pytest

from obshtina.accounts import sections
from obshtina.accounts.tests.factories import UserFactory
from obshtina.infodesk.models import Question

from .questions_factories import ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


def test_the_profile_counts_the_users_questions(user):
    ask(author=user, asker_email=user.email)
    assert sections.profile_sections["questions"](user)["count"] == 1


def test_the_export_holds_the_users_questions(user):
    question = ask(author=user)
    (exported,) = sections.export_sections["questions"](user)
    assert exported["number"] == question.number
    assert exported["text"] == question.text


def test_deleting_the_account_blanks_the_askers_data(user):
    question = ask(author=user, asker_name="Иван", asker_email=user.email, asker_phone="0888")
    for hook in sections.deletion_hooks:
        hook(user)
    question.refresh_from_db()
    assert (question.author, question.asker_name, question.asker_email, question.asker_phone) == (
        None,
        "",
        "",
        "",
    )
    assert Question.objects.filter(pk=question.pk).exists()
