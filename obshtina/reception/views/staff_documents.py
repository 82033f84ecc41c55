"""The document a citizen cited for a meeting, read by the meeting's official.

The seed: the official reads the document and its files behind the number the
citizen gave. A document the same citizen filed on the platform opens here read
only, for the official of the meeting's schedule; each reading goes into the
document's history and into the record of who looked at personal data.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from obshtina.audit.models import AccessRecord
from obshtina.audit.services import access_record
from obshtina.core.downloads import private_file_response
from obshtina.correspondence.selectors.citizen import document_of_citizen
from obshtina.correspondence.services.desk import correspondence_read_for_meeting

from .staff import _managed_or_404, desk_only


def _cited_or_404(request, number: str):
    appointment = _managed_or_404(request, number)
    item = document_of_citizen(number=appointment.document_number, citizen=appointment.author)
    if item is None:
        raise Http404
    return appointment, item


@desk_only
@require_GET
@never_cache
def cited_document(request, number: str):
    appointment, item = _cited_or_404(request, number)
    correspondence_read_for_meeting(item=item, actor=request.user, meeting_number=number)
    access_record(request, item)
    return render(
        request,
        "reception/staff_document.html",
        {"appointment": appointment, "item": item, "files": item.filed_files},
    )


@desk_only
@require_GET
@never_cache
def cited_document_file(request, number: str, pk: int):
    _appointment, item = _cited_or_404(request, number)
    file = next((file for file in item.filed_files if file.pk == pk), None)
    if file is None:
        raise Http404
    response = private_file_response(file)
    correspondence_read_for_meeting(item=item, actor=request.user, meeting_number=number)
    access_record(
        request,
        item,
        what=AccessRecord.What.FILE,
        how=AccessRecord.How.FILE,
        file_name=file.original_name,
    )
    return response
