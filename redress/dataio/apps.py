from django.apps import AppConfig


class DataioConfig(AppConfig):
    name = "redress.dataio"
    label = "dataio"
    verbose_name = "Import and export"

    def ready(self) -> None:
        from redress.clocks.passes import clock_pass_register
        from redress.dataio.services.batches import imports_commit_pending

        clock_pass_register("imports", imports_commit_pending)
