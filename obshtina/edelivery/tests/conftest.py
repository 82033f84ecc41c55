from .peer import edelivery_connector, edelivery_peer  # noqa: F401
