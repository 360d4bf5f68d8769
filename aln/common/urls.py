from django.urls import path

from aln.common import views

app_name = "common"

urlpatterns = [
    path("language/<str:language>/", views.LanguageSwitchView.as_view(), name="language-switch"),
    path("session/keep-alive/", views.SessionKeepAliveView.as_view(), name="session-keep-alive"),
]
