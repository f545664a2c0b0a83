"""Addresses of the record (snippet) views in the admin, for the drugs tests."""

from django.urls import reverse


def snippet_url(model, action, *args) -> str:
    """e.g. snippet_url(Drug, "edit", 12): the admin's edit view of drug 12."""
    return reverse(f"wagtailsnippets_drugs_{model._meta.model_name}:{action}", args=args)
