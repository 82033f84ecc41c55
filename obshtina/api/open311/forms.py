"""What Open311 clients POST: a service request, form-encoded, multipart or JSON.

Bad input becomes ``Open311Error(400, …)`` with one description per problem, each
naming the parameter it is about.

Where a report is: ``lat`` and ``long`` (WGS84), or else a settlement of the
municipality named in ``address_string`` (its centre is used, as on the site's
form without a map). ``address_id`` means nothing to us, and ``media_url`` is
not fetched (the server would download whatever a client points it to); photos
come as ``media`` files in a multipart POST, cleaned like the site's uploads
(a JSON body carries no files).

The category's questions (its service definition's attributes) come as
``attribute[<code>]``, or in JSON also as an ``attribute`` object; they are checked
as the site's form checks them, an urgent danger refused with the category's notice.
Attributes the category does not ask are ignored.
"""

import json

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from obshtina.reports.forms import (
    ANSWER_MAX_LENGTH,
    ANSWER_PREFIX,
    URGENT_CHOICES,
    URGENT_FIELD,
    PhotosField,
    validate_description,
)
from obshtina.reports.models import Category

from .errors import Open311Error
from .queries import BOTH_COORDINATES
from .selectors import settlement_named_in

NO_PLACE = _(
    "Посочете мястото с lat и long (WGS84) или населено място от общината в address_string."
)
NAME_TOO_LONG = _("Името (first_name и last_name) е по-дълго от 200 знака.")
UNANSWERED = _("Отговорете на този въпрос.")
# How the service's error fields are called in Open311.
SERVICE_FIELDS = {"location": "lat, long", "category": "service_code", "__all__": ""}


class RequestSubmitForm(forms.Form):
    """The fields of POST requests.{fmt}, except api_key and service_code."""

    lat = forms.FloatField(required=False, min_value=-90, max_value=90)
    long = forms.FloatField(required=False, min_value=-180, max_value=180)
    address_string = forms.CharField(required=False, max_length=300)
    description = forms.CharField(
        max_length=4000,
        validators=[validate_description],  # as the site's form: a few words
        error_messages={"required": _("Опишете проблема.")},
    )
    first_name = forms.CharField(required=False, max_length=100)
    last_name = forms.CharField(required=False, max_length=100)
    email = forms.EmailField(required=False)
    phone = forms.CharField(required=False, max_length=40)
    media = PhotosField(required=False)

    def __init__(self, *args, category: Category, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        if category.urgent_question:
            self.fields[attribute(URGENT_FIELD)] = forms.ChoiceField(
                choices=URGENT_CHOICES, error_messages={"required": UNANSWERED}
            )
        for question in category.questions.all():
            self.fields[attribute(f"{ANSWER_PREFIX}{question.pk}")] = forms.CharField(
                label=question.label,
                required=question.is_required,
                max_length=ANSWER_MAX_LENGTH,
                error_messages={"required": UNANSWERED},
            )

    def clean(self):
        cleaned = super().clean()
        if self.category.urgent_notice and (
            not self.category.urgent_question or cleaned.get(attribute(URGENT_FIELD)) == "yes"
        ):
            # A category with a notice and no question takes no reports at all (as on the site).
            field = attribute(URGENT_FIELD) if self.category.urgent_question else None
            self.add_error(field, self.category.urgent_notice)
        if self.has_error("lat") or self.has_error("long"):
            return cleaned
        latitude, longitude = cleaned.get("lat"), cleaned.get("long")
        cleaned["settlement"] = None
        if (latitude is None) != (longitude is None):
            self.add_error(None, BOTH_COORDINATES)
        elif latitude is None:
            settlement = settlement_named_in(cleaned.get("address_string", ""))
            if settlement is None:
                self.add_error(None, NO_PLACE)
            else:
                cleaned["settlement"] = settlement
                cleaned["lat"] = float(settlement.latitude)
                cleaned["long"] = float(settlement.longitude)
        name = " ".join(
            part for part in (cleaned.get("first_name"), cleaned.get("last_name")) if part
        )
        if len(name) > 200:
            self.add_error(None, NAME_TOO_LONG)
        cleaned["name"] = name
        return cleaned

    def submission(self) -> dict:
        """Keyword arguments for ``services.open311_request_submit`` (without client, category)."""
        data = self.cleaned_data
        return {
            "description": data["description"],
            "latitude": data["lat"],
            "longitude": data["long"],
            "settlement": data["settlement"],
            "address": data["address_string"],
            "photos": data["media"],
            "submitter_name": data["name"],
            "submitter_email": data["email"],
            "submitter_phone": data["phone"],
            "answers": [
                {"question": self.fields[name].label, "answer": data[name].strip()}
                for name in self.fields
                if name.startswith(f"attribute[{ANSWER_PREFIX}") and data.get(name, "").strip()
            ],
        }

    def raise_errors(self):
        raise Open311Error(400, *error_descriptions(self.errors.get_json_data()))


def attribute(code: str) -> str:
    """The POSTed name of a service definition's attribute."""
    return f"attribute[{code}]"


def error_descriptions(errors: dict) -> list[str]:
    """``{"lat": [{"message": …}]}`` → ``["lat: …"]``; errors of no field stay bare."""
    descriptions = []
    for field, messages in errors.items():
        name = SERVICE_FIELDS.get(field, field)
        for message in messages:
            text = str(message["message"] if isinstance(message, dict) else message)
            descriptions.append(f"{name}: {text}" if name else text)
    return descriptions


JSON_CONTENT_TYPE = "application/json"
NOT_A_JSON_OBJECT = _(
    "Тялото е JSON: очаква се обект с полетата на сигнала, напр. "
    '{"api_key": "…", "service_code": "…", "description": "…", "lat": 42.33, "long": 23.55}.'
)
NESTED_VALUE = _("Стойността трябва да е текст, число, true/false или списък от такива.")


def submitted_fields(request) -> QueryDict:
    """The POSTed parameters: a form (url-encoded or multipart), or a JSON object with
    the same names (as Helsinki's server takes). Read once per request."""
    fields = getattr(request, "_open311_fields", None)
    if fields is None:
        if request.content_type == JSON_CONTENT_TYPE:
            fields = _json_fields(request.body)
        else:
            fields = request.POST
        request._open311_fields = fields
    return fields


def _json_fields(body: bytes) -> QueryDict:
    try:
        document = json.loads(body)
    except ValueError:  # also a body that is not UTF-8
        raise Open311Error(400, NOT_A_JSON_OBJECT) from None
    if not isinstance(document, dict):
        raise Open311Error(400, NOT_A_JSON_OBJECT)
    fields = QueryDict(mutable=True)
    answers = document.pop("attribute", None)
    if isinstance(answers, dict):  # {"attribute": {"answer_3": "…"}} as attribute[answer_3]
        document.update({attribute(str(code)): value for code, value in answers.items()})
    elif answers is not None:
        document["attribute"] = answers  # refused below if it is not a plain value
    for name, value in document.items():
        values = value if isinstance(value, list) else [value]
        if not all(_is_scalar(item) for item in values):
            raise Open311Error(400, f"{name[:80]}: {NESTED_VALUE}")
        fields.setlist(name, [_text(item) for item in values if item is not None])
    return fields


def _is_scalar(value) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
