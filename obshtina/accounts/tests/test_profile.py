import pytest

from obshtina.accounts import sections

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/profile/", "/profile/edit/", "/profile/export/", "/profile/delete/"]
)
def test_anonymous_visitors_are_sent_to_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={path}"


def test_the_hub_shows_the_users_own_data_and_links(client):
    user = UserFactory(first_name="Мария", last_name="Иванова", phone="+359888123456")
    other = UserFactory(first_name="Чужда", email="other@example.bg")
    client.force_login(user)

    response = client.get("/profile/")

    assert response.status_code == 200
    assert "Мария Иванова" in response.text
    assert user.email in response.text
    assert "088 812 3456" in response.text
    for link in [
        "/profile/edit/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/profile/export/",
        "/profile/delete/",
    ]:
        assert f'href="{link}"' in response.text
    assert other.email not in response.text
    assert "Чужда" not in response.text


def test_the_hub_shows_empty_sections_for_items_to_come(client):
    client.force_login(UserFactory())

    response = client.get("/profile/")

    for title in ["Моите сигнали", "Моите абонаменти", "Моите писма и заявления", "Моите срещи"]:
        assert title in response.text
    assert "Все още няма подадени сигнали." in response.text


def test_an_app_can_fill_a_section_of_the_hub(client, monkeypatch):
    monkeypatch.setattr(sections, "profile_sections", {})
    sections.register_profile_section(
        "reports", lambda user: {"title": "Моите сигнали", "url": "/reports/mine/", "count": 3}
    )
    client.force_login(UserFactory())

    response = client.get("/profile/")

    assert '<a href="/reports/mine/">Моите сигнали</a>' in response.text
    assert "3 записа" in response.text
    assert "Все още няма подадени сигнали." not in response.text
