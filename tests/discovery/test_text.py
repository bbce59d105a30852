"""Pure helpers: terms, TF-IDF vectors, the similarity score."""

from __future__ import annotations

import datetime

from marquee.discovery.similarity import Profile, rank_similar, recency, score_pair
from marquee.discovery.text import article_term_counts, cosine, terms_of, tfidf_vector

DAY = datetime.datetime(2024, 10, 1, tzinfo=datetime.UTC)


def test_terms_fold_case_accents_and_drop_stop_words() -> None:
    assert terms_of("The Café of Kim Go-eun, 2024!") == ["cafe", "kim", "go", "eun"]
    assert terms_of("노상현의 영화") == ["노상현의", "영화"]


def test_title_and_dek_weigh_more_than_body() -> None:
    counts = article_term_counts(title="Exhuma", dek="Shamans", body="exhuma grave grave")
    assert counts == {"exhuma": 4, "shamans": 2, "grave": 2}


def test_tfidf_vector_is_unit_length_and_prefers_rare_terms() -> None:
    vector = tfidf_vector({"film": 3, "exhuma": 1}, {"film": 99, "exhuma": 1}, 100)
    assert round(sum(w * w for w in vector.values()), 3) == 1.0
    assert vector["exhuma"] > vector["film"]
    assert tfidf_vector({f"t{i}": 1 for i in range(100)}, {}, 10, size=5).keys() == {
        "t0", "t1", "t10", "t11", "t12"
    }  # fmt: skip


def test_cosine_of_identical_unit_vectors_is_one() -> None:
    vector = {"a": 0.6, "b": 0.8}
    assert round(cosine(vector, vector), 6) == 1.0
    assert cosine(vector, {"c": 1.0}) == 0.0


def test_recency_halves_every_week() -> None:
    assert recency(DAY, DAY) == 1.0
    assert round(recency(DAY, DAY + datetime.timedelta(days=7)), 6) == 0.5


def test_a_shared_rare_entity_outranks_a_shared_common_one() -> None:
    target = Profile(1, DAY, {}, frozenset({"t:film", "p:netflix"}))
    same_film = Profile(2, DAY, {}, frozenset({"t:film"}))
    same_platform = Profile(3, DAY, {}, frozenset({"p:netflix"}))
    weights = {"t:film": 4.0, "p:netflix": 1.1}
    ranked = rank_similar(target, [same_platform, same_film], weights, limit=4)
    assert [item.article_id for item in ranked] == [2, 3]


def test_score_is_symmetric_and_needs_more_than_recency() -> None:
    left = Profile(1, DAY, {"exhuma": 1.0}, frozenset({"t:1", "g:9"}))
    right = Profile(2, DAY, {"exhuma": 0.6, "grave": 0.8}, frozenset({"t:1"}))
    weights = {"t:1": 2.0, "g:9": 1.0}
    assert score_pair(left, right, weights) == score_pair(right, left, weights)
    unrelated = Profile(3, DAY, {"other": 1.0}, frozenset({"t:7"}))
    assert rank_similar(left, [unrelated], {"t:7": 2.0}, limit=4) == []
