"""A record's public address: what reverse() gives, without a reverse() per listed record."""

import pytest

from django.urls import NoReverseMatch, reverse, set_script_prefix

from drugs.models import Condition, Drug, DrugClass
from tests.drugs.factories import make_class, make_drug

pytestmark = pytest.mark.django_db


def test_each_kind_of_record_has_the_address_its_url_pattern_gives():
    drug = make_drug("urlumab")
    drug_class = make_class("URL blockers")
    condition = Condition(name="URL fever", slug="url-fever", summary="s")
    for record in (drug, drug_class, condition):
        assert record.get_url() == reverse(record.url_name, kwargs={"slug": record.slug})
    assert Drug(slug="x").get_url() == "/drugs/x/"
    assert DrugClass(slug="x").get_url() == "/drug-classes/x/"


def test_a_site_served_under_a_path_prefix_gets_prefixed_addresses():
    drug = make_drug("prefixumab")
    try:
        set_script_prefix("/library/")
        assert drug.get_url() == f"/library/drugs/{drug.slug}/"
    finally:
        set_script_prefix("/")
    assert drug.get_url() == f"/drugs/{drug.slug}/"


def test_a_slug_the_url_pattern_refuses_gets_no_made_up_address():
    # Records made by an import or a migration are not validated by the admin form.
    with pytest.raises(NoReverseMatch):
        Drug(slug="a b").get_url()


def test_a_slug_with_a_trailing_newline_is_refused_too():
    with pytest.raises(NoReverseMatch):
        Drug(slug="abc\n").get_url()
