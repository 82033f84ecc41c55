"""Fetching the EU list of lists (LOTL) and the member states' trusted lists.

The signatures of both are checked (XAdES, by pyHanko with signxml): the LOTL's with
the certificates of SIGNATURES_LOTL_SIGNER_CERTS (or those pyHanko bundles), each
national list's with the certificates the LOTL names for it."""

import logging
import urllib.error
import urllib.request
from datetime import timedelta

from asn1crypto import pem, x509
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from pyhanko.keys import load_certs_from_pemder
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.qualified import eutl_parse
from pyhanko.sign.validation.qualified.tsp import CAServiceInformation, TSPServiceParsingError

from ..models import TrustedList
from .errors import TrustedListError

logger = logging.getLogger(__name__)

REFRESH_AFTER = timedelta(hours=23)


def _fetch(url: str) -> str:
    request = urllib.request.Request(
        url, headers={"Accept": "application/vnd.etsi.tsl+xml, text/xml"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SIGNATURES_FETCH_TIMEOUT) as answer:
            return answer.read().decode("utf-8")
    except (urllib.error.URLError, TimeoutError, UnicodeDecodeError) as error:
        raise TrustedListError(f"{url}: {error}") from error


def lotl_signer_certificates() -> list[x509.Certificate]:
    path = settings.SIGNATURES_LOTL_SIGNER_CERTS
    if path:
        return list(load_certs_from_pemder([path]))
    return eutl_parse.latest_known_lotl_tlso_certs()


def _pem(certs: list[x509.Certificate]) -> str:
    return "".join(pem.armor("CERTIFICATE", cert.dump()).decode() for cert in certs)


def _services_summary(xml: str) -> list[dict]:
    """What the list says, for the admin: each granted CA/QC service period."""
    summary = []
    definitions = eutl_parse.read_qualified_service_definitions(xml)
    try:
        while True:
            service = next(definitions)
            if not isinstance(service, CAServiceInformation):
                continue
            info = service.base_info
            summary.append(
                {
                    "name": info.service_name,
                    "type": info.service_type,
                    "granted_from": info.valid_from.isoformat(),
                    "granted_until": info.valid_until.isoformat() if info.valid_until else None,
                    "certificates": [cert.subject.human_friendly for cert in info.provider_certs],
                }
            )
    except StopIteration:
        pass
    return summary


def trusted_lists_refresh(*, force: bool = False) -> list[TrustedList]:
    """Fetch the LOTL and the lists of SIGNATURES_TRUSTED_LIST_TERRITORIES, check their
    signatures and keep them. Without `force`, lists fetched within the last day are
    left as they are (the lists change seldom; their operators ask not to be polled).

    Raises TrustedListError when the LOTL or a list cannot be had; what was kept
    before stays in use."""
    territories = [code.upper() for code in settings.SIGNATURES_TRUSTED_LIST_TERRITORIES]
    fresh_since = timezone.now() - REFRESH_AFTER
    kept = TrustedList.objects.filter(territory__in=territories)
    if (
        not force
        and len(kept) == len(territories)
        and all(item.fetched_at >= fresh_since for item in kept)
    ):
        return list(kept)
    try:
        lotl = eutl_parse.validate_and_parse_lotl(
            _fetch(settings.SIGNATURES_LOTL_URL), lotl_signer_certificates()
        )
    except (SignatureValidationError, TSPServiceParsingError) as error:
        raise TrustedListError(f"LOTL: {error}") from error
    references = {reference.territory.upper(): reference for reference in lotl.references}
    refreshed = []
    for territory in territories:
        reference = references.get(territory)
        if reference is None:
            raise TrustedListError(f"LOTL names no trusted list for {territory}")
        xml = _fetch(reference.location_uri)
        try:
            _, errors = eutl_parse.trust_list_to_registry(xml, reference.tlso_certs)
        except (SignatureValidationError, TSPServiceParsingError) as error:
            raise TrustedListError(f"{territory}: {error}") from error
        for error in errors:
            logger.warning("Trusted list %s: a service was skipped: %s", territory, error)
        refreshed.append(_keep(territory=territory, reference=reference, xml=xml))
    return refreshed


def _keep(*, territory: str, reference, xml: str) -> TrustedList:
    scheme = eutl_parse._raw_tl_parse(xml).scheme_information
    issued_at = scheme.list_issue_date_time.to_datetime() if scheme.list_issue_date_time else None
    next_update = (
        scheme.next_update.date_time.to_datetime()
        if scheme.next_update and scheme.next_update.date_time
        else None
    )
    with transaction.atomic():
        trusted_list, _ = TrustedList.objects.update_or_create(
            territory=territory,
            defaults={
                "location": reference.location_uri,
                "xml": xml,
                "signer_certificates": _pem(reference.tlso_certs),
                "issued_at": issued_at,
                "next_update": next_update,
                "services": _services_summary(xml),
                "fetched_at": timezone.now(),
            },
        )
    logger.info("Trusted list %s refreshed", territory)
    return trusted_list
