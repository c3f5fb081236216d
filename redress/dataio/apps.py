from django.apps import AppConfig


class DataioConfig(AppConfig):
    name = "redress.dataio"
    label = "dataio"
    verbose_name = "Import and export"

    def ready(self) -> None:
        from redress.clocks.passes import worker_passes
        from redress.core.registry import WorkerPass
        from redress.dataio.worker import imports_pass

        worker_passes.register(WorkerPass(name="imports", function=imports_pass))
