from django.urls import path

from . import views

app_name = "case_files"
urlpatterns = [path("<str:reference>/<int:pk>/", views.attachment, name="download")]
