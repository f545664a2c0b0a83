"""Drug classes form a tree whose paths stay right when editors move classes around."""

import pytest

from django.core.exceptions import ValidationError

from drugs.models import DrugClass
from tests.drugs.factories import make_class

pytestmark = pytest.mark.django_db


def test_demo_tree_has_the_reference_hierarchy():
    tnf = DrugClass.objects.get(slug="tnf-inhibitors")
    names = [c.name for c in tnf.get_ancestors()]
    assert names[0] == "Immunomodulators"
    assert "Biologics" in names
    assert tnf.depth == len(names)


def test_moving_a_class_moves_everything_beneath_it():
    root = make_class("Root A")
    other_root = make_class("Root B")
    middle = make_class("Middle", parent=root)
    leaf = make_class("Leaf", parent=middle)
    assert leaf.tree_path == f"/{root.pk}/{middle.pk}/{leaf.pk}/"

    middle.parent = other_root
    middle.save()
    leaf.refresh_from_db()
    assert [c.name for c in leaf.get_ancestors()] == ["Root B", "Middle"]
    assert set(other_root.get_descendants()) == {middle, leaf}
    assert not root.get_descendants().exists()


def test_a_class_cannot_be_put_inside_itself():
    root = make_class("Outer")
    inner = make_class("Inner", parent=root)
    root.parent = inner
    with pytest.raises(ValidationError) as error:
        root.full_clean()
    assert "inside this one" in str(error.value)
    root.parent = root
    with pytest.raises(ValidationError):
        root.full_clean()


def test_publishing_a_revision_keeps_the_path():
    root = make_class("Published root")
    child = make_class("Published child", parent=root)
    child.summary = "Changed."
    child.save_revision().publish()
    child.refresh_from_db()
    assert child.tree_path == f"/{root.pk}/{child.pk}/"
