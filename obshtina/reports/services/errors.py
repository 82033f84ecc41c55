from django.core.exceptions import ValidationError


class ReportError(ValidationError):
    """A rule about reports was broken; the message is fit to show the user."""
