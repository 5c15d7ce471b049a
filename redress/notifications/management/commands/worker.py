import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from redress.notifications.background import Backoff, Worker


class Command(db_worker.Command):
    help = (
        "Run the background tasks (emails, imports, reminders, documents). The same options as "
        "django_tasks_db's db_worker, but a database error means waiting and trying again, never stopping."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--longest-wait",
            type=float,
            default=60,
            help="the most seconds to wait between tries when the database is down",
        )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        exclude_queues,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        longest_wait,
        **options,
    ):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded_queue_names = exclude_queues.split(",") if exclude_queues else []
        if excluded_queue_names and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            excluded_queue_names=excluded_queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            backoff=Backoff(longest=longest_wait),
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child process the reloader starts
            run_with_reloader(worker.run)
            return
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()
