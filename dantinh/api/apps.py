from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "dantinh.api"
    label = "api"
