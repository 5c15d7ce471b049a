from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("annual/", views.annual_report, name="annual"),
    path("team/<slug:kind>/", views.team_report, name="team"),
    path("annual/download/<slug:format>/", views.download, name="download"),
    path("annual/<int:year>/<slug:procedure>/text/", views.narrative, name="narrative"),
]
