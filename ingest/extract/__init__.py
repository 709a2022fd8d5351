"""The rule-based bilingual (Indonesian/English) extractor."""
