import factory

from obshtina.accounts.tests.factories import StaffUserFactory as StaffFactory
from obshtina.accounts.tests.factories import UserFactory
from obshtina.notifications.models import Notification

__all__ = ["NotificationFactory", "StaffFactory", "UserFactory"]


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    to_email = factory.Sequence(lambda n: f"citizen{n}@example.bg")
    template = "generic"
    subject = factory.Sequence(lambda n: f"Сигнал {n} е приет")
    text_body = "Текст"
    html_body = "<p>Текст</p>"
