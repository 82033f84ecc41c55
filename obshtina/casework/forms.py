"""The workspace's filters and its assignment form; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from obshtina.organization.selectors import unit_members

from . import workspace as ws

STAGE_CHOICES = [
    ("", _("Всички отворени")),
    (ws.STAGE_NEW, _("Нови")),
    (ws.STAGE_WORKING, _("В работа")),
    (ws.STAGE_WAITING, _("Чакат гражданина")),
    (ws.STAGE_DONE, _("Приключени")),
]
DUE_CHOICES = [
    ("", _("Всички")),
    (ws.DUE_OVERDUE, _("Просрочени")),
    (ws.DUE_TODAY, _("Със срок днес")),
    (ws.DUE_WEEK, _("Със срок тази седмица")),
    (ws.DUE_NONE, _("Без срок")),
]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return ws.person_name(obj)


class NoteForm(forms.Form):
    """An internal note on any item's staff page."""

    note = forms.CharField(
        label=_("Вътрешна бележка"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Напишете бележката.")},
        help_text=_("Вижда се само от служителите; гражданинът не я получава."),
    )


class ItemAssignForm(forms.Form):
    """Give any item to an official of its unit; the service checks it again."""

    assignee = PersonChoiceField(
        label=_("Служител"),
        queryset=None,
        error_messages={
            "required": _("Изберете служител."),
            "invalid_choice": _("Възлага се само на служител от звеното."),
        },
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = unit_members(item.unit)


ORDER_CHOICES = [
    (ws.ORDER_DUE, _("Най-близкият срок първи")),
    (ws.ORDER_NEWEST, _("Най-новите първи")),
]


class WorkFilterForm(forms.Form):
    """The workspace's filters. Once the list is narrowed to one kind, that kind's
    statuses and its own filters (a report's category, a question's topic) are
    offered too: the page is also each kind's detailed queue."""

    kind = forms.ChoiceField(label=_("Вид"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Звено"), required=False, queryset=None, empty_label=_("Всички")
    )
    stage = forms.ChoiceField(label=_("Етап"), required=False, choices=STAGE_CHOICES)
    assignee = forms.ChoiceField(label=_("Отговорен"), required=False)
    due = forms.ChoiceField(label=_("Срок"), required=False, choices=DUE_CHOICES)
    q = forms.CharField(
        label=_("Търсене по номер или текст"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
    )
    order = forms.ChoiceField(label=_("Подредба"), required=False, choices=ORDER_CHOICES)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Всички")), *ws.work_kinds()]
        self.fields["unit"].queryset = ws.units_for_filter(user)
        self.fields["assignee"].choices = [
            ("", _("Всеки")),
            (ws.ASSIGNEE_ME, _("Аз")),
            (ws.ASSIGNEE_NOBODY, _("Никой (невъзложени)")),
            *((str(person.pk), ws.person_name(person)) for person in ws.colleagues_of(user)),
        ]
        self.source = ws.source_of_kind(self.data.get("kind", "")) if self.is_bound else None
        if self.source is not None:
            self._add_fields_of(self.source)

    def _add_fields_of(self, source: ws.WorkSource) -> None:
        if source.statuses is not None:
            self.fields["status"] = forms.ChoiceField(
                label=_("Състояние (вместо етапа)"),
                required=False,
                choices=[("", _("Всички")), *source.statuses.choices],
            )
        for kind_filter in source.filters:
            self.fields[kind_filter.name] = forms.ModelChoiceField(
                label=kind_filter.label,
                required=False,
                queryset=kind_filter.choices(),
                empty_label=_("Всички"),
            )

    def filters(self) -> ws.WorkFilters:
        """The filters that are valid; a bad one is ignored (and shown with its error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        unit = data.get("unit")
        extra = {}
        if self.source is not None:
            extra = {f.name: data[f.name] for f in self.source.filters if data.get(f.name)}
        return ws.WorkFilters(
            kind=data.get("kind", ""),
            unit_id=unit.pk if unit else None,
            stage=data.get("stage", ""),
            assignee=data.get("assignee", ""),
            due=data.get("due", ""),
            search=data.get("q", ""),
            status=data.get("status", ""),
            extra=extra,
            order=data.get("order") or ws.ORDER_DUE,
        )


class AssignForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("Избрани"),
        error_messages={"required": _("Изберете поне един документ.")},
    )
    assignee = PersonChoiceField(
        label=_("Възложи на"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Изберете служител от списъка.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = ws.colleagues_of(user)
        keys = self.data.getlist("items") if hasattr(self.data, "getlist") else []
        self.fields["items"].choices = [(key, key) for key in keys]
