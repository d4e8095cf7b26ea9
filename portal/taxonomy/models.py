from django.db import models
from django.utils.translation import gettext_lazy
from wagtail.search import index


class Topic(index.Indexed, models.Model):
    """What a concern, thread, report or event is about (e.g. drug litter, treatment access)."""

    name = models.CharField(max_length=80, unique=True, verbose_name=gettext_lazy("name"))
    name_es = models.CharField(gettext_lazy("name in Spanish"), max_length=80, blank=True,
                               help_text=gettext_lazy("Shown on the Spanish pages; empty: the name above."))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=gettext_lazy("slug"))
    description = models.TextField(blank=True, verbose_name=gettext_lazy("description"))
    description_es = models.TextField(gettext_lazy("description in Spanish"), blank=True)

    search_fields = [index.SearchField("name"), index.SearchField("name_es"),
                     index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the page's language (portal/languages.py: translated)."""
        from portal.languages import translated

        return translated(self, "name")

    @property
    def display_description(self):
        from portal.languages import translated

        return translated(self, "description")


class Neighbourhood(index.Indexed, models.Model):
    """An area of the city that partners serve and residents live in."""

    name = models.CharField(max_length=80, unique=True, verbose_name=gettext_lazy("name"))
    name_es = models.CharField(gettext_lazy("name in Spanish"), max_length=80, blank=True,
                               help_text=gettext_lazy("Shown on the Spanish pages; empty: the name above."))
    slug = models.SlugField(max_length=80, unique=True, verbose_name=gettext_lazy("slug"))

    search_fields = [index.SearchField("name"), index.SearchField("name_es"),
                     index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the page's language (portal/languages.py: translated)."""
        from portal.languages import translated

        return translated(self, "name")


class LandmarkKind(models.TextChoices):
    PARK = "park", gettext_lazy("Park or open space")
    STATION = "station", gettext_lazy("Station or stop")
    STREET = "street", gettext_lazy("Street or street segment")
    BUILDING = "building", gettext_lazy("Public building")
    OTHER = "other", gettext_lazy("Other place")


class Landmark(models.Model):
    """A public place residents can choose when they say where a concern happened (editors keep
    the list). Its point is public: it is a well-known place, not a resident's location."""

    name = models.CharField(max_length=120, verbose_name=gettext_lazy("name"))
    kind = models.CharField(max_length=20, choices=LandmarkKind.choices, default=LandmarkKind.OTHER,
                            verbose_name=gettext_lazy("kind"))
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE,
                                      related_name="landmarks", verbose_name=gettext_lazy("neighbourhood"))
    latitude = models.DecimalField(max_digits=8, decimal_places=5, verbose_name=gettext_lazy("latitude"))
    longitude = models.DecimalField(max_digits=8, decimal_places=5, verbose_name=gettext_lazy("longitude"))
    is_active = models.BooleanField(gettext_lazy("offered to residents"), default=True)

    class Meta:
        ordering = ["neighbourhood__name", "name"]
        constraints = [models.UniqueConstraint(fields=["neighbourhood", "name"],
                                               name="taxonomy_landmark_once_per_area")]

    def __str__(self):
        return f"{self.name} ({self.neighbourhood.display_name})" if self.neighbourhood_id else self.name
