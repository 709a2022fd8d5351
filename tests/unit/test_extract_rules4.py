"""Rule families of the fourth extractor round, on sentences written for these tests."""

from ingest.extract import extract_rules as extract
from ingest.extract.anaphora import anaphor_type
from kg.claims import Document


def run(text, lang="id"):
    ex = extract(Document(doc_id="t", source="t", text=text, lang=lang))
    ents = {e.name: e for e in ex.entities}
    rels = {(r.type, ex.entity(r.source).name, ex.entity(r.target).name): r for r in ex.relations}
    return ex, ents, rels


def partners(rels):
    return {frozenset((a, b)) for t, a, b in rels if t == "partnersWith"}


# --- names: initials, years, generic nouns, known programs -------------------------------------


def test_initial_in_a_name_after_a_title_and_body():
    _, ents, rels = run(
        "Perjanjian itu diteken oleh Ketua Yayasan Cahaya Nusantara Indonesia Rudi T. Santoso "
        "selaku Pihak Pertama."
    )
    assert "Rudi T. Santoso" in ents
    assert "Yayasan Cahaya Nusantara Indonesia" in ents
    assert ("holdsPosition", "Rudi T. Santoso", "Yayasan Cahaya Nusantara Indonesia") in rels


def test_year_after_a_body_is_not_part_of_its_name():
    _, ents, _ = run("Data Badan Pusat Statistik 2021 menunjukkan angka kemiskinan turun, kata Budi Santoso.")
    assert "Badan Pusat Statistik" in ents
    assert not any("2021" in n for n in ents)


def test_generic_noun_is_no_body():
    _, ents, _ = run("Kementerian Sosial terus bersinergi dengan Badan Usaha dalam penyaluran bantuan.")
    assert "Badan Usaha" not in ents


def test_known_program_is_not_a_movement_body():
    _, ents, _ = run(
        "Dinas Sosial Kota Bogor memperkuat Gerakan Bersama Pencegahan Perkawinan Anak di sekolah."
    )
    assert ents["Gerakan Bersama Pencegahan Perkawinan Anak"].type == "Program"


def test_mosque_council_is_a_charity_and_a_managing_authority_stays_public():
    _, ents, _ = run(
        "Kementerian Agama bekerja sama dengan Dewan Masjid Kota Medan dan Badan Pengelola Masjid Raya Medan."
    )
    assert ents["Dewan Masjid Kota Medan"].type == "NonProfit"
    assert ents["Badan Pengelola Masjid Raya Medan"].type == "GovernmentBody"


def test_company_suffix_variants_are_one_company():
    ex, ents, _ = run(
        "Mensos menerima bantuan dari Sinar Abadi Group. "
        "Kementerian Sosial berterima kasih kepada Sinar Abadi Grup."
    )
    assert len([e for e in ex.entities if e.type == "Company"]) == 1


def test_institutional_word_after_a_title_is_no_person():
    _, ents, _ = run("Deputi Bidang Penanganan Darurat mengatakan tim sudah bergerak ke lokasi.")
    assert "Darurat" not in ents


# --- partnerships among listed bodies -----------------------------------------------------------


def test_cross_ministry_integration_makes_listed_bodies_partners_not_the_praiser():
    _, _, rels = run(
        "Model yang dipuji WHO adalah integrasi lintas kementerian dalam pencegahan kekerasan. "
        "Antara lain Kementerian Kesehatan, Kementerian Agama, hingga Kementerian Dalam Negeri."
    )
    p = partners(rels)
    assert frozenset(("Kementerian Kesehatan", "Kementerian Agama")) in p
    assert frozenset(("Kementerian Agama", "Kementerian Dalam Negeri")) in p
    assert not any("WHO" in pair for pair in p)


# --- programs after a scope cue ------------------------------------------------------------------


def test_scope_cue_program_needs_a_body_as_subject():
    _, ents, rels = run("Dinas Sosial Kabupaten Sleman aktif dalam penanganan korban banjir di desa-desa.")
    assert ents["penanganan korban banjir"].type == "Program"
    assert ("runs", "Dinas Sosial Kabupaten Sleman", "penanganan korban banjir") in rels
    _, ents, _ = run("Hal itu menjadi daya ungkit dalam percepatan pencapaian target pembangunan.")
    assert "percepatan pencapaian target pembangunan" not in ents


