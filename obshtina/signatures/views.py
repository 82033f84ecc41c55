from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from obshtina.correspondence.models import Attachment
from obshtina.correspondence.selectors.desk import staff_can_view_item

from .services.checks import attachment_signatures_recheck


@require_POST
@login_required
def recheck(request, pk: int):
    """Staff: check a filed file's signatures again."""
    attachment = Attachment.objects.select_related("correspondence").filter(pk=pk).first()
    if attachment is None or not staff_can_view_item(request.user, attachment.correspondence):
        raise Http404
    attachment_signatures_recheck(attachment=attachment)
    messages.success(request, _("Подписите се проверяват отново."))
    return redirect("correspondence:manage", number=attachment.correspondence.number)
