"""StreamField blocks shared by the portal's pages. Each has its template under templates/blocks/."""

from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", gettext_lazy("Heading 2")), ("h3", gettext_lazy("Heading 3"))],
                               default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)
    button_label = blocks.CharBlock(max_length=40, default="Find out more")

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(help_text=gettext_lazy("A video or other media by link (YouTube, Vimeo, ...)."))
    call_to_action = CallToActionBlock()
