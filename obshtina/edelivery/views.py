"""e-Delivery's push notifications: "this message of yours was delivered".

The notification is a plain POST from ССЕВ without a signature, so it is only a hint:
it makes us read the message's status through the authenticated API, which is what is
recorded. Anyone may send the hint: one naming a message that is not ours, or not
waiting for news, is answered alike and queues nothing.
"""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from obshtina.organization.selectors import current_municipality

from .services import delivery_awaits_status, edelivery_enabled
from .tasks import check_delivery_message

EVENT_TYPES = ("Received", "Delivered")


@csrf_exempt
@require_POST
def push_notification(request):
    if not edelivery_enabled():
        raise Http404
    try:
        body = json.loads(request.body or b"{}")
        event_type = body["EventType"]
        message_id = int(body["MessageId"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "Очаква се JSON с EventType и MessageId."}, status=400)
    if event_type not in EVENT_TYPES:
        return JsonResponse({"error": "Непознат EventType."}, status=400)
    if delivery_awaits_status(message_id=message_id):
        check_delivery_message.enqueue(current_municipality().pk, message_id)
    return HttpResponse(status=202)
