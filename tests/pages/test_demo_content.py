"""The demo loader: one command, safe to run again."""

import pytest

from django.core.management import call_command

from wagtail.models import Page, Revision

from drugs.models import BrandName, Condition, Drug, DrugClass, Route

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in [Page, Revision, Drug, DrugClass, Condition, Route, BrandName]
    }


def test_loading_twice_changes_nothing():
    before = counts()
    call_command("load_demo_content", "--no-logins", verbosity=0)
    assert counts() == before


def test_every_record_is_live_with_a_review_stamp():
    for model in [Drug, DrugClass, Condition]:
        assert not model.objects.filter(live=False).exists()
        assert not model.objects.filter(last_reviewed_on__isnull=True).exists()


def test_demo_login_is_created_only_where_allowed(settings, capsys):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    settings.DEMO_LOGINS_ALLOWED = False
    call_command("load_demo_content")
    assert not User.objects.filter(username="admin").exists()
    settings.DEMO_LOGINS_ALLOWED = True
    call_command("load_demo_content")
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert "admin" in capsys.readouterr().out
