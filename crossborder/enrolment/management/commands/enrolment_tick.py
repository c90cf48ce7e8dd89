from django.core.management.base import BaseCommand

from crossborder.enrolment.models import Call
from crossborder.enrolment.services import expire_offers, offer_free_seats


class Command(BaseCommand):
    help = "Expire overdue offers and offer free seats from the waiting lists (run every 15 min)."

    def handle(self, *args, **options):
        expired = offered = 0
        for call in Call.objects.select_related("seminar").filter(
            seminar__status__in=["applications_open", "applications_closed", "published"]
        ):
            expired += expire_offers(call=call)
            offered += len(offer_free_seats(call=call, by=None))
        self.stdout.write(f"{expired} offer(s) expired, {offered} place(s) offered.")
