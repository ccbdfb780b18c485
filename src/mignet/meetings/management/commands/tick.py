"""`mignet tick`: run the scheduled work once, in this process (cron every 15 minutes where no broker runs)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from mignet.meetings import scheduled


class Command(BaseCommand):
    help = (
        "Run the scheduled work once: close decisions at their deadline, send action-point reminders, "
        "chair-term and meeting-cadence alerts. Safe to run twice: nothing is sent twice."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        done = scheduled.tick(now)
        labels = {
            "decisions_settled": "decisions closed at their deadline",
            "action_point_reminders": "action-point reminders queued",
            "chair_term_alerts": "chair-term alerts queued",
            "cadence_alerts": "meeting-cadence alerts queued",
        }
        self.stdout.write(f"tick at {now:%Y-%m-%d %H:%M:%S} UTC")
        for key, count in done.items():
            self.stdout.write(f"  {count:4d} {labels.get(key, key)}")
        if not any(done.values()):
            self.stdout.write("  nothing to do")
