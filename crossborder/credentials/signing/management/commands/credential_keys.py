"""manage.py credential_keys: the issuer's signing keys (see credentials/signing/keys.py)."""

from django.core.management.base import BaseCommand, CommandError

from crossborder.credentials.signing import keys


class Command(BaseCommand):
    help = (
        "Create (--ensure) or rotate (--rotate) the Ed25519 key that signs credentials. Keys are "
        "files in CREDENTIAL_KEY_DIR; retired keys stay published so old credentials verify."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--ensure", action="store_true", help="Create a key if there is none.")
        action.add_argument(
            "--rotate", action="store_true", help="Make a new current key; retire the old one."
        )

    def handle(self, *args, ensure=False, rotate=False, **options):
        try:
            if rotate:
                key = keys.create_key()
                self.stdout.write(f"New current key {key.key_id}; older keys retired.")
            elif ensure:
                key, created = keys.ensure_key()
                verb = "Created" if created else "Current"
                self.stdout.write(f"{verb} key {key.key_id}")
            for key in keys.all_keys():
                state = "retired" if key.retired else "current"
                self.stdout.write(f"{key.key_id}  {state}  {key.public_multibase}")
            if not keys.all_keys():
                self.stdout.write("No keys yet: run with --ensure.")
        except OSError as e:
            raise CommandError(f"Cannot write keys to {keys.key_dir()}: {e}") from e
