"""Django messages that its own Bulgarian catalogue lacks.

Django 5.2 changed the wording of the short-password message and its Bulgarian
translation was not updated; listing the msgid here keeps it in our catalogue
(`make messages`), whose `bg` translation then takes over. Never imported.
"""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    0,
)
