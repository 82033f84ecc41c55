import pytest

pytestmark = pytest.mark.django_db


def test_track_page_asks_for_a_number(client):
    response = client.get("/track/")
    assert response.status_code == 200
    assert "Номер на сигнал или въпрос" in response.content.decode()


def test_unknown_number_gets_404_with_a_clear_message(client):
    response = client.get("/track/", {"number": "С-2026-999999"})
    assert response.status_code == 404
    content = response.content.decode()
    assert "Проверете номера" in content
    assert 'aria-invalid="true"' in content
