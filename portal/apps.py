from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from drugs.models import BrandName, Condition, ConditionSynonym, Drug, DrugClass

        from .cache import invalidation
        from .search.suggest import bump_version

        invalidation.connect()

        for model in (Drug, BrandName, DrugClass, Condition, ConditionSynonym):
            post_save.connect(bump_version, sender=model, dispatch_uid=f"vocab-{model.__name__}")
            post_delete.connect(
                bump_version, sender=model, dispatch_uid=f"vocab-d-{model.__name__}"
            )
