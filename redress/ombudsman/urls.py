from django.urls import path

from . import views

app_name = "ombudsman"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("benchmarking/", views.benchmarking, name="benchmarking"),
    path("settings/", views.settings_page, name="settings"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/next-stage/", views.next_stage, name="next-stage"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/decision/", views.decision, name="decision"),
    path("<int:pk>/refer-back/", views.refer_back, name="refer-back"),
    path("<int:pk>/monitoring-officer/", views.tell_monitoring_officer, name="monitoring-officer"),
    path("<int:pk>/remedies/add/", views.recommendation, name="recommendation-add"),
    path("<int:pk>/remedies/<int:recommendation_pk>/", views.recommendation, name="recommendation"),
    path("<int:pk>/documents/", views.upload, name="upload"),
    path("<int:pk>/documents/<int:document_pk>/", views.download, name="download"),
]
