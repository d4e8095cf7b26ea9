from django import forms
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class Partner(index.Indexed, models.Model):
    """An organisation in the partnership: police, an NGO, a health service, the city."""

    class Kind(models.TextChoices):
        POLICE = "police", gettext_lazy("Police")
        NGO = "ngo", gettext_lazy("NGO")
        HEALTH = "health", gettext_lazy("Health service")
        CITY = "city", gettext_lazy("City council")
        OTHER = "other", gettext_lazy("Other")

    name = models.CharField(max_length=120, unique=True, verbose_name=gettext_lazy("name"))
    slug = models.SlugField(max_length=120, unique=True, verbose_name=gettext_lazy("slug"))
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=gettext_lazy("kind"))
    description = models.TextField(blank=True, verbose_name=gettext_lazy("description"))
    description_es = models.TextField(
        gettext_lazy("description in Spanish"), blank=True,
        help_text=gettext_lazy("Shown on the Spanish pages; empty: the description above."))
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=gettext_lazy("logo")
    )
    website = models.URLField(blank=True, verbose_name=gettext_lazy("website"))
    public_email = models.EmailField(blank=True, help_text=gettext_lazy("Shown to the public."),
                                     verbose_name=gettext_lazy("public email"))
    public_phone = models.CharField(max_length=40, blank=True, help_text=gettext_lazy("Shown to the public."),
                                    verbose_name=gettext_lazy("public phone"))
    neighbourhoods = models.ManyToManyField(
        "taxonomy.Neighbourhood", blank=True, related_name="partners"
    )
    is_active = models.BooleanField(default=True, help_text=gettext_lazy("Inactive partners are not shown."),
                                    verbose_name=gettext_lazy("is active"))
    escalation_email = models.EmailField(
        blank=True, help_text=gettext_lazy("The partner's lead: told when a concern passes the response-time "
                              "target without an official answer. Never shown to the public."),
                              verbose_name=gettext_lazy("escalation email"))

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("is_active")],
            heading=gettext_lazy("Organisation"),
        ),
        FieldPanel("description"),
        FieldPanel("description_es"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("public_email"), FieldPanel("public_phone")],
            heading=gettext_lazy("Public contact"),
        ),
        FieldPanel("escalation_email"),
        FieldPanel("neighbourhoods", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partner_detail", args=[self.slug])

    @property
    def display_description(self):
        """The description in the page's language (portal/languages.py: translated)."""
        from portal.languages import translated

        return translated(self, "description")
