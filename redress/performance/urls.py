from django.urls import path

from . import views

app_name = "performance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures/<int:year>/<slug:period>/", views.figures, name="figures"),
    path("targets/<int:year>/", views.targets, name="targets"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/add/", views.indicator, name="indicator-add"),
    path("indicators/<int:pk>/", views.indicator, name="indicator"),
    path("national-data/", views.national, name="national"),
    path("report/", views.report, name="report"),
    path("report/download/<slug:format>/", views.download, name="download"),
]
