# ruff: noqa: E501  (XML templates read better unbroken)
"""Small ETSI TS 119 612 trusted lists for the tests, signed (XAdES, enveloped) by
the test PKI's scheme operators: a national list naming the test CA as granted, and
a list of lists pointing to it."""

import base64
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

from lxml import etree
from signxml.xades import XAdESSigner

TSL_NS = "http://uri.etsi.org/02231/v2#"
TRSTSVC = "http://uri.etsi.org/TrstSvc"
GRANTED = f"{TRSTSVC}/TrustedList/Svcstatus/granted"
WITHDRAWN = f"{TRSTSVC}/TrustedList/Svcstatus/withdrawn"
CA_QC = f"{TRSTSVC}/Svctype/CA/QC"
QTST = f"{TRSTSVC}/Svctype/TSA/QTST"
TSL_MIME = "application/vnd.etsi.tsl+xml"


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _b64(cert) -> str:
    return base64.b64encode(cert.dump()).decode()


def _scheme_information(*, territory: str, tsl_type: str, now: datetime, pointers: str = "") -> str:
    return f"""
  <tsl:SchemeInformation>
    <tsl:TSLVersionIdentifier>6</tsl:TSLVersionIdentifier>
    <tsl:TSLSequenceNumber>1</tsl:TSLSequenceNumber>
    <tsl:TSLType>{tsl_type}</tsl:TSLType>
    <tsl:SchemeOperatorName><tsl:Name xml:lang="en">Test scheme operator {territory}</tsl:Name></tsl:SchemeOperatorName>
    <tsl:SchemeName><tsl:Name xml:lang="en">{territory}: test trusted list</tsl:Name></tsl:SchemeName>
    <tsl:SchemeInformationURI><tsl:URI xml:lang="en">https://example.invalid/{territory}.html</tsl:URI></tsl:SchemeInformationURI>
    <tsl:StatusDeterminationApproach>{TRSTSVC}/TrustedList/StatusDetn/EUappropriate</tsl:StatusDeterminationApproach>
    <tsl:SchemeTerritory>{territory}</tsl:SchemeTerritory>
    {pointers}
    <tsl:ListIssueDateTime>{_when(now)}</tsl:ListIssueDateTime>
    <tsl:NextUpdate><tsl:dateTime>{_when(now + timedelta(days=180))}</tsl:dateTime></tsl:NextUpdate>
  </tsl:SchemeInformation>"""


def _service(
    *, name: str, cert, status: str, since: datetime, history: str = "", service_type: str = CA_QC
) -> str:
    return f"""
      <tsl:TSPService>
        <tsl:ServiceInformation>
          <tsl:ServiceTypeIdentifier>{service_type}</tsl:ServiceTypeIdentifier>
          <tsl:ServiceName><tsl:Name xml:lang="en">{escape(name)}</tsl:Name></tsl:ServiceName>
          <tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>{_b64(cert)}</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>
          <tsl:ServiceStatus>{status}</tsl:ServiceStatus>
          <tsl:StatusStartingTime>{_when(since)}</tsl:StatusStartingTime>
          <tsl:ServiceInformationExtensions>
            <tsl:Extension Critical="false"><tsl:AdditionalServiceInformation><tsl:URI xml:lang="en">{TRSTSVC}/TrustedList/SvcInfoExt/ForeSignatures</tsl:URI></tsl:AdditionalServiceInformation></tsl:Extension>
            <tsl:Extension Critical="false"><tsl:AdditionalServiceInformation><tsl:URI xml:lang="en">{TRSTSVC}/TrustedList/SvcInfoExt/ForeSeals</tsl:URI></tsl:AdditionalServiceInformation></tsl:Extension>
          </tsl:ServiceInformationExtensions>
        </tsl:ServiceInformation>{history}
      </tsl:TSPService>"""


def _sign(xml: str, pki, signer: str) -> bytes:
    root = etree.fromstring(xml.encode())
    signed = XAdESSigner().sign(
        root,
        key=pki.key_path(signer).read_bytes(),
        cert=[pki.cert_path(signer).read_text()],
    )
    return etree.tostring(signed, xml_declaration=True, encoding="UTF-8")


