import re

from django.core import mail

LINK = re.compile(r"https?://\S+")


def links_in_last_mail_to(address: str) -> list[str]:
    """The links in the newest e-mail to ``address`` (failing loudly if there is none)."""
    messages = [message for message in mail.outbox if address in message.to]
    assert messages, f"no e-mail to {address}"
    return LINK.findall(messages[-1].body)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)
