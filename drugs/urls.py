from django.urls import path

from . import views

urlpatterns = [
    path("drugs/", views.drug_index, name="drug_index"),
    path("drugs/<slug:slug>/", views.drug_detail, name="drug_detail"),
    path("drug-classes/", views.drug_class_index, name="drug_class_index"),
    path("drug-classes/<slug:slug>/", views.drug_class_detail, name="drug_class_detail"),
    path("conditions/", views.condition_index, name="condition_index"),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition_detail"),
]
