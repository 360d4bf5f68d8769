from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "aln.accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from aln.accounts.two_step import on_user_logged_in  # noqa: PLC0415

        user_logged_in.connect(on_user_logged_in, dispatch_uid="aln.accounts.two_step_gate")
