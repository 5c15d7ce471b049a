from django.urls import path

from . import views

app_name = "information_rights"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.create, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/search/", views.search, name="search"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("<int:pk>/cases/<int:included_pk>/decision/", views.decide, name="decide"),
    path("<int:pk>/erase/", views.erase, name="erase"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/bundles/", views.prepare_bundle, name="prepare-bundle"),
    path("<int:pk>/bundles/<int:bundle_pk>/download/", views.download, name="download"),
]
