from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class UserManager(BaseUserManager):
    """Users are identified by e-mail; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    class Language(models.TextChoices):
        # Each language in its own name, as the language switch shows them.
        BG = "bg", "Български"
        EN = "en", "English"

    class WorkNotices(models.TextChoices):
        AT_ONCE = "at_once", _("веднага, с отделен имейл")
        DIGEST = "digest", _("веднъж на ден, сутрин, в един имейл")

    username = None
    email = models.EmailField(_("имейл"), unique=True)
    phone = PhoneNumberField(_("телефон"), blank=True)
    # The language of the person's e-mails (and digests); the records stay Bulgarian.
    language = models.CharField(
        _("език на имейлите"), max_length=2, choices=Language.choices, default=Language.BG
    )
    # Staff: how they hear of work that reaches them (see notifications.officials).
    work_notices = models.CharField(
        _("известия за нова работа"),
        max_length=10,
        choices=WorkNotices.choices,
        default=WorkNotices.AT_ONCE,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("потребител")
        verbose_name_plural = _("потребители")

    def __str__(self):
        return self.get_full_name() or self.email
