"""No Publish button on medical content, for anyone (issue 13, finding 6).

Every page type of the portal and every medical record (drug, drug class, condition) goes
live only when the Medical review workflow approves it (finish.py). The permission tester
and policy in permissions.py already refuse "publish"; Wagtail's own menus, though, show a
superuser Publish because they ask `user.has_perm`, which a superuser always passes. So the
button is taken out of every editor's footer here, and a publish that reaches Wagtail's
publish step anyway (a crafted POST) is stopped before it publishes, saying why.

The page listing's bulk Publish is withdrawn too, and with it bulk Unpublish, which would
take pages down without the reason a takedown needs (takedown.py). Wagtail has no way to
unregister a bulk action, so they are taken out of its registry once every hook is known:
when the admin's URLs are built. Their addresses then answer 404. (The copy form's
"Publish copies" is dealt with in copy_form.py.)"""

from django.contrib import messages
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

from drugs.models.base import MedicalRecord

PUBLISH = "action-publish"
WITHDRAWN_BULK_ACTIONS = ("publish", "unpublish")  # of pages
REFUSED = (
    "Not published: medical content goes live only when Medical review approves it. "
    "Your changes are saved as a draft; choose “Submit to Medical review”."
)


def without_publish(menu_items):
    menu_items[:] = [item for item in menu_items if item.name != PUBLISH]


@hooks.register("construct_page_action_menu")
def no_publish_on_pages(menu_items, request, context):
    without_publish(menu_items)  # every page type here is medical content


@hooks.register("construct_snippet_action_menu")
def no_publish_on_records(menu_items, request, context):
    if issubclass(context["model"], MedicalRecord):
        without_publish(menu_items)


def refuse(request, obj):
    messages.error(request, REFUSED)
    return redirect(AdminURLFinder(request.user).get_edit_url(obj) or "wagtailadmin_home")


@hooks.register("before_publish_page")
def refuse_page_publish(request, page):
    match = request.resolver_match
    if match and match.view_name == "wagtailadmin_pages:add" and page.live:
        # The add view saves a new page as live before it asks this hook: keep it a draft.
        type(page).objects.filter(pk=page.pk).update(live=False)
        page.live = False
    return refuse(request, page)


@hooks.register("before_publish")
def refuse_record_publish(request, obj):
    if isinstance(obj, MedicalRecord):
        return refuse(request, obj)
    return None


def withdraw_bulk_actions():
    bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")  # reads the hooks
    page_actions = bulk_action_registry.actions.get("wagtailcore", {}).get("page", {})
    for action_type in WITHDRAWN_BULK_ACTIONS:
        page_actions.pop(action_type, None)


@hooks.register("register_admin_urls")
def withdraw_bulk_publishing():
    withdraw_bulk_actions()
    return []
