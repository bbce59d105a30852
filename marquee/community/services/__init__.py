"""Writes of the community, one action per change of state, named ``<noun>_<verb>``.

Every action checks who may do it and raises ``Refusal`` with a reason when not; views, the
admin and commands only parse input and present the outcome. One module per concept:
``reactions``, ``comments`` (a reader's own writes), ``moderation`` (moderators' acts, all
recorded), ``accounts``; ``checks`` holds the refusals they share.
"""

from marquee.community.services.accounts import account_create, account_delete, replies_mark_seen
from marquee.community.services.comments import (
    NOT_YOURS,
    comment_delete,
    comment_edit,
    comment_like_toggle,
    comment_post,
    comment_report,
)
from marquee.community.services.moderation import (
    comment_approve,
    comment_reject,
    comment_reports_dismiss,
    discussion_close,
    discussion_open,
    reader_ban,
    reader_unban,
    word_rule_delete,
    word_rule_save,
)
from marquee.community.services.reactions import reaction_set

__all__ = [
    "NOT_YOURS",
    "account_create",
    "account_delete",
    "comment_approve",
    "comment_delete",
    "comment_edit",
    "comment_like_toggle",
    "comment_post",
    "comment_reject",
    "comment_report",
    "comment_reports_dismiss",
    "discussion_close",
    "discussion_open",
    "reaction_set",
    "reader_ban",
    "reader_unban",
    "replies_mark_seen",
    "word_rule_delete",
    "word_rule_save",
]
