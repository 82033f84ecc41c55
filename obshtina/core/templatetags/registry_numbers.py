from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def registry_number(number: str) -> str:
    """The number ("С-2026-000015") in a span that never breaks across lines; also
    inside ``{% blocktranslate with number=item.number|registry_number %}``."""
    if not number:
        return ""
    return format_html('<span class="registry-number">{}</span>', number)
