from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "dantinh.documents"
    label = "documents"
    verbose_name = "Documents"
