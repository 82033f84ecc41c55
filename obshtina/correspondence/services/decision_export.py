"""A decision on an access request, ready to enter on the national platform: the
decision as a PDF document (``decision_pdf``) and the data its form asks for
(``decision_data``).

``decision_pdf`` returns the same bytes for the same decision (its dates come from
the decision, not from the clock), so the signing of outgoing documents can sign
exactly them. The requester's personal data are not in the data: the platform
already has them; the PDF names the requester as the decision itself does.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ..models import AccessRequest, Correspondence, OutgoingDocument
from .access_terms import RefusalGround

DECISION_KINDS = (
    OutgoingDocument.Kind.DECISION_GRANT,
    OutgoingDocument.Kind.DECISION_PARTIAL,
    OutgoingDocument.Kind.DECISION_REFUSE,
)
OUTCOMES = {
    OutgoingDocument.Kind.DECISION_GRANT: "grant",
    OutgoingDocument.Kind.DECISION_PARTIAL: "partial",
    OutgoingDocument.Kind.DECISION_REFUSE: "refuse",
}
FONT = "DejaVu"


def decision_of(item: Correspondence) -> OutgoingDocument | None:
    """The request's decision (the latest, should there be more than one)."""
    if not item.is_access_request:
        return None
    return (
        item.outgoing_documents.filter(kind__in=DECISION_KINDS)
        .select_related("created_by", "correspondence__access_request")
        .order_by("-created_at", "-pk")
        .first()
    )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _show(day: date | None) -> str:
    return date_format(day, "d.m.Y") if day else "—"


def _official(document: OutgoingDocument) -> str:
    user = document.created_by
    return (user.get_full_name() or user.email) if user else ""


def decision_data(document: OutgoingDocument) -> dict:
    """The fields the platform's form asks for, as JSON-ready values (ISO dates)."""
    item = document.correspondence
    access = item.access_request
    details = document.details or {}
    decided_on = _day(details.get("decided_on")) or timezone.localdate(document.created_at)
    due_on = _day(details.get("due_on"))
    ground = details.get("refusal_ground", "")
    form = details.get("form_of_access", "")
    with override("bg"):
        return {
            "platform_number": access.platform_number,
            "request": {
                "registry_number": item.number,
                "registered_on": timezone.localdate(item.registered_at).isoformat(),
                "subject": item.subject,
                "information_description": access.information_description,
                "requested_form_of_access": access.access_form,
            },
            "clarification": {
                "requested_on": _iso(access.clarification_requested_on),
                "clarified_on": _iso(access.clarified_on),
            },
            "extensions": [
                {
                    "reason": notice.details.get("reason", ""),
                    "days": notice.details.get("days"),
                    "due_on": notice.details.get("due_on", ""),
                }
                for notice in item.outgoing_documents.filter(
                    kind=OutgoingDocument.Kind.EXTENSION_NOTICE
                ).order_by("created_at", "pk")
            ],
            "decision": {
                "registry_number": document.number,
                "decided_on": decided_on.isoformat(),
                "kind": OUTCOMES.get(document.kind, document.kind),
                "kind_label": document.get_kind_display(),
                "due_on": _iso(due_on),
                "in_time": due_on is None or decided_on <= due_on,
                "text": document.text,
                "form_of_access": form,
                "form_of_access_label": str(AccessRequest.AccessForm(form).label) if form else "",
                "place": details.get("place", ""),
                "time_limit_days": details.get("time_limit_days"),
                "costs": details.get("costs", ""),
                "refusal_ground": ground,
                "refusal_ground_label": str(RefusalGround(ground).label) if ground else "",
                "appeal_info": details.get("appeal_info", ""),
                "official": _official(document),
            },
        }


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


class _DecisionPdf(FPDF):
    def footer(self):
        self.set_y(-15)
        self.set_font(FONT, size=8)
        self.cell(0, 10, f"{self.page_no()}/{{nb}}", align="C")


