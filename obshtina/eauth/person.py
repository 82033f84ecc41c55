"""What an eAuth sign-in tells us, and its one error; free of pysaml2, so that the rest
of the site imports it without loading the SAML machinery."""

from dataclasses import dataclass


class EAuthError(Exception):
    """A sign-in that cannot go on; ``str(error)`` is a message for the person."""


@dataclass(frozen=True)
class Company:
    eik: str
    name: str


@dataclass(frozen=True)
class SignedInPerson:
    """What eAuth asserted about the person who signed in."""

    identifier: str
    name: str
    email: str
    phone: str
    level: str
    company: Company | None

    @property
    def first_and_last_name(self) -> tuple[str, str]:
        parts = self.name.split()
        if len(parts) < 2:
            return self.name, ""
        return parts[0], parts[-1]
