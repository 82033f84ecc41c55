"""A company's ЗДОИ request: the decision granting access goes to its e-Delivery profile.

Against the contract peer (tests/peer.py): a contract test, not the real e-Delivery.
"""

import pytest

from obshtina.correspondence.models import Correspondence
from obshtina.correspondence.services import procedure
from obshtina.correspondence.tests.factories import UnitFactory, file_document
from obshtina.correspondence.tests.procedure_helpers import GRANT_TERMS, pdf_files
from obshtina.organization.tests.factories import officer_of

from .helpers import COMPANY_EIK

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_decision_granting_access_reaches_the_companys_profile(edelivery_connector):
    edelivery_connector.add_profile(COMPANY_EIK)
    item = file_document(
        kind=Correspondence.Kind.ACCESS_REQUEST,
        addressee=UnitFactory(),
        sender_type=Correspondence.SenderType.COMPANY,
        organisation={"name": "Фирма ООД", "eik": COMPANY_EIK},
    )
    document = procedure.access_decide(
        item=item,
        actor=officer_of(item.unit),
        outcome="grant",
        text="Предоставя се достъп.",
        files=pdf_files(),
        **GRANT_TERMS,
    )
    [message] = edelivery_connector.messages.values()
    assert [f["name"] for f in message.files] == [f"{document.number}.txt", "решение.pdf"]
    assert "Решение за предоставяне на достъп" in message.subject
