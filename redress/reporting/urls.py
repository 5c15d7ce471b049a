from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("annual/", views.annual_report, name="annual"),
    path("team/<slug:kind>/", views.team_report, name="team"),
    path("annual/download/<slug:format>/", views.download, name="download"),
    path("annual/prepared/<int:pk>/", views.prepared, name="prepared"),
    path("annual/prepared/<int:pk>/file/", views.prepared_file, name="prepared-file"),
    path("annual/<int:year>/<slug:procedure>/text/", views.narrative, name="narrative"),
]
