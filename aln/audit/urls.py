from django.urls import path

from aln.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.AuditSearchView.as_view(), name="search"),
    path("<int:event_id>/", views.AuditEventDetailView.as_view(), name="event"),
    path("export.csv", views.AuditExportView.as_view(), name="export"),
]
