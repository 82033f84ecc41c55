"""PostgreSQL only: meetings of one schedule that hold their slot may not overlap.

The unique index of 0001 catches two meetings with the same start on every
database; this exclusion constraint also catches meetings of different lengths
(a schedule's slot length changed between bookings). btree_gist is a trusted
extension, so the database owner may create it.
"""

from django.db import migrations

HOLDING = "('requested', 'approved', 'held', 'missed')"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        "ALTER TABLE reception_appointment ADD CONSTRAINT appointment_no_overlap "
        "EXCLUDE USING gist (schedule_id WITH =, tstzrange(starts_at, ends_at) WITH &&) "
        f"WHERE (status IN {HOLDING})"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE reception_appointment DROP CONSTRAINT IF EXISTS appointment_no_overlap"
    )


class Migration(migrations.Migration):
    dependencies = [("reception", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
