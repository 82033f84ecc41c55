"""Accounts for people who sign in through eAuth.

The first sign-in of a person finds their account by the keyed hash of the identifier;
failing that, an account with the same e-mail is linked once its password is given
(eAuth vouches for the person, not for who owns the account); otherwise an account is
made with the name from eAuth. E-mails from eAuth come from the person's eAuth profile,
which the state does not confirm: a new account's address is confirmed by the usual
e-mail link, and sign-ins through eAuth do not wait for it.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import to_python

from obshtina.accounts.selectors import SESSION_IDENTITY_PROVED_AT, SESSION_SECOND_FACTOR

from . import identifiers
from .models import Identity
from .person import Company, EAuthError, SignedInPerson

# The session remembers the level of the sign-in and the company it named.
SESSION_LEVEL = "eauth_level"
SESSION_COMPANY = "eauth_company"
# A person waiting to give an existing account's password (identifier encrypted).
SESSION_PENDING_LINK = "eauth_pending_link"
STRONG_LEVELS = frozenset({"SUBSTANTIAL", "HIGH"})


@dataclass(frozen=True)
class Resolution:
    user: object
    needs_password: bool
    created: bool = False


def person_resolve(*, person: SignedInPerson) -> Resolution:
    """The account of ``person``: known, one to link after its password, or a new one."""
    identity = (
        Identity.objects.select_related("user")
        .filter(identifier_hash=identifiers.identifier_hash(person.identifier))
        .first()
    )
    if identity is not None:
        if not identity.user.is_active:
            raise EAuthError(_("Акаунтът е деактивиран."))
        Identity.objects.filter(pk=identity.pk).update(last_signed_in_at=timezone.now())
        return Resolution(identity.user, needs_password=False)
    if not person.email:
        raise EAuthError(
            _(
                "Електронната идентификация не предаде имейл адрес. Добавете имейл в "
                "профила си в eAuth или влезте с имейл и парола."
            )
        )
    User = get_user_model()
    existing = User.objects.filter(email__iexact=person.email).first()
    if existing is None:
        existing = (
            User.objects.filter(
                emailaddress__email__iexact=person.email, emailaddress__verified=True
            )
            .distinct()
            .first()
        )
    if existing is not None:
        return Resolution(existing, needs_password=True)
    return Resolution(account_create(person=person), needs_password=False, created=True)


@transaction.atomic
def account_create(*, person: SignedInPerson):
    """A new account with the name and phone from eAuth and an unconfirmed e-mail."""
    first_name, last_name = person.first_and_last_name
    phone = to_python(person.phone, region="BG") if person.phone else None
    user = get_user_model().objects.create_user(
        email=person.email,
        first_name=first_name[:150],
        last_name=last_name[:150],
        # A phone eAuth wrote in a way we cannot read is left out, never refused.
        phone=phone if phone is not None and phone.is_valid() else "",
    )
    EmailAddress.objects.create(user=user, email=person.email, primary=True, verified=False)
    identity_link(user=user, identifier=person.identifier)
    return user


def identity_link(*, user, identifier: str) -> Identity:
    """Ties ``identifier`` to ``user``; an identifier belongs to one account only."""
    try:
        with transaction.atomic():
            return Identity.objects.create(
                user=user,
                identifier_hash=identifiers.identifier_hash(identifier),
                identifier_encrypted=identifiers.encrypt(identifier),
                last_signed_in_at=timezone.now(),
            )
    except IntegrityError as error:
        raise EAuthError(
            _("Тази електронна идентификация или този акаунт вече са свързани с друг вход.")
        ) from error


def identity_unlink(*, user) -> None:
    Identity.objects.filter(user=user).delete()


def session_remember(session, *, user, person: SignedInPerson) -> None:
    """After the sign-in: its level, the company it named, and at SUBSTANTIAL or HIGH
    the proof of a second factor that staff need (accounts.middleware)."""
    session[SESSION_LEVEL] = person.level
    session[SESSION_IDENTITY_PROVED_AT] = timezone.now().timestamp()
    if person.company is not None:
        session[SESSION_COMPANY] = {"eik": person.company.eik, "name": person.company.name}
    else:
        session.pop(SESSION_COMPANY, None)
    if person.level in STRONG_LEVELS:
        session[SESSION_SECOND_FACTOR] = {"user": user.pk, "method": "eauth", "level": person.level}
    else:
        session.pop(SESSION_SECOND_FACTOR, None)


def pending_link_store(session, *, user, person: SignedInPerson, next_url: str) -> None:
    session[SESSION_PENDING_LINK] = {
        "user": user.pk,
        "identifier": identifiers.encrypt(person.identifier),
        "name": person.name,
        "email": person.email,
        "phone": person.phone,
        "level": person.level,
        "company": {"eik": person.company.eik, "name": person.company.name}
        if person.company
        else None,
        "next": next_url,
        "attempts": 0,
    }


def pending_link_person(pending: dict) -> SignedInPerson | None:
    identifier = identifiers.decrypt(pending.get("identifier", ""))
    if identifier is None:
        return None
    company = pending.get("company")
    return SignedInPerson(
        identifier=identifier,
        name=pending["name"],
        email=pending["email"],
        phone=pending["phone"],
        level=pending["level"],
        company=Company(**company) if company else None,
    )
