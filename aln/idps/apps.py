from django.apps import AppConfig


class IdpsConfig(AppConfig):
    name = "aln.idps"
