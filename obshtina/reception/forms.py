"""The citizens' forms of reception hours: requesting a slot and cancelling a meeting.
(Staff forms are in forms_staff.py.)"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from obshtina.core.forms import ServiceErrorsMixin

from .services.booking import DOCUMENT_NUMBER_MAX_LENGTH, TOPIC_MAX_LENGTH
from .services.decisions import REASON_MAX_LENGTH


class AppointmentRequestForm(ServiceErrorsMixin, forms.Form):
    """What the citizen tells about the meeting they ask for; the slot comes from the URL
    (or from the button of another free slot the page offers)."""

    topic = forms.CharField(
        label=pgettext_lazy("meeting", "Тема на срещата"),
        max_length=TOPIC_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("С какъв въпрос идвате? Например „Разрешение за строеж в кв. Ширине“."),
        error_messages={"required": _("Напишете темата на срещата.")},
    )
    document_number = forms.CharField(
        label=_("Номер на документ (по избор)"),
        max_length=DOCUMENT_NUMBER_MAX_LENGTH,
        required=False,
        help_text=_("Номер на документ/преписка, по която искате среща."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    wants_video = forms.BooleanField(
        label=_("Желая видеоконсултация"),
        required=False,
        help_text=_(
            "Срещата е по видеовръзка в браузъра, без инсталиране. Връзката ще получите, "
            "когато срещата бъде одобрена."
        ),
    )

    def __init__(self, *args, schedule, **kwargs):
        super().__init__(*args, **kwargs)
        if not schedule.offers_video:
            del self.fields["wants_video"]

    def request_values(self) -> dict:
        """Keyword arguments for ``appointment_request`` (without schedule, slot and author)."""
        data = self.cleaned_data
        return {
            "topic": data["topic"],
            "document_number": data["document_number"],
            "wants_video": bool(data.get("wants_video")),
        }


class AppointmentCancelForm(ServiceErrorsMixin, forms.Form):
    """The citizen calls off an upcoming meeting; the reason goes to the official."""

    reason = forms.CharField(
        label=_("Причина за отказа"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Служителят ще я види. Часът се освобождава за други граждани."),
        error_messages={"required": _("Посочете причина за отказа.")},
    )
