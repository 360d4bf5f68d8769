from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "aln.common"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from aln.common.sessions import on_user_logged_in  # noqa: PLC0415

        # The inactivity clock starts at sign-in, in the session write signing in makes anyway.
        user_logged_in.connect(on_user_logged_in, dispatch_uid="aln.common.idle_clock")
