from django.core.exceptions import ValidationError


class CorrespondenceError(ValidationError):
    """A rule was broken; the message is fit to show the user."""
