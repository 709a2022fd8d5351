"""Rule families of the third extractor round, on sentences written for these tests."""

from ingest.extract import extract_rules as extract
from ingest.extract.lexicon import load, trigger_regex, triggers_in
from kg.claims import Document


def run(text, lang="id"):
    ex = extract(Document(doc_id="t", source="t", text=text, lang=lang))
    ents = {e.name: e for e in ex.entities}
    rels = {(r.type, ex.entity(r.source).name, ex.entity(r.target).name): r for r in ex.relations}
    return ex, ents, rels


def partners(rels):
    return {frozenset((a, b)) for t, a, b in rels if t == "partnersWith"}


# --- coordinated names -------------------------------------------------------------------


def test_coordinated_bodies_split_at_and_before_a_known_body():
    _, ents, rels = run("The Ministry of Social Affairs and UNICEF agreed to widen the cash pilot.", "en")
    assert {"Ministry of Social Affairs", "UNICEF"} <= set(ents)
    assert not any(" and UNICEF" in n for n in ents)
    assert frozenset(("Ministry of Social Affairs", "UNICEF")) in partners(rels)


def test_coordinated_bodies_split_before_known_nonprofit_with_acronym():
    _, ents, rels = run(
        "Kementerian Sosial RI dan Asian Philanthropy Circle (APC) sepakat meneruskan kerja sama."
    )
    assert "Asian Philanthropy Circle" in ents
    body = next(n for n in ents if n.startswith("Kementerian Sosial"))
    assert "Asian" not in body
    assert frozenset((body, "Asian Philanthropy Circle")) in partners(rels)


def test_names_containing_and_stay_whole():
    _, ents, _ = run("Kementerian Pemberdayaan Perempuan dan Perlindungan Anak membuka layanan baru.")
    assert "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak" in ents
    _, ents, rels = run(
        "The Department of Social Welfare and Development and Caritas Philippines signed a pact.", "en"
    )
    assert {"Department of Social Welfare and Development", "Caritas Philippines"} <= set(ents)
    assert frozenset(("Department of Social Welfare and Development", "Caritas Philippines")) in partners(
        rels
    )


def test_unknown_name_split_only_before_a_head():
    _, ents, rels = run("Dinas Sosial Kota Bogor dan Yayasan Pelita Harapan menandatangani nota kesepahaman.")
    assert {"Dinas Sosial Kota Bogor", "Yayasan Pelita Harapan"} <= set(ents)
    _, ents, _ = run("Dinas Koperasi dan UMKM Kabupaten Garut membuka pelatihan.")
    assert any(n.startswith("Dinas Koperasi dan UMKM") for n in ents)


def test_list_of_bodies_split_at_every_comma():
    _, ents, _ = run("Rapat itu dihadiri Kementerian PPPA, Kemenkominfo, Bareskrim Polri dan Kejagung.")
    names = set(ents)
    assert not any("," in n for n in names if ents[n].type == "GovernmentBody")
    assert "Kejagung" in names or "Kejaksaan Agung" in names


def test_body_of_country_resolves_to_gazetteer():
    ex, ents, _ = run("The Ministry of Social Affairs of Indonesia hosted the regional workshop.", "en")
    e = next(e for e in ex.entities if e.type == "GovernmentBody")
    assert "gaz:id-kemensos" in e.identifiers


# --- places and locatedIn ----------------------------------------------------------------


def test_place_chain_after_di_belongs_to_the_program():
    _, ents, rels = run(
        "Yayasan Cahaya Bangsa menyalurkan bantuan paket sembako bagi korban banjir di Kabupaten Garut, "
        "Jawa Barat serta di Kota Padang dan Kabupaten Agam, Sumatera Barat."
    )
    prog = next(n for n, e in ents.items() if e.type == "Program")
    for place in ("Kabupaten Garut", "Jawa Barat", "Kota Padang", "Kabupaten Agam", "Sumatera Barat"):
        assert ("locatedIn", prog, place) in rels, place


def test_relative_clause_locates_a_body_and_venues_do_not():
    _, _, rels = run("Kodam Iskandar Muda memiliki Batalyon Zeni Tempur yang kini bertugas di Aceh Besar.")
    assert ("locatedIn", "Batalyon Zeni Tempur", "Aceh Besar") in rels
    _, ents, rels = run("Yayasan Bina Insani menggelar rapat kerja di Hotel Santika, Medan.")
    assert not any(t == "locatedIn" for t, _, _ in rels)


