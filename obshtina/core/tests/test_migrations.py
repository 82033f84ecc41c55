"""Every model change has its migration: a deployment's `migrate` leaves nothing behind."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    output = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
    except SystemExit as exit:
        raise AssertionError(f"Missing migrations:\n{output.getvalue()}") from exit
