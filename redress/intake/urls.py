from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.start, name="start"),
    path("young-people/", views.start, {"young": True}, name="start-young"),
    path("easy-read/", views.easy_read, name="easy-read"),
    path("documents/", views.documents, name="documents"),
    path("check-your-answers/", views.check, name="check"),
    path("sent/", views.confirmation, name="confirmation"),
    path("sent/easy-read/", views.confirmation, {"easy": True}, name="confirmation-easy-read"),
    path("privacy/", views.statement, {"which": "privacy"}, name="privacy"),
    path("accessibility/", views.statement, {"which": "accessibility"}, name="accessibility"),
    path("timed-out/", views.timed_out, name="timed-out"),
    path("carry-on/<str:signed>/", views.resume, name="resume"),
    path("keep-alive/", views.keep_alive, name="keep-alive"),
    path("<slug:slug>/", views.question, name="question"),
]
