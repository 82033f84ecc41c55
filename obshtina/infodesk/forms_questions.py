"""Forms for questions: the citizen's "Задай въпрос" and the staff's answer, FAQ and filters.

Forms check what a form can; the rules live in ``services.questions`` and come
back as errors next to the fields they name.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from obshtina.core.forms import PublicSubmissionForm
from obshtina.core.phones import BulgarianPhoneTextField

from .models import Question
from .selectors.questions import question_topics
from .services.questions import TEXT_MAX_LENGTH


class AskForm(PublicSubmissionForm):
    honeypot_message = _(
        "Въпросът не е приет: попълнено е скритото поле „Оставете това поле "
        "празно“, което попълват само програми за спам. Ако сте човек, изчистете "
        "го или се обадете на контактния център."
    )
    topic = forms.ModelChoiceField(
        label=_("Тема"),
        queryset=question_topics(),
        empty_label=_("– изберете –"),
        error_messages={"required": _("Изберете тема.")},
    )
    text = forms.CharField(
        label=_("Вашият въпрос"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Напишете въпроса си.")},
        help_text=_(
            "Текстът на въпроса не се публикува; публични са темата, състоянието и отговорът."
        ),
    )
    name = forms.CharField(label=_("Име"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Имейл"),
        required=False,
        help_text=_("За да получите номера, лична връзка към въпроса и отговора по имейл."),
        error_messages={"invalid": _("Въведете валиден имейл адрес, напр. ivan@example.bg.")},
    )
    phone = BulgarianPhoneTextField(
        label=_("Телефон"),
        required=False,
        help_text=_("Български номер, напр. 0888 123 456."),
    )

    def submission(self) -> dict:
        """Keyword arguments for ``question_submit`` (without ``author``)."""
        data = self.cleaned_data
        return {
            "topic": data["topic"],
            "text": data["text"],
            "asker_name": data["name"],
            "asker_email": data["email"],
            "asker_phone": data["phone"],
            "channel": Question.Channel.WEB,
        }


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Отговор"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Напишете отговора.")},
        help_text=_("Изпраща се на питащия и се показва на публичната страница на въпроса."),
    )


class FaqForm(forms.Form):
    faq_question = forms.CharField(
        label=_("Въпрос за публикуване"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Напишете въпроса за публикуване.")},
        help_text=_("Премахнете имена, адреси, телефони и всичко, което сочи към питащия."),
    )
    faq_answer = forms.CharField(
        label=_("Отговор за публикуване"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Напишете отговора за публикуване.")},
    )
