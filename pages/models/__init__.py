from pages.review.models import MedicalReviewTask, ReviewerProfile  # noqa: E402, I001
from pages.review.reminder_models import ReviewReminder  # noqa: F401

from .article import ArticlePage
from .content import ContentPage
from .home import HomePage
from .section import SectionPage
from .settings import PortalSettings
from .snippets import Advert, CallToAction

__all__ = [
    "Advert",
    "ArticlePage",
    "CallToAction",
    "ContentPage",
    "HomePage",
    "MedicalReviewTask",
    "ReviewerProfile",
    "PortalSettings",
    "SectionPage",
]
