"""What falls due: the desk's counters, its filters, the overdue mark; and search."""

import pytest

from obshtina.correspondence.models import Correspondence

from .desk_helpers import desk_url, due_in, registry_clerk
from .factories import UnitFactory, file_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    unit = UnitFactory()
    return {
        "today": due_in(file_document(addressee=unit, subject="Днешно"), 0),
        "soon": due_in(file_document(addressee=unit, subject="След три дни"), 3),
        "late": due_in(file_document(addressee=unit, subject="Вчерашно"), -1),
        "later": due_in(file_document(addressee=unit, subject="След месец"), 30),
    }


@pytest.fixture
def clerk(client):
    user = registry_clerk()
    client.force_login(user)
    return user


def shown(client, items: dict, **query) -> set[str]:
    """Which of `items` the desk lists with these filters."""
    page = client.get(desk_url(**query)).text
    return {name for name, item in items.items() if item.number in page}


def test_due_today_shows_only_todays_deadline(client, clerk, items):
    assert shown(client, items, due="today") == {"today"}


def test_due_this_week_shows_today_and_the_next_days(client, clerk, items):
    assert shown(client, items, due="week") == {"today", "soon"}


def test_overdue_shows_only_past_deadlines(client, clerk, items):
    assert shown(client, items, due="overdue") == {"late"}


def test_the_counters_link_to_the_filters(client, clerk, items):
    page = client.get(desk_url()).text
    assert 'href="?due=today">Срок днес: <strong>1</strong>' in page
    assert 'href="?due=week">Срок тази седмица: <strong>2</strong>' in page
    assert "Просрочени: <strong>1</strong>" in page


def test_overdue_is_written_out_not_only_coloured(client, clerk, items):
    page = client.get(desk_url(q=items["late"].number)).text
    assert "просрочен" in page
    page = client.get(desk_url(q=items["soon"].number)).text
    assert "просрочен</span>" not in page


def test_a_closed_document_is_never_overdue(client, clerk, items):
    Correspondence.objects.filter(pk=items["late"].pk).update(status=Correspondence.Status.CLOSED)
    assert shown(client, items, due="overdue") == set()
    assert "Просрочени: <strong>0</strong>" in client.get(desk_url()).text


def test_search_finds_by_number_subject_and_sender(client, clerk, items):
    Correspondence.objects.filter(pk=items["soon"].pk).update(sender_name="Мария Иванова")
    assert shown(client, items, q=items["late"].number) == {"late"}
    assert shown(client, items, q="Днешно") == {"today"}
    assert shown(client, items, q="Мария Иванова") == {"soon"}


def test_the_kind_filter(client, clerk, items):
    complaint = file_document(kind=Correspondence.Kind.COMPLAINT)
    page = client.get(desk_url(kind="complaint")).text
    assert complaint.number in page
    assert items["today"].number not in page