def _fonts(pdf: FPDF) -> None:
    try:
        pdf.add_font(FONT, "", settings.ACCESS_PLATFORM_PDF_FONT)
        pdf.add_font(FONT, "B", settings.ACCESS_PLATFORM_PDF_BOLD_FONT)
    except FileNotFoundError as error:
        raise ImproperlyConfigured(
            "ACCESS_PLATFORM_PDF_FONT: no such font (Debian: apt-get install fonts-dejavu-core)."
        ) from error


def _lines(pdf: FPDF, width, height, text: str, **options) -> None:
    """A paragraph; the next one starts at the left margin below it."""
    pdf.multi_cell(width, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **options)


def decision_pdf(document: OutgoingDocument) -> bytes:
    """The decision as a PDF: the municipality, the decision's number and date, the
    request's platform and registry numbers, the decision's kind, text and terms, and
    the official. Deterministic for a given decision."""
    data = decision_data(document)
    item = document.correspondence
    decision = data["decision"]
    with override("bg"):
        pdf = _DecisionPdf(format="A4")
        pdf.set_creation_date(document.created_at)
        pdf.set_title(f"{decision['kind_label']} {document.number}")
        pdf.set_author(item.municipality.name)
        pdf.set_lang("bg")
        _fonts(pdf)
        pdf.set_margins(20, 20, 20)
        pdf.add_page()
        pdf.set_font(FONT, "B", 15)
        _lines(pdf, 0, 8, item.municipality.name.upper(), align="C")
        pdf.set_font(FONT, size=9)
        _lines(pdf, 0, 5, item.municipality.address, align="C")
        pdf.ln(8)
        pdf.set_font(FONT, "B", 13)
        _lines(pdf, 0, 7, decision["kind_label"].upper(), align="C")
        pdf.set_font(FONT, size=11)
        _lines(
            pdf,
            0,
            6,
            _("№ %(number)s от %(date)s")
            % {"number": document.number, "date": _show(_day(decision["decided_on"]))},
            align="C",
        )
        pdf.ln(6)
        facts = [
            (
                _("По заявление вх. №"),
                f"{item.number} / {_show(_day(data['request']['registered_on']))}",
            ),
            (
                _("Номер в Платформата за достъп до обществена информация"),
                data["platform_number"] or "—",
            ),
            (_("Заявител"), item.sender_name),
            (_("Относно"), item.subject),
            (_("Искана информация"), data["request"]["information_description"]),
        ]
        if decision["form_of_access_label"]:
            facts += [
                (_("Форма на достъп"), decision["form_of_access_label"]),
                (_("Място"), decision["place"]),
                (
                    _("Срок за достъп"),
                    _("%(days)s дни от получаване на решението")
                    % {"days": decision["time_limit_days"]},
                ),
                (_("Разходи"), decision["costs"]),
            ]
        if decision["refusal_ground_label"]:
            facts.append((_("Основание за отказ"), decision["refusal_ground_label"]))
        for label, value in facts:
            pdf.set_font(FONT, "B", 10)
            _lines(pdf, 0, 5, label)
            pdf.set_font(FONT, size=10)
            _lines(pdf, 0, 5, str(value))
            pdf.ln(2)
        pdf.ln(3)
        pdf.set_font(FONT, "B", 11)
        _lines(pdf, 0, 6, _("Мотиви и решение"))
        pdf.set_font(FONT, size=11)
        _lines(pdf, 0, 6, decision["text"] or "—")
        if decision["appeal_info"]:
            pdf.ln(3)
            pdf.set_font(FONT, size=10)
            _lines(
                pdf,
                0,
                5,
                _("Решението може да се обжалва %(appeal)s.") % {"appeal": decision["appeal_info"]},
            )
        pdf.ln(12)
        pdf.set_font(FONT, size=11)
        _lines(pdf, 0, 6, _("Длъжностно лице: %(name)s") % {"name": decision["official"] or "—"})
        return bytes(pdf.output())
