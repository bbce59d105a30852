from __future__ import annotations

from marquee.linking.markup import EntityLink, link_first_mentions

KIM = EntityLink("/people/kim-go-eun/", "Kim Go-eun", ("Kim Go-eun", "Kim Go Eun"))
FILM = EntityLink("/titles/lbc/", "Love in the Big City (film, 2024)", ("Love in the Big City",))


def test_links_only_the_first_mention() -> None:
    html = "<p>Kim Go-eun stars. Later, Kim Go Eun sings.</p>"
    assert link_first_mentions(html, [KIM]) == (
        '<p><a class="entity-link" href="/people/kim-go-eun/" title="Kim Go-eun">Kim Go-eun</a>'
        " stars. Later, Kim Go Eun sings.</p>"
    )


def test_skips_headings_links_and_code() -> None:
    html = (
        "<h2>Kim Go-eun</h2><p><a href='/x'>Kim Go-eun</a> <code>Kim Go-eun</code> "
        "and <em>Kim Go-eun</em></p>"
    )
    out = link_first_mentions(html, [KIM])
    assert out.startswith(
        "<h2>Kim Go-eun</h2><p><a href='/x'>Kim Go-eun</a> <code>Kim Go-eun</code>"
    )
    assert out.endswith(
        '<em><a class="entity-link" href="/people/kim-go-eun/" title="Kim Go-eun">Kim Go-eun</a></em></p>'
    )


def test_word_boundaries_and_entities_in_text() -> None:
    html = "<p>Kim Go-eunsu is not her; Q&amp;A with Kim Go Eun.</p>"
    out = link_first_mentions(html, [KIM])
    assert "Kim Go-eunsu is not her; Q&amp;A with <a" in out
    assert ">Kim Go Eun</a>.</p>" in out


def test_two_entities_in_one_paragraph_and_escaping() -> None:
    html = "<p>In <em>Love in the Big City</em>, Kim Go-eun &lt;3</p>"
    out = link_first_mentions(html, [FILM, KIM])
    assert out == (
        '<p>In <em><a class="entity-link" href="/titles/lbc/" title="Love in the Big City (film, 2024)">'
        'Love in the Big City</a></em>, <a class="entity-link" href="/people/kim-go-eun/" '
        'title="Kim Go-eun">Kim Go-eun</a> &lt;3</p>'
    )


def test_no_mention_leaves_html_unchanged() -> None:
    html = "<p>Nothing here &amp; <br> more</p>"
    assert link_first_mentions(html, [KIM]) == html
