"""Drug classes form a tree (Immunomodulators > Biologics > TNF inhibitors).

Editors pick a parent from a list; each class also stores its ancestry as a materialised
path of ids, so a class's breadcrumb, or the paths of every class on a page, cost one query
however deep the tree is."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from ..forms import ParentClassChooser
from .base import MedicalRecord


class DrugClass(MedicalRecord):
    name = models.CharField(max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The broader class this one belongs to. Leave empty for a top-level class.",
    )
    also_called = models.CharField(
        max_length=200,
        blank=True,
        help_text="Other names or abbreviations, separated by commas (e.g. 'DMARDs').",
    )
    description = models.TextField(blank=True, help_text="A longer plain-language overview.")
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text="Position among its sibling classes (lower comes first)."
    )
    tree_path = models.CharField(max_length=255, editable=False, db_index=True, default="/")

    url_name = "drug_class_detail"
    template_name = "drugs/drug_class_detail.html"

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("also_called")], heading="Identity"
        ),
        MultiFieldPanel(
            [FieldPanel("parent", widget=ParentClassChooser), FieldPanel("sort_order")],
            heading="Place in the tree",
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("also_called", boost=3),
        index.SearchField("summary"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "drug class"
        verbose_name_plural = "drug classes"

    def __str__(self):
        return self.name

    # --- tree -----------------------------------------------------------------------------

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent (not including this class)."""
        return [int(part) for part in self.tree_path.strip("/").split("/") if part][:-1]

    @property
    def depth(self) -> int:
        return len(self.ancestor_ids)

    def get_ancestors(self):
        ids = self.ancestor_ids
        by_id = DrugClass.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def get_descendants(self):
        return DrugClass.objects.filter(tree_path__startswith=self.tree_path).exclude(pk=self.pk)

    def clean(self):
        super().clean()
        if self.parent_id and self.pk:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "A class cannot be its own parent."})
            parent = DrugClass.objects.filter(pk=self.parent_id).only("tree_path").first()
            if parent and f"/{self.pk}/" in parent.tree_path:
                raise ValidationError(
                    {"parent": "That class sits inside this one; choose a class outside it."}
                )

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "parent" not in update_fields:
            # e.g. save_revision() saving a draft: the live tree must not move.
            return super().save(*args, **kwargs)
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)  # the path needs this class's own id
                args, kwargs = (), {}
            old_path = (
                DrugClass.objects.filter(pk=self.pk).values_list("tree_path", flat=True).first()
            )
            parent_path = "/"
            if self.parent_id:
                parent_path = DrugClass.objects.values_list("tree_path", flat=True).get(
                    pk=self.parent_id
                )
            self.tree_path = f"{parent_path}{self.pk}/"
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "tree_path"}
            super().save(*args, **kwargs)
            if old_path and old_path not in ("/", self.tree_path):
                # The class moved: rewrite the paths of everything beneath it in one statement.
                DrugClass.objects.filter(tree_path__startswith=old_path).exclude(pk=self.pk).update(
                    tree_path=Concat(Value(self.tree_path), Substr("tree_path", len(old_path) + 1))
                )
