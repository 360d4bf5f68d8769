from django.urls import path

from aln.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("sign-in/code/", views.TwoStepCodeView.as_view(), name="two-step-code"),
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
    path("account/two-step/set-up/", views.TwoStepSetUpView.as_view(), name="two-step-set-up"),
    path(
        "account/two-step/recovery-codes/",
        views.TwoStepRecoveryCodesView.as_view(),
        name="two-step-recovery-codes",
    ),
    path(
        "account/two-step/recovery-codes/new/",
        views.TwoStepNewRecoveryCodesView.as_view(),
        name="two-step-new-recovery-codes",
    ),
    path(
        "account/two-step/turn-off/", views.TwoStepTurnOffView.as_view(), name="two-step-turn-off"
    ),
    path("users/add/", views.UserInviteView.as_view(), name="user-invite"),
]
