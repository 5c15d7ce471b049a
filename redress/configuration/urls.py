from django.urls import path

from . import views

app_name = "configuration"
urlpatterns = [
    path("", views.index, name="index"),
    path("council/", views.council, name="council"),
    path("council/logo/", views.logo, name="logo"),
    path("lists/<slug:list_name>/", views.lookup_list, name="list"),
    path("lists/<slug:list_name>/add/", views.lookup_edit, name="list-add"),
    path("lists/<slug:list_name>/<int:pk>/", views.lookup_edit, name="list-edit"),
    path("service-areas/", views.service_areas, name="service-areas"),
    path("service-areas/add/", views.service_area_edit, name="service-area-add"),
    path("service-areas/<int:pk>/", views.service_area_edit, name="service-area-edit"),
]
