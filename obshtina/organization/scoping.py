"""What a municipality owns (ARCHITECTURE.md, rule 10).

A model a municipality owns has a ``municipality`` (``municipality_field``) or
reaches one through its parent. Its ``objects`` manager (``owned_manager``) answers
only inside a municipality's scope – a request's (organization.middleware), a job's
or a command's (``organization.hosts.serving``) – and there only with that
municipality's rows; outside every scope a query fails loudly (``ScopeError``), so a
forgotten filter cannot show one municipality's rows on another's site.

The scope is django-scopes' (``scope``, ``scopes_disabled``); unlike its
``ScopedManager``, the filter is added when the query runs, not when the queryset is
built: a form's choices built at import time are narrowed to the municipality of the
request that shows them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopeError, get_scope


def municipality_default() -> int:
    """New rows belong to the municipality being served (the first one outside a request)."""
    from .selectors import current_municipality  # selectors import the models

    return current_municipality().pk


def municipality_field(**kwargs) -> models.ForeignKey:
    """The owner of a municipality's row; set from the host, never typed in a form."""
    options = {
        "verbose_name": _("община"),
        "on_delete": models.PROTECT,
        "related_name": "+",
        "default": municipality_default,
        "editable": False,
    }
    return models.ForeignKey("organization.Municipality", **(options | kwargs))


class OwnedQuerySet(models.QuerySet):
    """Rows of the municipality in scope, whenever the query is run."""

    owner_path = "municipality"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._owner = None  # the municipality the query was narrowed to

    def _clone(self):
        clone = super()._clone()
        clone._owner = self._owner
        return clone

    def _narrow(self):
        state = get_scope()
        if not state.get("_enabled", True):
            return  # scopes_disabled(): tests and platform-wide maintenance
        owner = state.get("municipality")
        if owner is None:
            raise ScopeError(
                f"{self.model.__name__}: a municipality's rows are read only while it is "
                "served (organization.hosts.serving)."
            )
        if self._owner is None:
            self._query.add_q(models.Q(**{self.owner_path: owner}))
            self._owner = owner
        elif self._owner != owner:
            raise ScopeError(f"{self.model.__name__}: a query of another municipality.")

    # Every way a query reaches the database.
    def _fetch_all(self):
        if self._result_cache is None:
            self._narrow()
        super()._fetch_all()

    def _iterator(self, *args, **kwargs):
        self._narrow()
        return super()._iterator(*args, **kwargs)

    def count(self):
        if self._result_cache is None:
            self._narrow()
        return super().count()

    def exists(self):
        if self._result_cache is None:
            self._narrow()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._narrow()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs):
        self._narrow()
        return super().update(**kwargs)

    def delete(self):
        self._narrow()
        return super().delete()

    def explain(self, **options):
        self._narrow()
        return super().explain(**options)

    def resolve_expression(self, *args, **kwargs):  # used as a subquery
        self._narrow()
        return super().resolve_expression(*args, **kwargs)


def owned_manager(path: str = "municipality") -> models.Manager:
    """``objects`` of an owned model; ``path`` leads to its municipality
    (``"report__municipality"`` for a report's photos)."""
    queryset_class = type("OwnedQuerySet", (OwnedQuerySet,), {"owner_path": path})
    return models.Manager.from_queryset(queryset_class)()


class UniquePerMunicipality:
    """For models unique per municipality (``UniqueConstraint(fields=["municipality",
    …])``): forms check those constraints too, although the municipality is never a
    form field (Django skips a constraint with a field the form leaves out)."""

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude=set(exclude or ()) - {"municipality"})
