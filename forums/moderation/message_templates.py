"""Starting texts for a moderator's private message to a resident, written in the resident's
language: a caring one for crisis posts, naming the site's help numbers, and a plain one."""

from django.utils import translation
from django.utils.translation import gettext, gettext_lazy
from wagtail.models import Site

from portal import country, languages

CHOICES = [("crisis", gettext_lazy("Caring message with the help numbers (crisis posts)")),
           ("plain", gettext_lazy("Plain message"))]


def help_lines():
    """["Label: number (hours)", ...]: the site's emergency number and help numbers."""
    from portal.models import HelpNumber, SiteSettings, default_help_numbers

    site = Site.objects.filter(is_default_site=True).first()
    site_settings = SiteSettings.for_site(site) if site else None
    rows = [(row.label, row.number, row.hours)
            for row in HelpNumber.objects.filter(settings=site_settings)] \
        if site_settings and site_settings.pk else []
    rows = rows or default_help_numbers()
    numbers = country.emergency(site_settings)
    emergency = gettext("Emergency")  # outside the f-string, so makemessages finds it
    lines = [f"{emergency}: {numbers.number}"]
    lines += [f"{gettext(str(label))}: {number}" + (f" ({gettext(str(hours))})" if hours else "")
              for label, number, hours in rows if number != numbers.number]
    return lines


def render(name, user):
    """The starting text of template `name` for `user`, in the user's language."""
    with translation.override(languages.for_user(user)):
        hello = gettext("Hello %(name)s,") % {"name": user.display_name}
        if name != "crisis":
            return f"{hello}\n\n\n\n{gettext('The moderators')}"
        numbers = "\n".join(f"- {line}" for line in help_lines())
        return "\n\n".join([
            hello,
            gettext("We read what you wrote, and we are worried about you. You are not alone, "
                    "and you do not have to go through this by yourself."),
            gettext("If you are in danger now, or someone has overdosed, call the emergency "
                    "number straight away. You can also talk to someone, free and in confidence:"),
            numbers,
            gettext("You are welcome here, and you can write to us at any time."),
            gettext("The moderators"),
        ])
