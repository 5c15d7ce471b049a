from django.urls import path

from . import views

app_name = "tasks"
urlpatterns = [
    path("tasks/", views.my_tasks, name="mine"),
    path("tasks/<int:pk>/done/", views.mark_done, name="done"),
    path("cases/<str:reference>/tasks/add/", views.add, name="add"),
]
