from django.urls import path

from . import passwords, sessions, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", sessions.signed_out, name="signed-out"),
    path("keep-alive/", sessions.keep_alive, name="keep-alive"),
    path("password/", passwords.ChangePassword.as_view(), name="password-change"),
    path("password/reset/", passwords.ResetRequest.as_view(), name="password-reset"),
    path("password/reset/sent/", passwords.ResetSent.as_view(), name="password-reset-sent"),
    path("password/reset/<uidb64>/<token>/", passwords.ResetChoose.as_view(), name="password-reset-choose"),
    path("password/reset/done/", passwords.ResetDone.as_view(), name="password-reset-done"),
    path("staff/", views.staff, name="staff"),
    path("staff/add/", views.staff_edit, name="staff-add"),
    path("staff/<int:pk>/", views.staff_edit, name="staff-edit"),
    path("staff/<int:pk>/end-sessions/", sessions.end_sessions, name="staff-end-sessions"),
]