def test_address_before_place_and_program_anaphor():
    _, ents, rels = run(
        "Lurah meresmikan perbaikan rumah tidak layak huni milik Sumarni di Jalan Kenanga, RT 3/4, "
        "Tebet, Jakarta Selatan."
    )
    assert ("locatedIn", "perbaikan rumah tidak layak huni", "Tebet") in rels
    _, ents, rels = run(
        "Yayasan Tunas Muda menjalankan Program Sekolah Lapang Gizi bagi ibu hamil. "
        "Program ini dilaksanakan di Kecamatan Cibeber dan Sukaresmi."
    )
    assert ("locatedIn", "Program Sekolah Lapang Gizi", "Kecamatan Cibeber") in rels
    assert ("locatedIn", "Program Sekolah Lapang Gizi", "Kecamatan Sukaresmi") in rels


def test_local_body_is_located_in_its_place():
    _, ents, rels = run("Dinas Sosial Kabupaten Lamongan bekerja sama dengan Yayasan Amanah Umat.")
    assert ("locatedIn", "Dinas Sosial Kabupaten Lamongan", "Kabupaten Lamongan") in rels
    _, ents, rels = run("Pemerintah Kabupaten Lamongan bekerja sama dengan Yayasan Amanah Umat.")
    assert not any(t == "locatedIn" for t, _, _ in rels)


def test_broad_place_data():
    from ingest.extract.gazetteer import lookup

    for name in ("Papua Pegunungan", "Bukittinggi", "Kutai Kartanegara", "Da Nang", "Belgia", "Mandalay"):
        assert lookup(name) is not None and lookup(name).type == "Place", name


# --- programs, commitments, posts ---------------------------------------------------------


def test_alternative_names_of_one_program():
    _, ents, _ = run(
        "Lembaga itu meluncurkan program Sistem Pemantauan Pekerja Anak (SPPA) atau Program Anak Sehat Desa."
    )
    progs = [e for e in ents.values() if e.type == "Program"]
    assert len(progs) == 1
    assert "SPPA" in progs[0].aliases


def test_program_of_an_owner_is_no_program_name():
    _, ents, rels = run(
        "Rehabilitasi Sosial Terpadu merupakan program Direktorat Jenderal Rehabilitasi Sosial Kemensos."
    )
    assert not any(n.startswith("program Direktorat") for n in ents)


def test_commitments_cited_are_not_adopted():
    _, _, rels = run(
        "Menurut Dinas Sosial, hak itu tertuang dalam Konvensi Hak Anak dan Undang-Undang Perlindungan Anak."
    )
    assert not any(t == "partyTo" for t, _, _ in rels)
    _, _, rels = run("The ministers of ASEAN adopted the ASEAN Declaration on Ending Child Labour.", "en")
    assert any(t == "partyTo" for t, _, _ in rels)


def test_post_without_body_does_not_override_a_named_post():
    _, _, rels = run(
        "MoLISA Deputy Minister Tran Van Minh met the UNICEF delegation. "
        "Deputy Minister Tran Van Minh thanked UNICEF for its support.",
        "en",
    )
    posts = {b for t, a, b in rels if t == "holdsPosition" and a == "Tran Van Minh"}
    assert posts and "UNICEF" not in posts


def test_zakat_body_is_a_charity_and_acronym_with_place_is_an_alias():
    _, ents, _ = run(
        "Badan Amil Zakat, Infaq dan Shadaqoh (BAZIS) Kota Depok menyalurkan bantuan. "
        "Kepala BAZIS Kota Depok, Hendra Wijaya mengatakan penyaluran lancar."
    )
    body = next(e for e in ents.values() if e.name.startswith("Badan Amil Zakat"))
    assert body.type == "NonProfit"
    assert "BAZIS Kota Depok" in body.aliases


def test_oxford_comma_list_inside_a_name():
    _, ents, _ = run(
        "Officials of the Directorate Individual, Family, and Public Institution attended.", "en"
    )
    assert "Directorate Individual, Family, and Public Institution" in ents


# --- trigger prefilter ---------------------------------------------------------------------


def test_trigger_prefilter_never_hides_a_regex_match():
    text = "Kedua  lembaga MENANDATANGANI nota\nkesepahaman and will Cooperate closely."
    keys = triggers_in(text)
    for key, items in load("triggers.yaml").items():
        plain = isinstance(items, list) and all(isinstance(x, str) for x in items)
        if plain and trigger_regex(key).rx.search(text):
            assert key in keys, key
    assert trigger_regex("partnership").search(text)
    assert trigger_regex("ended").search(text) is None
