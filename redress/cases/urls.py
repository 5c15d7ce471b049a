from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("cases/", views.case_list, name="list"),
    path("cases/download/", views.case_list_download, name="list_download"),
    path("cases/new/", views.choose_kind, name="new"),
    path("cases/new/<slug:kind>/", views.case_create, name="create"),
    path("cases/<str:reference>/", views.case_detail, name="detail"),
    path("cases/<str:reference>/edit/", views.case_edit, name="edit"),
    path("cases/<str:reference>/findings/", views.case_findings, name="findings"),
    path("cases/<str:reference>/remedies/add/", views.case_remedy, name="remedy"),
    path("cases/<str:reference>/restrict-contact/", views.person_restriction, name="restrict"),
    path("cases/<str:reference>/contacts/add/", views.add_contact, name="contact-add"),
    path("cases/<str:reference>/documents/add/", views.add_document, name="document-add"),
    path("cases/<str:reference>/<slug:action>/", views.case_action, name="action"),
]
