"""`refresh_trusted_lists` fetches the EU list of lists and the Bulgarian list, checks
their signatures and keeps them."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from pyhanko.sign.validation.qualified.assess import QualificationAssessor
from pyhanko_certvalidator.authority import CertTrustAnchor
from pyhanko_certvalidator.path import ValidationPath

from obshtina.signatures.models import TrustedList
from obshtina.signatures.selectors import tsp_registry
from obshtina.signatures.tests import trusted_lists

pytestmark = pytest.mark.django_db


def _refresh(*args):
    out = StringIO()
    call_command("refresh_trusted_lists", *args, stdout=out)
    return out.getvalue()


def _path(pki, issuer, holder):
    return ValidationPath(CertTrustAnchor(pki.cert(issuer)), [], pki.cert(holder))


def test_it_loads_the_bulgarian_list_through_the_list_of_lists(signatures_settings):
    output = _refresh()
    kept = TrustedList.objects.get()
    assert kept.territory == "BG"
    assert "BG:" in output
    assert [service["name"] for service in kept.services] == ["Test QTSP Qualified CA"]


def test_the_test_ca_is_granted_so_its_qualified_certificate_is_qualified(
    signatures_settings, signatures_pki
):
    _refresh()
    path = ValidationPath(
        CertTrustAnchor(signatures_pki.cert("ca")), [], signatures_pki.cert("ivan")
    )
    result = QualificationAssessor(tsp_registry()).check_entity_cert_qualified(path)
    assert result.status.qualified


def test_a_certificate_of_another_ca_is_not_qualified(signatures_settings, signatures_pki):
    _refresh()
    path = ValidationPath(
        CertTrustAnchor(signatures_pki.cert("other-root")), [], signatures_pki.cert("stranger")
    )
    result = QualificationAssessor(tsp_registry()).check_entity_cert_qualified(path)
    assert not result.status.qualified


def test_a_fresh_list_is_not_fetched_again_within_a_day(signatures_settings, signatures_pki):
    _refresh()
    first = TrustedList.objects.get().fetched_at
    _refresh()
    assert TrustedList.objects.get().fetched_at == first
    _refresh("--force")
    assert TrustedList.objects.get().fetched_at > first


def test_a_tampered_national_list_is_refused_and_the_kept_one_stays(
    signatures_settings, signatures_pki
):
    _refresh()
    signed = trusted_lists.national_trusted_list(signatures_pki)
    tampered = signed.replace(b"Test QTSP Qualified CA", b"Test QTSP Qualified CB", 1)
    url = signatures_pki.publish("bg-tampered.xml", tampered)
    signatures_settings.SIGNATURES_LOTL_URL = signatures_pki.publish(
        "lotl-tampered.xml", trusted_lists.list_of_lists(signatures_pki, pointers={"BG": url})
    )
    with pytest.raises(CommandError, match="BG"):
        _refresh("--force")
    assert TrustedList.objects.get().services[0]["name"] == "Test QTSP Qualified CA"


def test_a_list_of_lists_signed_by_someone_else_is_refused(signatures_settings, signatures_pki):
    signatures_settings.SIGNATURES_LOTL_SIGNER_CERTS = str(signatures_pki.cert_path("tl-signer"))
    with pytest.raises(CommandError, match="LOTL"):
        _refresh()
    assert not TrustedList.objects.exists()


def test_an_unreachable_list_of_lists_is_a_clear_error(signatures_settings, signatures_pki):
    signatures_settings.SIGNATURES_LOTL_URL = f"{signatures_pki.url}/published/none.xml"
    with pytest.raises(CommandError, match="not refreshed"):
        _refresh()
