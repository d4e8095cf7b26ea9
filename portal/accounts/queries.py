"""Read-only questions about accounts (state changes are actions.py)."""

from allauth.account.models import EmailAddress
from django.utils import timezone

from .models import User
from .signals import collect_user_data


def export_user_data(user):
    """Everything the portal holds about `user`, as a JSON-ready dict."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "neighbourhood": str(user.neighbourhood) if user.neighbourhood else None,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": sorted(user.role_names),
            "partner": str(user.partner) if user.partner else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user)
        ],
    }
    for _receiver, section in collect_user_data.send(sender=User, user=user):
        data.update(section or {})
    return data
