"""`manage.py import_whitepaper`: the white paper into the Kennisbank, idempotently."""

from django.core.management.base import BaseCommand

from knowledge.whitepaper import SOURCE, import_whitepaper


class Command(BaseCommand):
    help = (
        "Import the LSTA white paper on aftercare into the knowledge base as a publication "
        "with one page per section. Running it again changes only what differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(SOURCE), help="The plain-text white paper.")

    def handle(self, *args, **options):
        publication, changed = import_whitepaper(options["path"])
        self.stdout.write(
            self.style.SUCCESS(f"{publication.url_path}: {changed} page(s) created or updated.")
        )
