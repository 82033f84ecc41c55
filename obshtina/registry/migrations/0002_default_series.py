from django.db import migrations

# The default series and their prefixes (README, "Registry numbers").
# Series are data: a municipality may rename them or change prefixes in the admin.
DEFAULT_SERIES = [
    ("reports", "Сигнали", "С"),
    ("questions", "Въпроси и искания за информация", "В"),
    ("letters", "Писма, жалби и предложения", "П"),
    ("access_requests", "Заявления за достъп до обществена информация (ЗДОИ)", "ЗДОИ"),
    ("outgoing", "Изходящи документи", "И"),
    ("appointments", "Заявки за приемно време", "ПВ"),
]


def create_default_series(apps, schema_editor):
    RegistrySeries = apps.get_model("registry", "RegistrySeries")
    for code, name, prefix in DEFAULT_SERIES:
        RegistrySeries.objects.get_or_create(code=code, defaults={"name": name, "prefix": prefix})


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(create_default_series, migrations.RunPython.noop)]
