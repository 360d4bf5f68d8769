"""Disagreement pages. Each views module owns its routes; they are listed here under one
namespace."""

from aln.disputes.views import appeals, dashboard, log, outcomes, requests, support

app_name = "disputes"

urlpatterns = [
    *dashboard.urlpatterns,
    *log.urlpatterns,
    *requests.urlpatterns,
    *outcomes.urlpatterns,
    *appeals.urlpatterns,
    *support.urlpatterns,
]
