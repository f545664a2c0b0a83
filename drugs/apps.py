from django.apps import AppConfig


class DrugsConfig(AppConfig):
    name = "drugs"
    verbose_name = "Medicines and conditions"

    def ready(self):
        from . import lookups

        lookups.register()
