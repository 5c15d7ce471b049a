from django.urls import path

from . import views

app_name = "procedures"
urlpatterns = [
    path("", views.procedure_list, name="list"),
    path("<int:pk>/", views.procedure_edit, name="edit"),
    path("stages/<int:pk>/", views.stage_edit, name="stage-edit"),
    path("closure-days/", views.closure_days, name="closure-days"),
    path("closure-days/<int:pk>/remove/", views.closure_day_delete, name="closure-day-delete"),
]
