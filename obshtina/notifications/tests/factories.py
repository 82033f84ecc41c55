import factory
from django.contrib.auth import get_user_model

from obshtina.notifications.models import Notification


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    email = factory.Sequence(lambda n: f"user{n}@example.bg")
    first_name = "Иван"
    last_name = "Петров"
    password = factory.django.Password("parola-123")


class StaffFactory(UserFactory):
    is_staff = True


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    to_email = factory.Sequence(lambda n: f"citizen{n}@example.bg")
    template = "generic"
    subject = factory.Sequence(lambda n: f"Сигнал {n} е приет")
    text_body = "Текст"
    html_body = "<p>Текст</p>"
