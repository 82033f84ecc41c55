"""What the schema cannot say, said on the operation: the server's own checks.

Every rule JSON Schema can express (a pattern, a length, an enum, a range) is in
the operation's parameters. What it cannot — an id that exists, a slot still free,
south below north — is declared with ``@server_checks`` under the operation's
decorator, and shows twice in the OpenAPI schema: in the description, for people,
and as extensions, for programs (the API's property tests read them):

* ``x-server-checks``: field → rule. Schema-valid input that breaks the rule is a
  400 (409 for a slot someone took) whose ``fields`` names that field.
* ``x-state-errors``: code → when. A refusal that depends on what happened before
  (a key used already, a meeting decided meanwhile), not on one field: its body has
  that ``code`` and no ``fields``.
"""

from functools import partial

from ninja.operation import Operation
from ninja.utils import contribute_operation_callback

SERVER_CHECKS = "x-server-checks"
# The site's e-mail check (Django's EmailValidator) is stricter than `format: email`.
EMAIL_CHECK = {
    "email": "an address the site accepts: stricter than `format: email`, e.g. its "
    "top-level domain has two characters or more"
}
PHONE_CHECK = {
    "phone": "empty, or a Bulgarian number (e.g. `0888 123 456`, `+359 2 123 4567`), "
    "stored as E.164"
}
STATE_ERRORS = "x-state-errors"


def server_checks(
    fields: dict[str, str] | None = None, *, state_errors: dict[str, str] | None = None
):
    """Declare the operation's checks the schema cannot state (see the module)."""

    def declare(view_func):
        contribute_operation_callback(
            view_func, partial(_document, dict(fields or {}), dict(state_errors or {}))
        )
        return view_func

    return declare


def _document(fields: dict[str, str], state_errors: dict[str, str], operation: Operation):
    extra = dict(operation.openapi_extra or {})  # may be a constant shared by operations
    sections = [operation.description or ""]
    if fields:
        extra[SERVER_CHECKS] = fields
        sections.append(
            "**The server also checks** (a 400 or 409 names the field in `fields`):\n"
            + "\n".join(f"* `{name}`: {rule}" for name, rule in fields.items())
        )
    if state_errors:
        extra[STATE_ERRORS] = state_errors
        sections.append(
            "**Refusals that depend on earlier requests** (the `code`, no `fields`):\n"
            + "\n".join(f"* `{code}`: {when}" for code, when in state_errors.items())
        )
    operation.openapi_extra = extra
    operation.description = "\n\n".join(section for section in sections if section)
