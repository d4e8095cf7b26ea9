"""Demo content: the transparency page of the fictional city of Riverton."""

from .models import TransparencyPage

INTRO = ("<p>How Riverton's partners answer residents' concerns, what the moderators did and "
         "which events took place, in figures anyone can check and download. Riverton and its "
         "partners are fictional: these are demo figures.</p>")


def seed(demo):
    demo.child_page(demo.home, TransparencyPage, "transparency", title="How we are doing",
                    intro=INTRO, show_in_menus=True)
