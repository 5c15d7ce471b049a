from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = UserAdmin.fieldsets + (("Role", {"fields": ["role", "job_title", "must_change_password"]}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("Role", {"fields": ["role", "first_name", "last_name", "email"]}),)
