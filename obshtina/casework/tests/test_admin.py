"""The admin keeps answer templates by the same rules as the staff pages."""

import pytest
from django.urls import reverse

from obshtina.casework.models import AnswerTemplate

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_the_citizens_name_in_a_report_template(admin_client):
    response = admin_client.post(
        reverse("admin:casework_answertemplate_add"),
        {"title": "Име", "kind": "report", "text": "Уважаеми {име},", "is_active": "on"},
    )

    assert response.status_code == 200
    assert "името на гражданина не се публикува" in response.text
    assert not AnswerTemplate.objects.exists()


def test_the_admin_stores_a_letter_template_with_a_status(admin_client):
    response = admin_client.post(
        reverse("admin:casework_answertemplate_add"),
        {"title": "Отговор", "kind": "letter", "text": "Уважаеми {име},", "status": "answered"},
    )

    assert response.status_code == 302
    assert AnswerTemplate.objects.get().status == "answered"
