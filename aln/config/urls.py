from django.urls import include, path

urlpatterns = [
    path("", include("aln.home.urls")),
    path("", include("aln.common.urls")),
    path("", include("aln.accounts.urls")),
    path("learners/", include("aln.learners.urls")),
    path("cases/", include("aln.cases.urls")),
    path("deadlines/", include("aln.deadlines.urls")),
    path("notices/", include("aln.notices.urls")),
    path("plans/", include("aln.idps.urls")),
    path("disputes/", include("aln.disputes.urls")),
    path("audit/", include("aln.audit.urls")),
    path("", include("aln.dataprotection.urls")),
]

handler404 = "aln.common.views.page_not_found"
handler403 = "aln.common.views.permission_denied"
handler500 = "aln.common.views.server_error"
