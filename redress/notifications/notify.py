"""Text messages through GOV.UK Notify, used only when the council has set it up.

The Notify template (NOTIFY_SMS_TEMPLATE_ID) needs one placeholder, ((message))."""

from django.conf import settings


def send_sms(phone: str, message: str) -> None:
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(settings.NOTIFY_API_KEY)
    client.send_sms_notification(
        phone_number=phone, template_id=settings.NOTIFY_SMS_TEMPLATE_ID, personalisation={"message": message}
    )
