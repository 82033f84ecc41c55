import pytest

from obshtina.accounts.services import user_delete_account
from obshtina.accounts.tests.factories import UserFactory
from obshtina.reports.models import Subscription

from .factories import submit_report

pytestmark = pytest.mark.django_db


def test_a_deleted_accounts_reports_stay_without_the_submitters_data():
    user = UserFactory()
    report = submit_report(
        author=user, submitter_name="Мария", submitter_email=user.email, submitter_phone="0888"
    )
    Subscription.objects.create(user=user, report=submit_report())

    user_delete_account(user=user)

    report.refresh_from_db()
    assert (report.submitter_name, report.submitter_email, report.submitter_phone) == ("", "", "")
    assert report.author is None
    assert not Subscription.objects.filter(user=user).exists()


def test_the_profile_hub_lists_my_reports_and_subscriptions(client):
    user = UserFactory()
    submit_report(author=user)
    client.force_login(user)
    content = client.get("/profile/").content.decode()
    assert "Моите сигнали" in content
    assert "Моите абонаменти" in content
