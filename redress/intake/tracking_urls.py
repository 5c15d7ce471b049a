from django.urls import path

from . import views

app_name = "tracking"
urlpatterns = [
    path("", views.track_start, name="start"),
    path("code/", views.track_code, name="code"),
    path("case/", views.track_case, name="case"),
    path("sign-out/", views.track_sign_out, name="sign-out"),
]
