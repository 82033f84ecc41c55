import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def registry_number(number: str) -> str:
    """The number ("С-2026-000015") in a span that never breaks across lines; also
    inside ``{% blocktranslate with number=item.number|registry_number %}``."""
    if not number:
        return ""
    return format_html('<span class="registry-number">{}</span>', number)


# "С-2026-000015", "ПВ-2026-000001": a series (1–5 Cyrillic capitals), the year, the number.
REGISTRY_NUMBER = re.compile(r"\b[А-Я]{1,5}-\d{4}-\d{6,}\b")


@register.filter
def registry_numbers_whole(text) -> str:
    """The text, escaped, with every registry number in it kept on one line
    ("С-2026-000015 – Дупки" in a narrow cell)."""
    escaped = conditional_escape(text)  # so the spans added below are the only markup
    return mark_safe(
        REGISTRY_NUMBER.sub(lambda m: f'<span class="registry-number">{m.group(0)}</span>', escaped)
    )
