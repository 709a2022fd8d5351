"""Rule families of the second extractor round, on sentences written for these tests."""

from ingest.extract import extract_rules as extract
from ingest.extract.implied import regional_body
from kg.claims import Document


def run(text, lang="id"):
    ex = extract(Document(doc_id="t", source="t", text=text, lang=lang))
    ents = {e.name: e for e in ex.entities}
    rels = {(r.type, ex.entity(r.source).name, ex.entity(r.target).name): r for r in ex.relations}
    return ex, ents, rels


def test_unlinked_places_and_datelines_are_dropped():
    _, ents, _ = run("MEDAN (ANTARA) - Yayasan Cahaya Pagi menggelar rapat di Hotel Santika Medan, Senin.")
    assert not any(e.type == "Place" for e in ents.values())


def test_person_name_not_run_into_body_after_title():
    _, ents, rels = run("Kepala Dinas Sosial Kabupaten Sleman Hartono Wibisono meninjau lokasi banjir.")
    assert "Hartono Wibisono" in ents
    body = next(n for n in ents if n.startswith("Dinas Sosial"))
    assert "Hartono" not in body
    assert ("holdsPosition", "Hartono Wibisono", body) in rels


def test_acronym_and_roman_numeral_end_body_before_name():
    _, ents, _ = run("Anggota Komisi IX DPR RI Rahmat Hidayat menghadiri rapat itu.")
    assert "Rahmat Hidayat" in ents
    assert not any("Rahmat" in n for n, e in ents.items() if e.type != "Person")


def test_title_with_honorific_name_after_body():
    _, ents, rels = run("Ketua BAZNAS KH. Ahmad Fauzi mengatakan penyaluran berjalan lancar.")
    assert ("holdsPosition", "Ahmad Fauzi", "BAZNAS") in rels or any(
        t == "holdsPosition" and p == "Ahmad Fauzi" for t, p, _ in rels
    )


def test_two_people_joined_by_dan_get_their_own_posts():
    _, ents, rels = run(
        "Naskah ditandatangani oleh Sri Lestari selaku Kepala BPBD dan Joko Susilo selaku Ketua PMI Sleman."
    )
    roles = {p: r.qualifiers["role"] for (t, p, _), r in rels.items() if t == "holdsPosition"}
    assert "Suhelmi" not in roles
    assert roles.get("Joko Susilo", "").startswith("Ketua")
    assert "Joko" not in roles.get("Sri Lestari", "")


def test_regional_post_implies_local_government():
    assert regional_body("Wakil Bupati Sleman")[0] == "Pemerintah Kabupaten Sleman"
    assert regional_body("Camat Tebet")[0] == "Kecamatan Tebet"
    assert regional_body("Sekretaris Daerah (Sekda) Kota Bogor")[0] == "Pemerintah Kota Bogor"
    _, ents, rels = run("Bupati Sleman, Kustini Purnomo meresmikan gedung baru.")
    assert ("holdsPosition", "Kustini Purnomo", "Pemerintah Kabupaten Sleman") in rels
    assert "Pemkab Sleman" in ents["Pemerintah Kabupaten Sleman"].aliases


def test_body_before_english_title():
    _, _, rels = run("UNICEF Representative Anna Karlsson met the minister on Monday.", "en")
    assert ("holdsPosition", "Anna Karlsson", "UNICEF") in rels


def test_portfolio_bidang_is_not_a_body():
    _, ents, _ = run("Staf Ahli Bidang Hubungan Antarlembaga, Kementerian Sosial, Rina Wati, hadir.")
    assert not any(n.startswith("Bidang") for n in ents)
    assert "Rina Wati" in ents


def test_activity_programs_after_run_cue_and_owner():
    _, ents, rels = run(
        "Yayasan Pangan Sehat menyalurkan 300 paket bantuan pangan bergizi kepada warga Garut."
    )
    assert ents["bantuan pangan bergizi"].type == "Program"
    assert ("runs", "Yayasan Pangan Sehat", "bantuan pangan bergizi") in rels


def test_runs_only_for_subject_group_not_every_body():
    text = (
        "Yayasan Cahaya Pagi bersama Dinas Sosial Kabupaten Bantul melakukan pendampingan lansia terlantar, "
        "kata Ketua Palang Merah Indonesia Bantul."
    )
    _, ents, rels = run(text)
    owners = {a for t, a, b in rels if t == "runs"}
    assert "Yayasan Cahaya Pagi" in owners
    assert not any("Palang Merah" in o or o == "PMI" for o in owners)


def test_program_list_owned_by_body_after_program_word():
    text = "Program Yayasan Cahaya Pagi diantaranya perlindungan dan pengasuhan anak, pemberdayaan ekonomi."
    _, ents, rels = run(text)
    assert "perlindungan dan pengasuhan anak" in ents
    assert ("runs", "Yayasan Cahaya Pagi", "perlindungan dan pengasuhan anak") in rels


def test_two_commitments_joined_by_dan_and_event_words_dropped():
    _, ents, rels = run(
        "Filipina telah meratifikasi Konvensi Hak Penyandang Disabilitas dan Undang-Undang Kesehatan Jiwa."
    )
    assert "Konvensi Hak Penyandang Disabilitas" in ents
    assert any(n.startswith("Undang-Undang Kesehatan") for n in ents)
    _, ents, _ = run("Acara Penandatanganan Joint Work Plan 2024-2026 berlangsung di Manila.")
    assert any(n.startswith("Joint Work Plan") for n in ents)


def test_commitment_acronym_alias():
    _, ents, _ = run("UNDP dan Bappenas menandatangani Joint Action Plan (JAP) 2026-2030 di Jakarta.")
    c = next(e for e in ents.values() if e.type == "Commitment")
    assert "JAP" in c.aliases
    assert "Jakarta" not in c.name
