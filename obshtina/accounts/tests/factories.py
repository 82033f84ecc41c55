"""Users for tests of every app: ``UserFactory()``, ``UserFactory(verified=False)``,
``UserFactory(second_factor=True)``, ``StaffUserFactory()``.

Every user has the password ``PASSWORD`` and, unless ``verified=False``, a verified
primary e-mail address, so they can log in through allauth straight away. Staff
must have a second factor: ``StaffUserFactory`` gives them an authenticator app
with the secret ``TOTP_SECRET`` (``StaffUserFactory(second_factor=False)`` for one
without); ``totp_code()`` is the app's current code.
"""

import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import encrypt

from obshtina.accounts.models import User

PASSWORD = "Самоков-2025-парола"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_SECRET, *, at: float | None = None) -> str:
    """The code an authenticator app with ``secret`` shows now (or at ``at``)."""
    moment = time.time() if at is None else at
    return format_hotp_value(hotp_value(secret, int(moment) // mfa_settings.TOTP_PERIOD))


def give_second_factor(user: User, secret: str = TOTP_SECRET) -> Authenticator:
    """An authenticator app for ``user``, as if set up on the two-factor page."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(secret)}
    )


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

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        if create and extracted:
            give_second_factor(self)


class StaffUserFactory(UserFactory):
    """A member of staff with a real role (registry clerk unless ``role=`` says
    otherwise), so that the permissions module lets them in."""

    email = factory.Sequence(lambda n: f"officer{n}@samokov.bg")
    is_staff = True

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        if create and extracted is not False:
            give_second_factor(self)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create:
            from obshtina.organization.services import staff_role_grant

            staff_role_grant(user=self, role=extracted or "registry_clerk")
