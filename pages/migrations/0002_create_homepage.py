"""Replace Wagtail's placeholder welcome page with the portal's home page, so a fresh
database serves the portal (even before any demo content is loaded)."""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("pages.HomePage")

    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    if Page.objects.filter(path="00010001").exists():
        return  # the tree holds someone's content already; leave it alone

    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="pages")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Health library",
        draft_title="Health library",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("pages.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
