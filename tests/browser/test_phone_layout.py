"""Every page a citizen can reach fits a 390 px phone: nothing sticks out sideways
(not even inside a scrolling box), and registry numbers stay on one line."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from obshtina.accounts.tests.factories import UserFactory
from obshtina.correspondence.tests.factories import file_document
from obshtina.infodesk.models import Regulation, Service, Theme
from obshtina.infodesk.tests.questions_factories import ask
from obshtina.organization.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from obshtina.organization.models import Unit
from obshtina.reception.models import Schedule
from obshtina.reception.tests.factories import at, book, next_weekday
from obshtina.reports.models import Report
from obshtina.reports.services.following import subscription_add

from .accounts import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_CITIZEN = "citizen@demo.samokov.bg"

# What sticks out past the right edge of the screen, also inside boxes that scroll
# sideways (a table in `overflow-x: auto` hides its last column just the same). What a
# box clips (the map's tiles, text kept for screen readers) is not seen, so not counted.
WHAT_STICKS_OUT = """(screenWidth) => {
  const limit = screenWidth + 0.5;
  const clippedByAnAncestor = (element) => {
    for (let box = element.parentElement; box; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if ((overflow === "hidden" || overflow === "clip")
          && box.getBoundingClientRect().right <= limit) return true;
    }
    return false;
  };
  const found = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    // Text that does not wrap runs past its own box (`white-space: nowrap`).
    const right = getComputedStyle(element).overflowX === "visible"
      ? Math.max(box.right, box.left + element.scrollWidth) : box.right;
    if (box.width === 0 || box.height === 0 || right <= limit) continue;
    // Not drawn: in a closed <details> (its content still has boxes), or hidden.
    if (!element.checkVisibility({ visibilityProperty: true })) continue;
    if (clippedByAnAncestor(element)) continue;
    const name = element.tagName.toLowerCase()
      + (element.id ? "#" + element.id : "")
      + (element.className && typeof element.className === "string"
         ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    found.push(`${name} (right edge ${Math.round(right)}px)`);
  }
  return found.slice(0, 8);
}"""

# Registry numbers ("С-2026-000015") whose characters are laid out on more than one line.
BROKEN_NUMBERS = r"""() => {
  const number = /[А-Я]{1,5}-\d{4}-\d{6,}/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const broken = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.checkVisibility({ visibilityProperty: true })) continue;
    for (const match of node.data.matchAll(number)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      const where = node.parentElement.tagName.toLowerCase();
      if (lines.size > 1) broken.push(`${match[0]} in <${where}>`);
    }
  }
  return broken;
}"""


@pytest.fixture
def demo(settings):
    settings.DEMO = True
    call_command("load_demo_data", verbosity=0)


def what_does_not_fit(page, paths: list[str]) -> list[str]:
    """For each page that does not fit the phone, what is wrong with it."""
    problems = []
    for path in paths:
        response = page.goto(path)
        assert response.ok, f"{path}: {response.status}"
        # The phone's width, not `innerWidth`: a phone zooms out on a page wider than
        # itself, and `innerWidth` grows with the page.
        screen_width = page.viewport_size["width"]
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > screen_width:
            problems.append(f"{path} scrolls sideways: {width}px wide")
        if sticking_out := page.evaluate(WHAT_STICKS_OUT, screen_width):
            problems.append(f"{path}: off the screen on the right: {', '.join(sticking_out)}")
        if broken := page.evaluate(BROKEN_NUMBERS):
            problems.append(f"{path}: numbers broken across lines: {', '.join(broken)}")
    return problems


def public_paths() -> list[str]:
    report = Report.objects.filter(is_hidden=False).order_by("-created_at").first()
    unit = Unit.objects.order_by("name").first()
    schedule = Schedule.objects.order_by("title").first()
    question = ask(asker_email="ivan@example.bg")
    return [
        "/",
        reverse("reports:map"),
        report.get_absolute_url(),
        reverse("reports:submit"),
        reverse("reports:open_data"),
        report.get_access_url(),
        reverse("core:track") + f"?number={report.number}",
        reverse("core:accessibility"),
        reverse("core:my_device"),
        reverse("infodesk:index"),
        reverse("infodesk:search") + "?q=данък",
        reverse("infodesk:services"),
        Service.objects.order_by("name").first().get_absolute_url(),
        reverse("infodesk:regulations"),
        Regulation.objects.order_by("title").first().get_absolute_url(),
        reverse("infodesk:units"),
        reverse("infodesk:unit", kwargs={"slug": unit.slug}),
        reverse("infodesk:theme", kwargs={"slug": Theme.objects.order_by("name").first().slug}),
        reverse("infodesk:faq"),
        reverse("infodesk:ask"),
        question.get_absolute_url(),
        question.get_access_url(),
        reverse("reception:index"),
        reverse("reception:schedule", kwargs={"slug": schedule.slug}),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
    ]


def test_every_public_page_fits_a_phone(demo, phone_page):
    problems = what_does_not_fit(phone_page, public_paths())
    assert not problems, "\n".join(problems)


def test_every_page_of_a_signed_in_citizen_fits_a_phone(demo, phone_page):
    citizen = UserFactory._meta.model.objects.get(email=DEMO_CITIZEN)
    for report in Report.objects.filter(is_hidden=False).order_by("created_at")[:3]:
        subscription_add(user=citizen, report=report)
    letter = file_document(author=citizen, subject="Ремонт на тротоара на ул. „Рила“")
    schedule = Schedule.objects.filter(windows__isnull=False).order_by("title").first()
    window = schedule.windows.first()
    starts_at = at(next_weekday(window.weekday), f"{window.start:%H:%M}")
    meeting = book(schedule, starts_at, author=citizen)
    log_in(phone_page, email=DEMO_CITIZEN, password=DEMO_PASSWORD)

    paths = [
        reverse("accounts:profile"),
        reverse("accounts:mine"),
        reverse("accounts:edit"),
        reverse("reports:mine"),
        reverse("reports:subscriptions"),
        reverse("correspondence:mine"),
        reverse("correspondence:new"),
        letter.get_absolute_url(),
        reverse("reception:mine"),
        reverse("reception:appointment", kwargs={"number": meeting.number}),
        reverse("account_change_password"),
        reverse("account_email"),
        reverse("mfa_index"),
        reverse("accounts:delete"),
    ]
    problems = what_does_not_fit(phone_page, paths)
    assert not problems, "\n".join(problems)


def test_the_staff_lists_fit_a_phone(demo, phone_page):
    admin = next(account for account in DEMO_ACCOUNTS if account.role == "администратор")
    log_in(phone_page, email=admin.email, password=DEMO_PASSWORD, totp_secret=admin.totp_secret)
    paths = [
        reverse("casework:workspace"),
        reverse("registry:index"),
        reverse("notifications:outbox"),
        reverse("casework:templates"),
        reverse("infodesk:console"),
        reverse("correspondence:desk"),
        reverse("reception:desk"),
        reverse("reception:schedules"),
        reverse("reports:statistics"),
    ]
    problems = what_does_not_fit(phone_page, paths)
    assert not problems, "\n".join(problems)