def test_scope_cue_with_effort_word():
    _, _, rels = run(
        "Pertemuan antara Yayasan Sehat Bersama dan Dinas Kesehatan Kota Bogor menjadi langkah penting "
        "dalam upaya percepatan penurunan stunting."
    )
    assert ("runs", "Yayasan Sehat Bersama", "percepatan penurunan stunting") in rels
    assert ("runs", "Dinas Kesehatan Kota Bogor", "percepatan penurunan stunting") in rels


# --- nominal anaphors ----------------------------------------------------------------------------


def test_anaphor_types():
    assert anaphor_type("Yayasan tersebut menyalurkan bantuan") == "NonProfit"
    assert anaphor_type("Lembaga amal yang berbasis di Bangkok itu memiliki program baru") == "NonProfit"
    assert anaphor_type("The ministry will continue the scheme") == "GovernmentBody"
    assert anaphor_type("The Ministry of Health said") is None
    assert anaphor_type("Yayasan Sayap Ibu menerima bantuan") is None


def test_anaphor_gives_the_owner_of_a_program():
    _, _, rels = run(
        "Kementerian Sosial menerima kunjungan Yayasan Peduli Anak Bangsa. "
        "Menurut Kementerian Sosial, kunjungan itu penting. "
        "Yayasan yang bermarkas di Surabaya itu memiliki program yaitu peningkatan kapasitas guru PAUD."
    )
    assert ("runs", "Yayasan Peduli Anak Bangsa", "peningkatan kapasitas guru PAUD") in rels
    assert ("runs", "Kementerian Sosial", "peningkatan kapasitas guru PAUD") not in rels


# --- posts ---------------------------------------------------------------------------------------


def test_body_then_lower_case_english_post():
    _, _, rels = run("DSWD secretary Maria Lopez stressed the value of faith-based partners.", "en")
    assert ("holdsPosition", "Maria Lopez", "DSWD") in rels or any(
        t == "holdsPosition" and a == "Maria Lopez" for t, a, _ in rels
    )
    r = next(r for (t, a, _), r in rels.items() if t == "holdsPosition" and a == "Maria Lopez")
    assert r.qualifiers.get("role") == "secretary"


def test_listed_people_belong_to_the_body_named_before_them():
    _, _, rels = run(
        "Hadir pula pejabat Dinas Sosial Kota Bogor dan dari Sinar Abadi Group, "
        "Rina Wati, Head of Marketing; Dodi Haryanto, Head of PR; serta Sari Utami, Brand Manager."
    )
    for name in ("Dodi Haryanto", "Sari Utami"):
        assert ("holdsPosition", name, "Sinar Abadi Group") in rels
        assert ("holdsPosition", name, "Dinas Sosial Kota Bogor") not in rels


def test_post_ending_in_program_is_no_program():
    _, ents, _ = run(
        "Senior Manager Program and Partnership Yayasan Anak Bangsa, Dewi Lestari Hutapea "
        "mengatakan hal itu.",
    )
    assert not any(e.type == "Program" for e in ents.values())


def test_longer_title_wins_over_the_title_inside_it():
    _, ents, rels = run("Menteri Pekerjaan Umum dan Perumahan Rakyat (PUPR) Joko Santosa meninjau lokasi.")
    assert "Kementerian Pekerjaan Umum" not in ents
    assert any(t == "holdsPosition" and a == "Joko Santosa" for t, a, _ in rels)


# --- aid in kind and joint organisers ------------------------------------------------------------


def test_aid_in_kind_is_a_program_funded_by_the_giver_and_located_by_the_place_chain():
    _, ents, rels = run(
        "Yayasan Peduli Sesama memberikan bantuan kemanusiaan berupa rumah 500 unit bagi korban banjir "
        "di Kabupaten Garut dan Kabupaten Bandung, Jawa Barat."
    )
    name = "bantuan kemanusiaan berupa rumah 500 unit"
    assert ents[name].type == "Program"
    assert rels[("runs", "Yayasan Peduli Sesama", name)].qualifiers.get("role") == "funder"
    assert ("locatedIn", name, "Kabupaten Garut") in rels


def test_bodies_organising_an_event_together_are_partners():
    _, _, rels = run(
        "Selain itu, WFP, Kementerian Perencanaan Pembangunan Nasional (Bappenas) dan "
        "Kementerian Luar Negeri juga menyelenggarakan dialog kebijakan di Jakarta."
    )
    p = partners(rels)
    assert frozenset(("Kementerian Perencanaan Pembangunan Nasional", "Kementerian Luar Negeri")) in p
    assert len(p) == 3
