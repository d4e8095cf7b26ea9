"""Hooks other apps use to take part in a resident's data export and account deletion.

`collect_user_data` receivers return a dict that is merged into the export;
`anonymise_user_data` receivers anonymise what their app holds about the user.
Both are sent with sender=User and user=<the account>.
"""

from django.dispatch import Signal

collect_user_data = Signal()
anonymise_user_data = Signal()
