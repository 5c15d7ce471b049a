from django.urls import path

from . import views

app_name = "learning"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("<int:pk>/", views.edit, name="edit"),
    path("cases/<str:reference>/add/", views.add, name="add"),
    path("cases/<str:reference>/no-learning/", views.no_learning, name="no-learning"),
]
