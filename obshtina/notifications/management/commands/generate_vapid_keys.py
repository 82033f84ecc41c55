"""Print a new VAPID key pair for web push, as lines for the environment file:

    uv run python manage.py generate_vapid_keys >> /etc/obshtina/obshtina.env

Generate it once per deployment: browsers subscribed with one public key do not
receive messages signed with another, so a new pair means everyone subscribes again.
"""

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management.base import BaseCommand
from py_vapid import Vapid
from py_vapid.utils import b64urlencode, num_to_bytes


class Command(BaseCommand):
    help = "Print VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY for web push notifications."

    def handle(self, *args, **options):
        vapid = Vapid()
        vapid.generate_keys()
        private = num_to_bytes(vapid.private_key.private_numbers().private_value, 32)
        public = vapid.public_key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
        self.stdout.write(f"VAPID_PUBLIC_KEY={b64urlencode(public)}")
        self.stdout.write(f"VAPID_PRIVATE_KEY={b64urlencode(private)}")
