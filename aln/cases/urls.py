from django.urls import path

from aln.cases.views.actions import (
    ACTION_VIEWS,
    ConcernCreateView,
    FamilyConcernView,
    action_url_name,
)
from aln.cases.views.detail import CaseDetailView

app_name = "cases"

urlpatterns = [
    path("new/<uuid:learner_id>/", ConcernCreateView.as_view(), name="concern-create"),
    path("raise/<uuid:learner_id>/", FamilyConcernView.as_view(), name="family-concern"),
    path("<uuid:case_id>/", CaseDetailView.as_view(), name="case-detail"),
    *(
        path(
            f"<uuid:case_id>/{action_url_name(view.action)}/",
            view.as_view(),
            name=action_url_name(view.action),
        )
        for view in ACTION_VIEWS
    ),
]
