"""Plan pages. Each views module owns its routes; they are listed here under one namespace."""

from aln.idps.views import ceasing, editor, issuing, plan, reviews, transfers

app_name = "idps"

urlpatterns = [
    *plan.urlpatterns,
    *editor.urlpatterns,
    *issuing.urlpatterns,
    *reviews.urlpatterns,
    *ceasing.urlpatterns,
    *transfers.urlpatterns,
]
