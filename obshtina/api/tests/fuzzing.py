"""Shared by the schemathesis tests of both APIs."""

from hypothesis import HealthCheck

# Fixtures are per test, generated data can be large and slow: none of that is a fault.
HYPOTHESIS_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
}


def put_known_values(case, values: dict[str, object]) -> bool:
    """Put real values (numbers, slugs, keys) into `case`'s path, query and body, in place
    of random ones, so that the request also reaches the services behind; False if none fit."""
    replaced = False
    for name, value in values.items():
        for container in (case.path_parameters, case.query, case.body):
            if isinstance(container, dict) and name in container:
                container[name] = value
                replaced = True
    return replaced
