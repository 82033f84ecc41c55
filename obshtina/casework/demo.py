"""Answer templates for Община Самоков: the everyday answers to reports, questions
and letters, and the access-to-information notices and decisions.

Like the other demo loaders: what is missing is created (matched by title and
kind), what an editor has changed is never overwritten, and running it again
changes nothing. Templates are checked by the same rules as on the staff pages.
"""

from dataclasses import dataclass

from django.db import transaction

from obshtina.infodesk.models import QuestionTopic
from obshtina.reports.models import Category

from .models import AnswerTemplate

Kind = AnswerTemplate.Kind
Step = AnswerTemplate.Step
SIGNATURE = "\n\nС уважение,\n{звено}, Община Самоков"


@dataclass(frozen=True)
class DemoTemplate:
    title: str
    kind: str
    text: str
    status: str = ""
    step: str = ""
    category: str = ""  # a report category's slug
    topic: str = ""  # a question topic's name


TEMPLATES = [
    DemoTemplate(
        "Сигналът е приет",
        Kind.REPORT,
        "Благодарим Ви за сигнал № {номер} от {дата}. Сигналът е приет и е насочен към "
        "{звено}. Ще Ви уведомим, когато проблемът бъде решен.",
        status="accepted",
    ),
    DemoTemplate(
        "Сигналът е решен",
        Kind.REPORT,
        "Проблемът по сигнал № {номер} е отстранен. Благодарим Ви, че помагате Самоков да "
        "бъде по-добро място за живеене.",
        status="resolved",
    ),
    DemoTemplate(
        "Препратен по компетентност",
        Kind.REPORT,
        "Сигнал № {номер} е извън правомощията на общината и е препратен по компетентност. "
        "Отговор ще получите от институцията, към която е препратен.",
        status="forwarded",
    ),
    DemoTemplate(
        "Отказ – частен имот",
        Kind.REPORT,
        "Сигнал № {номер} се отнася до частен имот, за който общината не отговаря. "
        "Собственикът носи отговорност за поддръжката му.",
        status="rejected",
    ),
    DemoTemplate(
        "Осветление – възложено на поддръжката",
        Kind.REPORT,
        "Повредата по сигнал № {номер} е възложена на фирмата, която поддържа уличното "
        "осветление. Ремонтът се извършва до 14 дни.",
        category="osvetlenie",
    ),
    DemoTemplate(
        "Отговор на въпрос",
        Kind.QUESTION,
        "По Вашия въпрос № {номер} от {дата}:\n\n…\n\nАко имате още въпроси, обадете се на "
        "контактния център." + SIGNATURE,
        status="answered",
    ),
    DemoTemplate(
        "Местни данъци – срокове за плащане",
        Kind.QUESTION,
        "Данъкът върху недвижимите имоти и таксата за битови отпадъци се плащат на две "
        "вноски: до 30 юни и до 31 октомври. При плащане на цялата сума до 30 април се "
        "ползва отстъпка 5 %." + SIGNATURE,
        topic="Местни данъци и такси",
    ),
    DemoTemplate(
        "Отговор на писмо",
        Kind.LETTER,
        "Уважаеми/а {име},\n\nВъв връзка с Ваше писмо с вх. № {номер} от {дата} Ви "
        "уведомяваме, че …" + SIGNATURE,
        status="answered",
    ),
    DemoTemplate(
        "Отговор на жалба",
        Kind.COMPLAINT,
        "Уважаеми/а {име},\n\nВашата жалба с вх. № {номер} от {дата} е разгледана. "
        "Извършената проверка установи, че …" + SIGNATURE,
        status="answered",
    ),
    DemoTemplate(
        "Благодарност за предложението",
        Kind.PROPOSAL,
        "Уважаеми/а {име},\n\nБлагодарим Ви за предложението с вх. № {номер} от {дата}. "
        "То ще бъде обсъдено и ще Ви уведомим за решението." + SIGNATURE,
        status="answered",
    ),
    DemoTemplate(
        "Уточняване на предмета (чл. 29 ЗДОИ)",
        Kind.ACCESS_REQUEST,
        "Уважаеми/а {име},\n\nОт заявление № {номер} от {дата} не става ясно каква точно "
        "информация искате. На основание чл. 29, ал. 1 ЗДОИ Ви молим в 30-дневен срок да "
        "уточните предмета на исканата информация. Ако не го уточните в срока, заявлението "
        "ще бъде оставено без разглеждане.",
        step=Step.CLARIFICATION,
        status="awaiting_clarification",
    ),
    DemoTemplate(
        "Удължаване на срока (чл. 30 ЗДОИ)",
        Kind.ACCESS_REQUEST,
        "Уважаеми/а {име},\n\nИсканата със заявление № {номер} от {дата} информация е в "
        "голямо количество и е необходимо допълнително време за подготовката ѝ. На "
        "основание чл. 30, ал. 1 ЗДОИ срокът за решение се удължава с 10 дни.",
        step=Step.EXTENSION,
        status="extended",
    ),
    DemoTemplate(
        "Решение за предоставяне на достъп",
        Kind.ACCESS_REQUEST,
        "Уважаеми/а {име},\n\nНа основание чл. 34, ал. 1 ЗДОИ и във връзка със заявление "
        "№ {номер} от {дата} се предоставя пълен достъп до исканата обществена информация.",
        step=Step.DECISION,
        status="granted",
    ),
    DemoTemplate(
        "Решение за отказ",
        Kind.ACCESS_REQUEST,
        "Уважаеми/а {име},\n\nНа основание чл. 38 ЗДОИ се отказва достъп до информацията, "
        "поискана със заявление № {номер} от {дата}, поради следните фактически "
        "основания: …",
        step=Step.DECISION,
        status="refused",
    ),
]


@transaction.atomic
def answer_templates_load() -> int:
    """The demo templates that are missing; returns how many were created."""
    created = 0
    for row in TEMPLATES:
        if AnswerTemplate.objects.filter(title=row.title, kind=row.kind).exists():
            continue
        category = Category.objects.filter(slug=row.category).first() if row.category else None
        topic = QuestionTopic.objects.filter(name=row.topic).first() if row.topic else None
        if (row.category and category is None) or (row.topic and topic is None):
            continue  # the category or topic was removed: the template would fit everything
        template = AnswerTemplate(
            title=row.title,
            kind=row.kind,
            text=row.text,
            status=row.status,
            step=row.step,
            category=category,
            topic=topic,
        )
        template.full_clean()
        template.save()
        created += 1
    return created
