"""Changes to reports, one module per part of the work:

- ``submission``: a citizen (or an operator for a caller) submits a report; routing.
- ``events``: every change is a timeline event; public ones notify people.
- ``workflow``: what staff do in the queue (status, answer, assign, route, moderate).
- ``following``: subscriptions and the submitter's reopening of a resolved report.
"""
