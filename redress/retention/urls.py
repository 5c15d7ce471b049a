from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path("", views.index, name="index"),
    path("cases/<str:reference>/hold/", views.place_hold, name="place-hold"),
    path("holds/<int:pk>/release/", views.release_hold, name="release-hold"),
]
