"""Included at the root (`path("", include("aln.dataprotection.urls"))`): the subject access
export sits under its learner's address."""

from django.urls import path

from aln.dataprotection import views

app_name = "dataprotection"

urlpatterns = [
    path(
        "learners/<uuid:learner_id>/subject-access/",
        views.SubjectAccessView.as_view(),
        name="subject-access",
    ),
    path("data-protection/retention/", views.RetentionListView.as_view(), name="retention"),
    path(
        "data-protection/retention/review/",
        views.RetentionReviewView.as_view(),
        name="retention-review",
    ),
    path(
        "data-protection/retention/settings/",
        views.RetentionSettingsView.as_view(),
        name="retention-settings",
    ),
]
