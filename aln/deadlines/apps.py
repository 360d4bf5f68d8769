from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "aln.deadlines"
