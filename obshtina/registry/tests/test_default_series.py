import pytest

from obshtina.registry.models import RegistrySeries

pytestmark = pytest.mark.django_db


def test_the_default_series_exist_with_their_prefixes():
    prefixes = dict(RegistrySeries.objects.values_list("code", "prefix"))
    assert prefixes == {
        "reports": "С",
        "questions": "В",
        "letters": "П",
        "access_requests": "ЗДОИ",
        "outgoing": "И",
        "appointments": "ПВ",
    }
