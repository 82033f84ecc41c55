"""The connection point to an external document-management system.

A municipality that keeps its records in a document system (e.g. АКСТЪР
ОФИС) writes a subclass of DocumentSystemConnector and names it in the
REGISTRY_CONNECTOR setting; the staff registry page then shows what that
system knows about each number. The default connector knows nothing.
"""

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_CONNECTOR = "obshtina.registry.connectors.NullConnector"


class DocumentSystemConnector:
    """Looks up a registry number in an external document system."""

    def lookup(self, number: str) -> dict[str, str] | None:
        """What the external system holds for `number` ("С-2026-000123").

        Returns a mapping of labels to values shown to staff as they are
        (e.g. {"Статус": "Приключен", "Отговорник": "отдел „ТСУ“"}), or None
        when the system does not know the number. May raise on failure: the
        caller logs it and carries on without the external data.
        """
        raise NotImplementedError


class NullConnector(DocumentSystemConnector):
    """No external document system: every lookup finds nothing."""

    def lookup(self, number: str) -> dict[str, str] | None:
        return None


def get_connector() -> DocumentSystemConnector:
    """The connector named by settings.REGISTRY_CONNECTOR (a dotted path to a class)."""
    return import_string(getattr(settings, "REGISTRY_CONNECTOR", DEFAULT_CONNECTOR))()
