"""Changes to the knowledge base, made by its editors in the staff editor.

Every save checks the editor's permission, refreshes ``updated_at`` (the "last
updated" date citizens see) and ``search_text`` (what search reads), and runs in
one transaction. Uploaded files are checked by their content; a bad file raises
``ValidationError`` keyed ``"file"`` (a regulation) or ``"forms"`` (a service's
forms) before anything is written.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from obshtina.core.slugs import unique_slug
from obshtina.core.uploads import validate_document
from obshtina.organization.permissions import can_edit_knowledge

from ..models import Regulation, Service, ServiceForm, Theme
from ..selectors.search import search_text_for

SERVICE_FIELDS = (
    "name",
    "code",
    "purpose",
    "who_may_apply",
    "required_documents",
    "fees",
    "deadline",
    "apply_in_person",
    "apply_online",
    "apply_by_post",
    "how_to_apply",
    "unit",
    "legal_basis",
    "is_published",
)
REGULATION_FIELDS = (
    "title",
    "kind",
    "number",
    "adopted_on",
    "summary",
    "status",
    "is_published",
)


def _check_editor(actor) -> None:
    if not can_edit_knowledge(actor):
        raise PermissionDenied(_("Нямате право да редактирате информацията."))


def _validated_upload(upload, key: str) -> None:
    try:
        validate_document(upload)
    except ValidationError as error:
        raise ValidationError({key: error.messages}) from error


def _apply(entry: models.Model, fields: tuple[str, ...], data: dict) -> None:
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"Unknown fields for {type(entry).__name__}: {sorted(unknown)}")
    for name, value in data.items():
        setattr(entry, name, value)


def _delete_file_after_commit(field_file) -> None:
    """Remove a stored file only once the rows that pointed to it are gone for good."""
    storage, name = field_file.storage, field_file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def service_save(
    *,
    service: Service | None = None,
    actor,
    data: dict,
    themes: Iterable[Theme],
    forms_to_add: Iterable[tuple[str, object]] = (),
    forms_to_remove: Iterable[ServiceForm | int] = (),
) -> Service:
    """Create (``service=None``) or change a service.

    `data` holds model fields named in ``SERVICE_FIELDS``; `forms_to_add` are
    (title, uploaded file) pairs — an empty title takes the file's name;
    `forms_to_remove` are forms (or their ids) of this service. The slug is made
    once, from the first name, so that links to the page keep working.
    """
    _check_editor(actor)
    themes = list(themes)
    forms_to_add = list(forms_to_add)
    for _title, upload in forms_to_add:
        _validated_upload(upload, "forms")
    remove_ids = {getattr(item, "pk", item) for item in forms_to_remove}

    with transaction.atomic():
        service = service or Service()
        _apply(service, SERVICE_FIELDS, data)
        if not service.slug:
            service.slug = unique_slug(Service, service.name)
        service.updated_at = timezone.now()
        service.search_text = search_text_for(
            service.name,
            service.purpose,
            service.who_may_apply,
            service.required_documents,
            service.how_to_apply,
            service.legal_basis,
            service.code,
            *(theme.name for theme in themes),
        )
        service.save()
        service.themes.set(themes)
        for form in service.forms.filter(pk__in=remove_ids):
            _delete_file_after_commit(form.file)
            form.delete()
        for title, upload in forms_to_add:
            title = (title or "").strip() or upload.name.rsplit(".", 1)[0][:200]
            ServiceForm.objects.create(service=service, title=title, file=upload)
    return service


def regulation_save(
    *,
    regulation: Regulation | None = None,
    actor,
    data: dict,
    themes: Iterable[Theme],
    file=None,
) -> Regulation:
    """Create (``regulation=None``) or change a regulation; `file`, when given,
    replaces its document. `data` holds the fields named in ``REGULATION_FIELDS``."""
    _check_editor(actor)
    themes = list(themes)
    if file is not None:
        _validated_upload(file, "file")

    with transaction.atomic():
        regulation = regulation or Regulation()
        _apply(regulation, REGULATION_FIELDS, data)
        if not regulation.slug:
            regulation.slug = unique_slug(Regulation, regulation.title)
        if file is not None:
            if regulation.file:
                _delete_file_after_commit(regulation.file)
            regulation.file = file
        regulation.updated_at = timezone.now()
        regulation.search_text = search_text_for(
            regulation.title,
            regulation.number,
            regulation.summary,
            *(theme.name for theme in themes),
        )
        regulation.save()
        regulation.themes.set(themes)
    return regulation
