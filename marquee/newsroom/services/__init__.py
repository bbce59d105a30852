"""Actions of the newsroom (docs/architecture.md, docs/workflow.md): saving articles with their
revisions, the editorial workflow, previews."""

from marquee.newsroom.services.articles import (
    after_text_change,
    article_create,
    article_delete,
    article_image_set,
    article_update,
    article_upsert,
    articles_import,
    tags_get_or_create,
)
from marquee.newsroom.services.events import editorial_event_mail, event_record
from marquee.newsroom.services.previews import (
    PreviewInvalid,
    preview_link_create,
    preview_link_revoke,
    preview_revision,
    preview_token,
)
from marquee.newsroom.services.revisions import revision_input
from marquee.newsroom.services.roles import (
    EditorialRefused,
    may_create,
    may_edit,
    may_edit_any,
    may_publish,
    may_submit,
)
from marquee.newsroom.services.workflow import (
    DueReport,
    article_publish,
    article_restore,
    article_return,
    article_submit,
    article_unpublish,
    articles_publish_due,
    member_events_seen,
    member_time_zone,
    member_time_zone_set,
)

__all__ = [
    "DueReport",
    "EditorialRefused",
    "PreviewInvalid",
    "after_text_change",
    "article_create",
    "article_delete",
    "article_image_set",
    "article_publish",
    "article_restore",
    "article_return",
    "article_submit",
    "article_unpublish",
    "article_update",
    "article_upsert",
    "articles_import",
    "articles_publish_due",
    "editorial_event_mail",
    "event_record",
    "may_create",
    "may_edit",
    "may_edit_any",
    "may_publish",
    "may_submit",
    "member_events_seen",
    "member_time_zone",
    "member_time_zone_set",
    "preview_link_create",
    "preview_link_revoke",
    "preview_revision",
    "preview_token",
    "revision_input",
    "tags_get_or_create",
]
