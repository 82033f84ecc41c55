"""Steps that migrations of several apps share."""


def belong_to_first_municipality(*model_labels: str):
    """A RunPython step: rows from before the platform served many municipalities
    belong to the first one (created with its defaults if the database had none)."""

    def fill(apps, schema_editor):
        Municipality = apps.get_model("organization", "Municipality")
        for label in model_labels:
            rows = apps.get_model(label)._base_manager.filter(municipality__isnull=True)
            if rows.exists():
                first = Municipality.objects.order_by("pk").first() or Municipality.objects.create()
                rows.update(municipality=first)

    return fill
