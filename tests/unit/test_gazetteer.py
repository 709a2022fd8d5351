from ingest.extract.gazetteer import by_id, entries, lookup


def test_lookup_variants_of_one_ministry():
    ids = {
        lookup(n).id
        for n in (
            "Kementerian Sosial RI",
            "Kemensos",
            "Ministry of Social Affairs",
            "kementerian  sosial",
            "KEMENSOS",
        )
    }
    assert ids == {"id-kemensos"}


def test_entry_fields():
    e = lookup("Kementerian Pemberdayaan Perempuan dan Perlindungan Anak")
    assert e.type == "GovernmentBody"
    assert "Ministry of Women's Empowerment and Child Protection" in e.aliases
    assert "KemenPPPA" in e.aliases


def test_ministry_acronym_variants():
    assert lookup("Kementerian PPPA").id == "id-kemenpppa"
    assert lookup("Kementerian Kominfo").id == "id-kominfo"


def test_other_bodies_and_places():
    assert lookup("ACWC").type == "IntergovernmentalOrganization"
    assert lookup("Badan Amil Zakat Nasional").id == "np-baznas"
    assert lookup("DSWD").id == "ph-dswd"
    assert lookup("Singapore").type == "Place"
    assert lookup("no such body here") is None
    assert lookup("") is None


def test_ids_unique_and_parents_exist():
    ids = [e.id for e in entries()]
    assert len(ids) == len(set(ids))
    for e in entries():
        if e.parent:
            assert e.parent in by_id()


def test_body_named_with_its_country():
    assert lookup("Ministry of Social Affairs of Indonesia").id == "id-kemensos"
    assert lookup("Ministry of Social Affairs of the Republic of Indonesia").id == "id-kemensos"
    assert lookup("Department of Social Welfare and Development of the Philippines").id == "ph-dswd"
    assert lookup("Department of Social Welfare and Development of Indonesia") is None  # wrong country


def test_names_with_commas_are_single_aliases():
    e = lookup("Kementerian Kebudayaan, Pemuda dan Olahraga")
    assert e is not None and e.id.startswith("bn-")
    assert lookup("Pemuda dan Olahraga") is None
