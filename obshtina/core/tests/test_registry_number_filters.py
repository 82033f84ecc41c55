"""Registry numbers in templates stay on one line, and nothing else becomes markup."""

from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load registry_numbers %}" + source).render(Context(context))


def test_a_number_is_kept_whole():
    html = render("{{ number|registry_number }}", number="С-2026-000015")
    assert html == '<span class="registry-number">С-2026-000015</span>'


def test_numbers_inside_a_text_are_kept_whole_and_the_rest_is_escaped():
    html = render("{{ text|registry_numbers_whole }}", text="ПВ-2026-000001 – <b>среща</b>")
    assert html == (
        '<span class="registry-number">ПВ-2026-000001</span> – &lt;b&gt;среща&lt;/b&gt;'
    )


def test_a_text_without_numbers_is_only_escaped():
    assert render("{{ text|registry_numbers_whole }}", text="A & B") == "A &amp; B"
