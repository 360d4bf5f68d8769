from django.urls import path

from aln.notices import views

app_name = "notices"

urlpatterns = [
    path("<uuid:notice_id>/download/", views.NoticeDownloadView.as_view(), name="download"),
    path("providers/", views.SupportProviderListView.as_view(), name="provider-list"),
    path("providers/add/", views.SupportProviderCreateView.as_view(), name="provider-create"),
    path(
        "providers/<uuid:provider_id>/",
        views.SupportProviderUpdateView.as_view(),
        name="provider-update",
    ),
    path(
        "providers/<uuid:provider_id>/remove/",
        views.SupportProviderDeactivateView.as_view(),
        name="provider-deactivate",
    ),
]
