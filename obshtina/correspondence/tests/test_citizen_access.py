"""Nothing is public: the author and the officers of the item's unit see an item and
its files; another citizen, an anonymous visitor and an officer of another unit
get 404 — not 403, not a login page — so a number reveals nothing."""

import pytest
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory

from .citizen_helpers import PDF_BYTES, officer_of, pdf_upload, private_media
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db
__all__ = ["private_media"]

SECRET = "Тайна Иванова"


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def item(unit, private_media):
    upload = pdf_upload()
    return file_document(
        addressee=unit,
        sender_name=SECRET,
        attachments=[(upload, "application/pdf")],
    )


def page_url(item) -> str:
    return reverse("correspondence:detail", kwargs={"number": item.number})


def file_url(item) -> str:
    return item.attachments.get().get_absolute_url()


def test_the_author_sees_the_item_and_its_sender_data(client, item):
    client.force_login(item.author)
    response = client.get(page_url(item))
    assert response.status_code == 200
    assert item.number in response.content.decode()
    assert SECRET in response.content.decode()


def test_the_author_downloads_the_file_with_its_original_name(client, item):
    client.force_login(item.author)
    response = client.get(file_url(item))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%D0%BC%D0%BE%D0%BB%D0%B1%D0%B0.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_an_officer_of_the_unit_sees_the_item_and_its_file(client, item, unit):
    client.force_login(officer_of(unit))
    assert client.get(page_url(item)).status_code == 200
    assert client.get(file_url(item)).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "another citizen", "officer of another unit"])
def test_anyone_else_gets_404_for_the_item_and_its_file(client, item, who):
    if who == "another citizen":
        client.force_login(UserFactory())
    elif who == "officer of another unit":
        client.force_login(officer_of(UnitFactory()))
    for url in (page_url(item), file_url(item)):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode()


def test_an_unknown_number_is_404_like_a_hidden_one(client, item):
    client.force_login(UserFactory())
    missing = reverse("correspondence:detail", kwargs={"number": "П-1999-000001"})
    assert client.get(missing).status_code == 404


def test_a_file_of_another_item_is_404_even_for_an_author(client, item):
    mine = file_document(author=UserFactory())
    client.force_login(mine.author)
    other_file = item.attachments.get()
    url = reverse("correspondence:attachment", kwargs={"number": mine.number, "pk": other_file.pk})
    assert client.get(url).status_code == 404


def test_the_item_page_is_kept_out_of_caches_and_search_engines(client, item):
    client.force_login(item.author)
    response = client.get(page_url(item))
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_an_anonymous_visitor_is_offered_a_login_that_leads_back_whatever_the_number(client, item):
    for number in (item.number, "П-1999-000001"):
        url = reverse("correspondence:detail", kwargs={"number": number})
        response = client.get(url)
        assert response.status_code == 404
        assert f"{reverse('account_login')}?next={url}" in response.content.decode()
