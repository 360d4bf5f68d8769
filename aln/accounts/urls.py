from django.urls import path

from aln.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("account/", views.AccountView.as_view(), name="account"),
    path(
        "account/sign-out-everywhere/",
        views.AccountSignOutEverywhereView.as_view(),
        name="sign-out-everywhere",
    ),
    path("users/add/", views.UserInviteView.as_view(), name="user-invite"),
]
