from django.urls import path

from . import oidc, passwords, sessions, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("sign-in/set-up/", views.sign_in_set_up, name="sign-in-set-up"),
    path("sign-in/council/", oidc.CouncilSignInStart.as_view(), name="oidc-start"),
    path("sign-in/council/callback/", oidc.CouncilSignInCallback.as_view(), name="oidc-callback"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", sessions.signed_out, name="signed-out"),
    path("keep-alive/", sessions.keep_alive, name="keep-alive"),
    path("two-factor/", views.own_two_factor, name="two-factor"),
    path("password/", passwords.ChangePassword.as_view(), name="password-change"),
    path("password/reset/", passwords.ResetRequest.as_view(), name="password-reset"),
    path("password/reset/sent/", passwords.ResetSent.as_view(), name="password-reset-sent"),
    path("password/reset/<uidb64>/<token>/", passwords.ResetChoose.as_view(), name="password-reset-choose"),
    path("password/reset/done/", passwords.ResetDone.as_view(), name="password-reset-done"),
    path("staff/", views.staff, name="staff"),
    path("staff/add/", views.staff_edit, name="staff-add"),
    path("staff/<int:pk>/", views.staff_edit, name="staff-edit"),
    path("staff/<int:pk>/end-sessions/", sessions.end_sessions, name="staff-end-sessions"),
    path("staff/<int:pk>/hand-over/", views.staff_hand_over, name="staff-hand-over"),
    path("staff/<int:pk>/reset-two-factor/", views.staff_reset_two_factor, name="staff-reset-two-factor"),
]
