from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    name = "aln.dataprotection"
    label = "dataprotection"
