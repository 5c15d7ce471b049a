from django.urls import path

from . import oidc, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("sign-in/set-up/", views.sign_in_set_up, name="sign-in-set-up"),
    path("sign-in/council/", oidc.CouncilSignInStart.as_view(), name="oidc-start"),
    path("sign-in/council/callback/", oidc.CouncilSignInCallback.as_view(), name="oidc-callback"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("two-factor/", views.own_two_factor, name="two-factor"),
    path("staff/", views.staff, name="staff"),
    path("staff/add/", views.staff_edit, name="staff-add"),
    path("staff/<int:pk>/", views.staff_edit, name="staff-edit"),
    path("staff/<int:pk>/reset-two-factor/", views.staff_reset_two_factor, name="staff-reset-two-factor"),
]
