"""The demo's sign-ins, with published passwords, for local demos only: a superuser, a
medical author and a medical reviewer, so the "Medical review" workflow can be tried end to
end (the two-person rule needs two people).

They are created only where settings allow it (development and test settings; never
production), and an existing account is never changed: not its password, its name, its
groups or its reviewer profile."""

from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model

# Printed by the command for anyone running the demo: throwaways for local demos only.
USERNAME = "admin"
PASSWORD = "admin-demo-2026"  # noqa: S105
EMAIL = "admin@example.org"

# The groups made by pages/migrations/0004_review_roles_and_workflow.py.
AUTHORS_GROUP = "Medical authors"
REVIEWERS_GROUP = "Medical reviewers"


class DemoUser(NamedTuple):
    role: str
    username: str
    password: str
    email: str
    first_name: str = ""
    last_name: str = ""
    group: str = ""
    # A reviewer's name and credentials as printed on the stamps they give.
    display_name: str = ""
    credentials: str = ""


ADMIN = DemoUser("admin", USERNAME, PASSWORD, EMAIL)
AUTHOR = DemoUser(
    "medical author",
    "author",
    "author-demo-2026",
    "author@example.org",
    first_name="Sam",
    last_name="Writer",
    group=AUTHORS_GROUP,
)
REVIEWER = DemoUser(
    "medical reviewer",
    "reviewer",
    "reviewer-demo-2026",
    "reviewer@example.org",
    first_name="Amina",
    last_name="Okafor",
    group=REVIEWERS_GROUP,
    display_name="Dr Amina Okafor",
    credentials="MD",
)
DEMO_USERS = (ADMIN, AUTHOR, REVIEWER)


class DemoLogin(NamedTuple):
    username: str
    password: str
    url: str
    created: bool
    role: str = "admin"


def demo_logins_allowed() -> bool:
    return bool(getattr(settings, "DEMO_LOGINS_ALLOWED", False))


def admin_url() -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"


def _create(demo: DemoUser):
    from django.contrib.auth.models import Group

    from pages.models import ReviewerProfile

    user_model = get_user_model()
    if demo is ADMIN:
        return user_model.objects.create_superuser(demo.username, demo.email, demo.password)
    try:
        group = Group.objects.get(name=demo.group)
    except Group.DoesNotExist:
        raise RuntimeError(
            f"The group {demo.group!r} is missing: run `manage.py migrate` first."
        ) from None
    user = user_model.objects.create_user(
        demo.username,
        demo.email,
        demo.password,
        first_name=demo.first_name,
        last_name=demo.last_name,
    )
    user.groups.add(group)
    if demo.display_name:
        ReviewerProfile.objects.create(
            user=user, display_name=demo.display_name, credentials=demo.credentials
        )
    return user


def ensure_demo_logins() -> list[DemoLogin]:
    """Create whichever demo accounts are missing (admin, medical author, medical reviewer);
    leave existing accounts untouched, and give their groups the search permissions
    (portal/search/permissions.py). Returns them in that order."""
    if not demo_logins_allowed():
        raise RuntimeError("Demo logins are not allowed by these settings.")
    from portal.search.permissions import grant_to

    # The migration grants these too; the loader makes sure, so the demo's author and
    # reviewer can open every search screen however their groups came to be.
    grant_to(AUTHORS_GROUP, REVIEWERS_GROUP)
    user_model = get_user_model()
    logins = []
    for demo in DEMO_USERS:
        exists = user_model.objects.filter(**{user_model.USERNAME_FIELD: demo.username}).exists()
        if not exists:
            _create(demo)
        logins.append(DemoLogin(demo.username, demo.password, admin_url(), not exists, demo.role))
    return logins


def describe(logins: list[DemoLogin]) -> str:
    """The lines a command prints for these logins, one account after another."""
    lines = []
    for login in logins:
        if login.created:
            lines.append(f"Created the demo {login.role} login.")
            password = login.password
        else:
            lines.append(
                f"The demo {login.role} login already exists; its password was not changed."
            )
            password = f"{login.password} (unless someone has changed it)"
        lines += [
            f"  Sign in at {login.url}",
            f"  Username: {login.username}",
            f"  Password: {password}",
        ]
    return "\n".join(lines)
