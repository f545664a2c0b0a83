"""Emergency takedown: a medical reviewer takes a live page or record off the site at once,
and says why.

Wagtail's own Unpublish views, with one field more: the reason, which is required and goes
into the item's history (the audit log entry "portal.takedown", shown as "Taken down: …").
Unpublishing then does what it always does: the page or record leaves the site, and the
page cache forgets every page, list and search result that showed it
(portal/cache/invalidation.py). Who may take content down is roles.may_take_down; the page
permission tester and the records' permission policy ask it (permissions.py)."""

from django import forms
from django.contrib.admin.utils import quote
from django.urls import reverse

from wagtail import hooks
from wagtail.admin.action_menu import UnpublishMenuItem as PageUnpublishMenuItem
from wagtail.admin.views.pages.unpublish import UnpublishView as PageUnpublishView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.log_actions import LogFormatter, log
from wagtail.permissions import policy_registry
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.views.snippets import UnpublishView as SnippetUnpublishView

from drugs.models.base import MedicalRecord

from .permissions import UNPUBLISH

LOG_ACTION = "portal.takedown"
UNPUBLISH_ITEM = "action-unpublish"


class TakedownForm(forms.Form):
    reason = forms.CharField(
        label="Why is it being taken down?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Kept in its history with your name and the time, for whoever follows up. "
            "It is not shown to readers."
        ),
        error_messages={
            "required": "Give the reason for taking it down: it is kept in its history.",
        },
    )


class TakedownMixin:
    """The reason's form around Wagtail's unpublish views (pages and records)."""

    page_title = "Emergency takedown"

    def get_form(self):
        return TakedownForm(self.request.POST if self.request.method == "POST" else None)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        self.reason = form.cleaned_data["reason"]
        return super().post(request, *args, **kwargs)

    def unpublish(self):
        was_live = self.object.live
        response = super().unpublish()
        model = type(self.object)
        taken_down = not model.objects.filter(pk=self.object.pk, live=True).exists()
        if was_live and taken_down:
            data = {"reason": self.reason}
            if self.request.POST.get("include_descendants"):
                data["include_descendants"] = True
            log(self.object, LOG_ACTION, user=self.request.user, data=data)
        return response

    def get_success_message(self):
        return f"“{self.object}” taken down. The reason is kept in its history."


class PageTakedownView(TakedownMixin, PageUnpublishView):
    template_name = "review/takedown_page.html"


class RecordTakedownView(TakedownMixin, SnippetUnpublishView):
    permission_required = UNPUBLISH
    template_name = "review/takedown_record.html"


class ReviewedPageViewSet(PageViewSet):
    """Wagtail's views for every page type, with the takedown as the unpublish view."""

    unpublish_view_class = PageTakedownView


@hooks.register("register_admin_viewset")  # after Wagtail's own (order -1): replaces it
def register_reviewed_page_viewset():
    return ReviewedPageViewSet()


class RecordTakedownMenuItem(ActionMenuItem):
    """The record editor's Unpublish, for whoever may take it down (Wagtail's own asks for
    a publish permission, which here nobody has, though a superuser is shown it)."""

    label = "Unpublish"
    name = UNPUBLISH_ITEM
    icon_name = "download"
    order = 20

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context["view"] == "edit"
            and instance is not None
            and instance.live
            and policy_registry.get_by_type(context["model"]).user_has_permission(
                context["request"].user, UNPUBLISH
            )
        )

    def get_url(self, context):
        instance = context["instance"]
        url_name = instance.snippet_viewset.get_url_name("unpublish")
        return reverse(url_name, args=[quote(instance.pk)])


@hooks.register("construct_snippet_action_menu")
def takedown_on_records(menu_items, request, context):
    if not issubclass(context["model"], MedicalRecord):
        return
    menu_items[:] = [item for item in menu_items if item.name != UNPUBLISH_ITEM]
    item = RecordTakedownMenuItem()
    if item.is_shown({**context, "request": request}):
        menu_items.append(item)
        menu_items.sort(key=lambda menu_item: menu_item.order)


class PageTakedownMenuItem(PageUnpublishMenuItem):
    """The page editor's Unpublish, shown to whoever may take the page down even while
    someone else holds a lock on it (Wagtail's own hides it then)."""

    def is_shown(self, context):
        return context["view"] == "edit" and context["user_page_permissions_tester"].can_unpublish()


@hooks.register("construct_page_action_menu")
def takedown_on_pages(menu_items, request, context):
    menu_items[:] = [item for item in menu_items if item.name != UNPUBLISH_ITEM]
    item = PageTakedownMenuItem(order=20)
    if "page" in context and item.is_shown(context):
        menu_items.append(item)
        menu_items.sort(key=lambda menu_item: menu_item.order)


@hooks.register("register_log_actions")
def register_takedown_log_action(actions):
    @actions.register_action(LOG_ACTION)
    class TakedownFormatter(LogFormatter):
        label = "Taken down"

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return f"Taken down: {reason}" if reason else "Taken down"
