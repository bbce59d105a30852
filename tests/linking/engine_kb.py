"""The acceptance knowledge base: canonical names, Hangul and genuine aliases only."""

from __future__ import annotations

from typing import Any

DOCUMENT: dict[str, Any] = {
    "format": "marquee-kb/1",
    "people": [
        {
            "id": "noh-sang-hyun",
            "name": "Noh Sang-hyun",
            "native_name": "노상현",
            "aliases": ["Steve Noh"],
        },
        {"id": "park-sang-young", "name": "Park Sang-young", "native_name": "박상영"},
        {"id": "lee-eon-hee", "name": "Lee Eon-hee", "native_name": "이언희", "aliases": ["E.oni"]},
        {"id": "kim-go-eun", "name": "Kim Go-eun", "native_name": "김고은"},
        {"id": "nam-yoon-su", "name": "Nam Yoon-su", "native_name": "남윤수"},
        {"id": "iu", "name": "IU", "native_name": "아이유", "aliases": ["Lee Ji-eun"]},
        {"id": "bong-joon-ho", "name": "Bong Joon-ho", "native_name": "봉준호"},
        {"id": "kim-hye-ja", "name": "Kim Hye-ja", "native_name": "김혜자"},
    ],
    "titles": [
        {
            "id": "love-in-the-big-city-novel",
            "name": "Love in the Big City",
            "native_name": "대도시의 사랑법",
            "kind": "novel",
            "year": 2019,
        },
        {
            "id": "love-in-the-big-city-film",
            "name": "Love in the Big City",
            "native_name": "대도시의 사랑법",
            "kind": "film",
            "year": 2024,
            "based_on": "love-in-the-big-city-novel",
        },
        {
            "id": "love-in-the-big-city-series",
            "name": "Love in the Big City",
            "native_name": "대도시의 사랑법",
            "kind": "series",
            "year": 2024,
            "based_on": "love-in-the-big-city-novel",
        },
        {
            "id": "goblin",
            "name": "Guardian: The Lonely and Great God",
            "kind": "series",
            "year": 2016,
            "aliases": ["Goblin"],
        },
        {"id": "yumis-cells", "name": "Yumi's Cells", "kind": "series", "year": 2021},
        {"id": "yumis-cells-2", "name": "Yumi's Cells 2", "kind": "series", "year": 2022},
        {"id": "exhuma", "name": "Exhuma", "kind": "film", "year": 2024},
        {"id": "mother-2009", "name": "Mother", "kind": "film", "year": 2009},
        {"id": "mother-2017", "name": "Mother", "kind": "series", "year": 2018},
    ],
    "credits": [
        {
            "person": "kim-go-eun",
            "title": "love-in-the-big-city-film",
            "role": "actor",
            "character": "Goo Jae-hee",
            "character_aliases": ["Jae-hee"],
            "order": 1,
        },
        {
            "person": "noh-sang-hyun",
            "title": "love-in-the-big-city-film",
            "role": "actor",
            "character": "Jang Heung-soo",
            "character_aliases": ["Heung-soo"],
            "order": 2,
        },
        {
            "person": "nam-yoon-su",
            "title": "love-in-the-big-city-series",
            "role": "actor",
            "character": "Go Young",
        },
        {"person": "lee-eon-hee", "title": "love-in-the-big-city-film", "role": "director"},
        {"person": "park-sang-young", "title": "love-in-the-big-city-novel", "role": "author"},
        {"person": "kim-go-eun", "title": "goblin", "role": "actor", "character": "Ji Eun-tak"},
        {"person": "kim-go-eun", "title": "yumis-cells", "role": "actor", "character": "Kim Yumi"},
        {"person": "kim-go-eun", "title": "exhuma", "role": "actor", "character": "Lee Hwa-rim"},
        {"person": "bong-joon-ho", "title": "mother-2009", "role": "director"},
        {"person": "kim-hye-ja", "title": "mother-2009", "role": "actor"},
    ],
}