def national_trusted_list(pki, *, territory: str = "BG", ca_status: str = GRANTED) -> bytes:
    """The member state's list: the test QTSP with its qualified CA, granted since
    a year ago (and, in its history, under accreditation before that)."""
    now = datetime.now(UTC).replace(microsecond=0)
    since = now - timedelta(days=365)
    history = f"""
        <tsl:ServiceHistory><tsl:ServiceHistoryInstance>
          <tsl:ServiceTypeIdentifier>{CA_QC}</tsl:ServiceTypeIdentifier>
          <tsl:ServiceName><tsl:Name xml:lang="en">Test QTSP Qualified CA</tsl:Name></tsl:ServiceName>
          <tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>{_b64(pki.cert("ca"))}</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>
          <tsl:ServiceStatus>{TRSTSVC}/TrustedList/Svcstatus/accredited</tsl:ServiceStatus>
          <tsl:StatusStartingTime>{_when(since - timedelta(days=300))}</tsl:StatusStartingTime>
        </tsl:ServiceHistoryInstance></tsl:ServiceHistory>"""
    services = _service(
        name="Test QTSP TSA",
        cert=pki.cert("tsa"),
        status=GRANTED,
        since=since,
        service_type=QTST,
    ) + _service(
        name="Test QTSP Qualified CA",
        cert=pki.cert("ca"),
        status=ca_status,
        since=since,
        history=history,
    )
    xml = f"""<tsl:TrustServiceStatusList xmlns:tsl="{TSL_NS}" Id="TSL" TSLTag="http://uri.etsi.org/19612/TSLTag">
{_scheme_information(territory=territory, tsl_type=f"{TRSTSVC}/TrustedList/TSLType/EUgeneric", now=now)}
  <tsl:TrustServiceProviderList>
    <tsl:TrustServiceProvider>
      <tsl:TSPInformation>
        <tsl:TSPName><tsl:Name xml:lang="bg">Тестов доставчик ЕООД</tsl:Name></tsl:TSPName>
        <tsl:TSPInformationURI><tsl:URI xml:lang="en">https://example.invalid/qtsp</tsl:URI></tsl:TSPInformationURI>
      </tsl:TSPInformation>
      <tsl:TSPServices>{services}
      </tsl:TSPServices>
    </tsl:TrustServiceProvider>
  </tsl:TrustServiceProviderList>
</tsl:TrustServiceStatusList>"""
    return _sign(xml, pki, "tl-signer")


def list_of_lists(pki, *, pointers: dict[str, str]) -> bytes:
    """The EU list of lists, pointing to each territory's list (territory → URL),
    every one signed by the test PKI's "tl-signer"."""
    now = datetime.now(UTC).replace(microsecond=0)
    entries = "".join(
        f"""
      <tsl:OtherTSLPointer>
        <tsl:ServiceDigitalIdentities><tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>{_b64(pki.cert("tl-signer"))}</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity></tsl:ServiceDigitalIdentities>
        <tsl:TSLLocation>{escape(url)}</tsl:TSLLocation>
        <tsl:AdditionalInformation>
          <tsl:OtherInformation><tsl:TSLType>{TRSTSVC}/TrustedList/TSLType/EUgeneric</tsl:TSLType></tsl:OtherInformation>
          <tsl:OtherInformation><tsl:SchemeTerritory>{territory}</tsl:SchemeTerritory></tsl:OtherInformation>
          <tsl:OtherInformation><tsl:SchemeTypeCommunityRules><tsl:URI xml:lang="en">{TRSTSVC}/TrustedList/schemerules/EUcommon</tsl:URI></tsl:SchemeTypeCommunityRules></tsl:OtherInformation>
          <tsl:OtherInformation><ns3:MimeType xmlns:ns3="http://uri.etsi.org/02231/v2/additionaltypes#">{TSL_MIME}</ns3:MimeType></tsl:OtherInformation>
        </tsl:AdditionalInformation>
      </tsl:OtherTSLPointer>"""
        for territory, url in pointers.items()
    )
    pointers_xml = f"<tsl:PointersToOtherTSL>{entries}</tsl:PointersToOtherTSL>"
    xml = f"""<tsl:TrustServiceStatusList xmlns:tsl="{TSL_NS}" Id="LOTL" TSLTag="http://uri.etsi.org/19612/TSLTag">
{_scheme_information(territory="EU", tsl_type=f"{TRSTSVC}/TrustedList/TSLType/EUlistofthelists", now=now, pointers=pointers_xml)}
</tsl:TrustServiceStatusList>"""
    return _sign(xml, pki, "lotl-signer")
