from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("staff/", views.staff, name="staff"),
    path("staff/add/", views.staff_edit, name="staff-add"),
    path("staff/<int:pk>/", views.staff_edit, name="staff-edit"),
]
