from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class ArticlePage(Page):
    """An article: the page title and a rich-text body."""

    body = RichTextField()

    content_panels = [*Page.content_panels, FieldPanel("body")]
