# The Django door to the language engine (its management commands); the engine itself,
# every other module of this package, stays free of Django.
from django.apps import AppConfig


class LanguageConfig(AppConfig):
    name = "dantinh.language"
    label = "language"
    verbose_name = "Language"
