"""Entity resolution across articles and languages."""

from __future__ import annotations

from kg.claims import Document, Extraction
from kg.resolve import fold, name_keys, resolve


def _ex(doc_id: str, *entities: tuple) -> Extraction:
    ex = Extraction(Document(doc_id, f"{doc_id}.txt"))
    for etype, name, aliases, *rest in entities:
        ex.add_entity(etype, name, aliases=list(aliases), identifiers=list(rest[0]) if rest else [])
    return ex


def test_ri_suffix_acronym_and_english_name_merge_through_shared_forms():
    a = _ex("a", ("GovernmentBody", "Kementerian Sosial RI", ["Kemensos"]))
    b = _ex("b", ("GovernmentBody", "Ministry of Social Affairs", ["Kemensos"]))
    c = _ex("c", ("GovernmentBody", "Kementerian Sosial", []))
    r = resolve([a, b, c])
    assert len(r.entities) == 1
    ent = r.entities[0]
    assert {"Kemensos", "Ministry of Social Affairs"} <= set(ent.aliases) | {ent.name}
    assert r.entity_for("c.txt", "kementerian_sosial") is ent


def test_gazetteer_identifier_merges_names_that_share_nothing():
    a = _ex("a", ("GovernmentBody", "Kementerian Sosial", [], ["gaz:kemensos"]))
    b = _ex("b", ("GovernmentBody", "Ministry of Social Affairs", [], ["gaz:kemensos"]))
    r = resolve([a, b])
    assert len(r.entities) == 1
    assert r.entities[0].iri_path == "org/kemensos"  # stable: the gazetteer id, not the wording


def test_people_merge_without_titles_but_not_on_first_names():
    a = _ex("a", ("Person", "Tri Rismaharini", ["Dr. Ir. Tri Rismaharini", "Risma"]))
    b = _ex("b", ("Person", "Tri Rismaharini", []))
    c = _ex("c", ("Person", "Risma Wulandari", ["Risma"]))
    r = resolve([a, b, c])
    names = sorted(e.name for e in r.entities)
    assert names == ["Risma Wulandari", "Tri Rismaharini"]


def test_titled_person_forms_fold_to_the_same_key():
    a = _ex("a", ("Person", "H. Budi Santoso", []))
    b = _ex("b", ("Person", "Budi Santoso", []))
    assert len(resolve([a, b]).entities) == 1


def test_same_name_different_kinds_stay_apart():
    a = _ex("a", ("Place", "Indonesia", []), ("GovernmentBody", "Pemerintah Indonesia", []))
    b = _ex("b", ("Program", "Indonesia", []))
    r = resolve([a, b])
    assert len(r.entities) == 3
    assert len({e.iri_path for e in r.entities}) == 3


def test_type_vote_and_stable_iri_across_runs():
    a = _ex("a", ("NonProfit", "Lingkar Dermawan Nusantara", ["LDN"]))
    b = _ex("b", ("Company", "LDN", []))
    c = _ex("c", ("NonProfit", "Lingkar Dermawan Nusantara", []))
    first = resolve([a, b, c])
    again = resolve([a, b, c])
    assert len(first.entities) == 1 and first.entities[0].type == "NonProfit"
    assert first.entities[0].name == "Lingkar Dermawan Nusantara"
    assert first.entities[0].iri_path == again.entities[0].iri_path == "org/lingkar_dermawan_nusantara"


def test_fold_and_keys():
    assert fold("Kemensos  RI!") == "kemensos ri"
    ex = _ex("a", ("GovernmentBody", "Kementerian Sosial Republik Indonesia", []))
    assert "kementerian sosial" in name_keys(ex.entities[0])


def test_different_identifiers_of_one_scheme_never_merge_by_name():
    a = _ex("a", ("Program", "Water supply", [], ["iati:XX-1"]))
    b = _ex("b", ("Program", "Water supply", [], ["iati:XX-2"]))
    c = _ex("c", ("Program", "Water supply", []))
    r = resolve([a, b, c])
    assert len(r.entities) == 2
    assert sorted(e.iri_path for e in r.entities) == ["program/iati_xx_1", "program/iati_xx_2"]


def test_gazetteer_joins_indonesian_and_english_names_without_shared_forms():
    a = _ex("a", ("GovernmentBody", "Kementerian Sosial", []))
    b = _ex("b", ("GovernmentBody", "Ministry of Social Affairs", []))
    r = resolve([a, b])
    assert len(r.entities) == 1
    assert any(i.startswith("gaz:") for i in r.entities[0].identifiers)
