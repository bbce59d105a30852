"""Turning what a reader typed into safe backend queries (pure)."""

from __future__ import annotations

from marquee.discovery.search import parse_query
from marquee.discovery.search.postgres import tsquery_text
from marquee.discovery.search.sqlite import match_expression


def test_words_are_normalised_and_syntax_dropped() -> None:
    query = parse_query('"Noh Sang-hyun" AND (Steve*) NEAR/3 -"')
    assert query.words == ("noh", "sang", "hyun", "and", "steve", "near", "3")


def test_hangul_is_kept() -> None:
    assert parse_query("노상현").words == ("노상현",)


def test_accented_spelling_is_an_alternative() -> None:
    query = parse_query("Café")
    assert query.words == ("cafe",)
    assert query.alternatives == (("café",),)


def test_huge_queries_are_clipped() -> None:
    query = parse_query("word " * 10_000)
    assert query.words == ("word",)
    assert len(parse_query(" ".join(f"w{i}" for i in range(100))).words) == 8
    assert parse_query("x" * 10_000).words[0] == "x" * 40


def test_empty_and_punctuation_only_queries_are_empty() -> None:
    assert parse_query("").is_empty
    assert parse_query('  "" ** () ::  ').is_empty


def test_fts5_expression_quotes_every_word() -> None:
    query = parse_query("kim go-eun café")
    assert (
        match_expression(query, match_all=True)
        == '"kim" AND "go" AND "eun" AND ("cafe"* OR "café")'
    )
    assert match_expression(parse_query("exhuma"), match_all=False) == '"exhuma"*'


def test_tsquery_quotes_every_lexeme() -> None:
    query = parse_query("steve noh")
    assert tsquery_text(query, match_all=True) == "'steve' & 'noh'"
    assert tsquery_text(query, match_all=False) == "'steve' | 'noh'"
    assert (
        tsquery_text(parse_query("kim sang-young"), match_all=True) == "'kim' & 'sang' & 'young':*"
    )
