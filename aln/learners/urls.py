from django.urls import path

from aln.learners import views

app_name = "learners"

urlpatterns = [
    path("", views.LearnerSearchView.as_view(), name="learner-search"),
    path("add/", views.LearnerCreateView.as_view(), name="learner-create"),
    path("<uuid:learner_id>/", views.LearnerDetailView.as_view(), name="learner-detail"),
]
