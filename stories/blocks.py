"""StreamField blocks for reports and case studies. Each has its template under templates/blocks/."""

from decimal import Decimal

from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from portal.blocks import RICH_TEXT_FEATURES, HeadingBlock, QuoteBlock


class FigureValue(blocks.StructValue):
    """A key figure with what its template needs: change since last period, share of target."""

    @property
    def change(self):
        previous = self.get("previous_value")
        if previous is None:
            return None
        return self["value"] - previous

    @property
    def direction(self):
        change = self.change
        if change is None:
            return ""
        return "up" if change > 0 else "down" if change < 0 else "same"

    @property
    def percent_of_target(self):
        target = self.get("target")
        if not target:
            return None
        share = self["value"] / target * 100
        return max(Decimal(0), min(share, Decimal(100))).quantize(Decimal("1"))


class KeyFigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=120)
    value = blocks.DecimalBlock(decimal_places=2)
    unit = blocks.CharBlock(max_length=30, required=False, help_text=gettext_lazy("e.g. %, people, days"))
    target = blocks.DecimalBlock(decimal_places=2, required=False)
    previous_value = blocks.DecimalBlock(
        decimal_places=2, required=False, help_text=gettext_lazy("The value in the previous period.")
    )
    source = blocks.CharBlock(max_length=200, required=False,
                              help_text=gettext_lazy("Where the figure comes from."))

    class Meta:
        icon = "table"
        value_class = FigureValue


class KeyFiguresBlock(blocks.StructBlock):
    """Figures shown as a table (the source of truth) with a bar or arrow beside each."""

    caption = blocks.CharBlock(max_length=160, default="Key figures")
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1)

    class Meta:
        icon = "table"
        template = "blocks/key_figures_block.html"


class OutcomeFiguresBlock(KeyFiguresBlock):
    class Meta:
        icon = "success"
        template = "blocks/key_figures_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    description = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"


class StoryBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    table = TableBlock()
    document = DocumentBlock()
    figures = KeyFiguresBlock()
