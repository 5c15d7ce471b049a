from django.urls import path

from . import views

app_name = "correspondence"
urlpatterns = [
    path("templates/", views.templates, name="templates"),
    path("templates/<int:pk>/", views.template_edit, name="template-edit"),
    path("cases/<str:reference>/new/", views.new_letter, name="new"),
    path("<int:pk>/<slug:format>/", views.download, name="download"),
]
