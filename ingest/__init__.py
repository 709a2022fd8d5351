"""Reading sources: article readers, structured-record importers and the text extractor.

:func:`iter_sources` turns files and folders into what the build consumes: a
:class:`~kg.claims.Document` for each article (to be run through the extractor), an
:class:`~kg.claims.Extraction` for each structured record file (already claims), or an
:class:`~kg.errors.InputError` for anything that cannot be read (the rest goes on).
"""
