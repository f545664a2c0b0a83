"""Roles and the "Medical review" workflow, so every fresh database has them.

Medical authors write and submit; medical reviewers approve or send back. Neither group
holds a publish permission: content goes live only when the workflow approves it."""

from django.db import migrations

RECORD_MODELS = [("drugs", "drug"), ("drugs", "drugclass"), ("drugs", "condition")]
AUTHORS, REVIEWERS = "Medical authors", "Medical reviewers"
WORKFLOW, TASK = "Medical review", "Medical reviewer approval"


def _ensure_permissions(apps):
    # Permissions are normally created after migrations finish; these need them now.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def create_roles_and_workflow(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    MedicalReviewTask = apps.get_model("pages", "MedicalReviewTask")

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    page_perms = {
        codename: Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for codename in ["add_page", "change_page"]
    }
    record_perms = [
        Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
        for app, model in RECORD_MODELS
        for action in ("add", "change", "view")
    ]
    home = Page.objects.filter(depth=2).order_by("path").first()

    groups = {}
    for name in (AUTHORS, REVIEWERS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, *record_perms)
        if home is not None:
            for permission in page_perms.values():
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=permission
                )
        groups[name] = group

    task_type, _ = ContentType.objects.get_or_create(app_label="pages", model="medicalreviewtask")
    task = MedicalReviewTask.objects.filter(name=TASK).first()
    if task is None:
        task = MedicalReviewTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(groups[REVIEWERS])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if home is not None:
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    for app, model in RECORD_MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app, model=model)
        WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def remove_roles_and_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("pages", "MedicalReviewTask").objects.filter(name=TASK).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[AUTHORS, REVIEWERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_medical_review"),
        ("drugs", "0003_medical_review"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, remove_roles_and_workflow)]
