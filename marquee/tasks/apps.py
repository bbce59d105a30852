from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "marquee.tasks"
    label = "tasks"
    verbose_name = "Task queue"
