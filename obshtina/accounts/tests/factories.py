"""Users for tests of every app: ``UserFactory()``, ``UserFactory(verified=False)``,
``StaffUserFactory()``.

Every user has the password ``PASSWORD`` and, unless ``verified=False``, a verified
primary e-mail address, so they can log in through allauth straight away.
"""

import factory
from allauth.account.models import EmailAddress

from obshtina.accounts.models import User

PASSWORD = "Самоков-2025-парола"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"citizen{n}@example.bg")
    first_name = "Иван"
    last_name = factory.Sequence(lambda n: f"Петров{n}")
    phone = "+359888123456"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )


class StaffUserFactory(UserFactory):
    """A member of staff with a real role (registry clerk unless ``role=`` says
    otherwise), so that the permissions module lets them in."""

    email = factory.Sequence(lambda n: f"officer{n}@samokov.bg")
    is_staff = True

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            from obshtina.organization.services import staff_role_grant

            staff_role_grant(user=self, role=extracted or "registry_clerk")
