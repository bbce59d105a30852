"""``{% cache_for_readers %}``: Django's ``{% cache %}`` for fragments that carry a form token.

A logged-in reader's header, reactions row and comments section hold the CSRF token of their
forms, so Django's fragment cache cannot keep them. This tag stores the fragment with a
placeholder where the token goes and puts the current request's token there each time it is
served; everything else about the fragment must be in its key, exactly as with ``{% cache %}``::

    {% cache_for_readers seconds name key1 key2 using="fragments" %} … {% endcache_for_readers %}
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.templatetags.cache import CacheNode
from django.utils.crypto import salted_hmac
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _hole() -> str:
    # The same in every process (fragments are shared through Redis), and not guessable, so
    # that no comment or name can contain it.
    return "csrf-" + salted_hmac("marquee.fragments.csrf-hole", "").hexdigest()[:32]


HOLE = lazy(_hole, str)()


class ReaderFragmentNode(CacheNode):
    def __init__(
        self,
        nodelist: NodeList,
        expire_time_var: FilterExpression,
        fragment_name: str,
        vary_on: list[FilterExpression],
        cache_name: FilterExpression | None,
    ) -> None:
        super().__init__(nodelist, expire_time_var, fragment_name, vary_on, cache_name)

    def render(self, context: Context) -> SafeString:
        with context.push(csrf_token=str(HOLE)):
            html = super().render(context)
        token = context.get("csrf_token", "")
        return mark_safe(html.replace(str(HOLE), str(token)))


@register.tag("cache_for_readers")
def cache_for_readers(parser: Parser, token: Token) -> ReaderFragmentNode:
    nodelist = parser.parse(("endcache_for_readers",))
    parser.delete_first_token()
    bits = token.split_contents()
    cache_name = None
    if len(bits) > 3 and bits[-1].startswith("using="):
        cache_name = parser.compile_filter(bits.pop().removeprefix("using="))
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]!r} needs a timeout and a fragment name")
    return ReaderFragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        bits[2],
        [parser.compile_filter(bit) for bit in bits[3:]],
        cache_name,
    )
