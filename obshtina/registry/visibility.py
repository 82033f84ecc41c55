"""Which registry entries a staff member sees: only those whose item they may open.

A registry entry shows its item's number, date and title (a letter's subject), so
an entry of a private item is shown only to whoever may open the item. Apps whose
items are private say, in their ``AppConfig.ready()``, how to find the items a
user may open (through ``obshtina.organization.permissions``), so the registry
never imports them:

    from obshtina.registry.visibility import register_private_items

    register_private_items(Correspondence, documents_viewable_by)  # user -> QuerySet

Items of a model nobody registered (reports, questions: public) and numbers not
linked to an item are seen by every staff member.
"""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

ViewableItems = Callable[[object], QuerySet]

private_items: dict[type[Model], ViewableItems] = {}


def register_private_items(model: type[Model], viewable_by: ViewableItems) -> None:
    """``viewable_by(user)`` returns the queryset of ``model`` the user may open."""
    private_items[model] = viewable_by


def visible_entries(user) -> Q:
    """A filter on ``RegistryNumber`` keeping the entries ``user`` may see.

    One subquery per private model, so the database filters the whole register
    (no check per row in Python); a queryset without filters (an administrator's)
    costs no subquery at all.
    """
    content_types = ContentType.objects.get_for_models(*private_items)
    condition = ~Q(content_type__in=list(content_types.values()))
    for model, viewable_by in private_items.items():
        viewable = viewable_by(user)
        of_model = Q(content_type=content_types[model])
        if viewable.query.has_filters():
            of_model &= Q(object_id__in=viewable.values("pk"))
        condition |= of_model
    return condition
