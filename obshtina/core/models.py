"""What the core keeps in the database: the answers to requests sent with an Idempotency-Key."""

from django.db import models


class IdempotentRequest(models.Model):
    """One creating request sent with an ``Idempotency-Key``, and the answer it got.

    Written in the same transaction as what the request created, so that whenever
    the item exists its answer does too and a retry is answered with it. Only a
    SHA-256 of the key is kept: for an anonymous caller the key alone is the scope.
    """

    # The municipality's, then "user:12", "open311:3" or "anonymous": "1/user:12".
    scope = models.CharField(max_length=40)
    key_hash = models.CharField(max_length=64)
    fingerprint = models.CharField(max_length=64)  # method, path and body (idempotency.py)
    created_at = models.DateTimeField(db_index=True)
    status = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=200, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(blank=True, default=b"")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_hash"], name="idempotency_key_once")
        ]

    def __str__(self):
        return f"{self.scope} {self.key_hash[:12]}"
