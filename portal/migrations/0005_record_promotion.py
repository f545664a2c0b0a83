"""Promoted records: a drug, drug class or condition shown above a search's results, chosen
with the record choosers (Settings → Promoted records). Both medical groups may add,
change, delete and view them, as they may Wagtail's promoted pages and links (0004)."""

import django.db.models.deletion
from django.db import migrations, models

GROUPS = ("Medical authors", "Medical reviewers")
CODENAMES = [f"{action}_recordpromotion" for action in ("add", "change", "delete", "view")]


def _ensure_permissions(apps):
    # Permissions are normally created after migrations finish; these need them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def _permissions(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="portal", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    _ensure_permissions(apps)
    rows = list(_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(*rows)


def revoke(apps, schema_editor):
    rows = list(_permissions(apps))
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*rows)


class Migration(migrations.Migration):
    dependencies = [
        ("drugs", "0005_icd10_fy2026_codes"),
        ("portal", "0004_search_admin_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordPromotion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "query_string",
                    models.CharField(
                        db_index=True,
                        help_text="The whole search, as readers type it; capitals and outer spaces do not matter.",
                        max_length=255,
                        verbose_name="search term(s)",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True, help_text="Shown under the record's name; leave empty for none."
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "condition",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="drugs.condition",
                    ),
                ),
                (
                    "drug",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="drugs.drug",
                    ),
                ),
                (
                    "drug_class",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="drugs.drugclass",
                    ),
                ),
            ],
            options={
                "verbose_name": "promoted record",
                "verbose_name_plural": "promoted records",
                "ordering": ["sort_order", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("condition__isnull", True),
                                ("drug__isnull", False),
                                ("drug_class__isnull", True),
                            ),
                            models.Q(
                                ("condition__isnull", True),
                                ("drug__isnull", True),
                                ("drug_class__isnull", False),
                            ),
                            models.Q(
                                ("condition__isnull", False),
                                ("drug__isnull", True),
                                ("drug_class__isnull", True),
                            ),
                            _connector="OR",
                        ),
                        name="promotes_one_record",
                    )
                ],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
