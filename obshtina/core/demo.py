"""The accessibility statement of the demo municipality (load_demo_data)."""

from django.utils import timezone

from obshtina.organization.selectors import current_municipality

from .accessibility import DEFAULT_ENFORCEMENT, DEFAULT_ENFORCEMENT_URL
from .models import AccessibilityStatement

# What is truly not yet accessible on this site; a municipality reviews it yearly.
NON_COMPLIANCE = """\
Картата на сигналите не може да се ползва пълноценно с екранен четец и само с клавиатура: \
маркерите и групите от маркери нямат текстово описание (WCAG 1.1.1, 2.1.1). Същите сигнали \
са в списъка под картата.
PDF файловете към изходящите документи на общината (подписани решения и отговори) често са \
сканирани копия без текстов слой (WCAG 1.1.1, 1.3.1)."""
DISPROPORTIONATE_BURDEN = ""
OUT_OF_SCOPE = """\
Снимки и PDF файлове, качени от граждани към сигнали, писма и заявления: общината не ги \
създава и не може да ги направи достъпни (чл. 58в, ал. 2 ЗЕУ).
Видеосрещите на приемното време се провеждат в услуга на трета страна (Jitsi), която \
общината не контролира.
Картните изображения (плочки на OpenStreetMap) – картите са изключени от изискванията, \
когато основната информация е дадена и в текст."""
ALTERNATIVES = """\
Всеки сигнал от картата е и в списъка на сигналите. Решение или отговор, който не можете да \
прочетете, ще ви изпратим в достъпен вид: пишете ни или се обадете на 0700 20 117."""
METHOD_DETAILS = (
    "Автоматични проверки с axe-core на основните страници при всяка промяна и ръчен "
    "преглед с клавиатура и екранен четец (NVDA, TalkBack)."
)


def accessibility_statement_load() -> int:
    """Samokov's statement, partially compliant, if it has none; returns how many were made."""
    if AccessibilityStatement.objects.exists():
        return 0
    municipality = current_municipality()
    today = timezone.localdate()
    AccessibilityStatement.objects.create(
        municipality=municipality,
        compliance=AccessibilityStatement.Compliance.PARTIAL,
        non_compliance=NON_COMPLIANCE,
        disproportionate_burden=DISPROPORTIONATE_BURDEN,
        out_of_scope=OUT_OF_SCOPE,
        alternatives=ALTERNATIVES,
        prepared_on=today,
        method=AccessibilityStatement.Method.SELF,
        method_details=METHOD_DETAILS,
        reviewed_on=today,
        feedback_email=municipality.contact_email,
        feedback_phone=municipality.contact_phone,
        reply_days=14,
        enforcement=str(DEFAULT_ENFORCEMENT),
        enforcement_url=DEFAULT_ENFORCEMENT_URL,
    )
    return 1
