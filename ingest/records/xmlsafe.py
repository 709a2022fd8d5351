"""Safe XML parsing for record files: no DTD entities, no external references, no network.

Uses :mod:`defusedxml` over the standard library's expat parser: a document that declares
entities (billion laughs, quadratic blow-up) or refers to an external entity or DTD is
refused with an :class:`~kg.errors.InputError` before anything is expanded or fetched.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.xml"
>>> _ = p.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aa">]><r>&a;</r>')
>>> try:
...     parse(p)
... except InputError as e:
...     print(e.reason)
XML declares entities (refused for safety: entity expansion is never performed)
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as SafeET

from kg.errors import InputError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(path: Path) -> Element:
    """Parse ``path`` and return its root element, or raise :class:`InputError`."""
    try:
        tree = SafeET.parse(str(path), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden as e:
        if getattr(e, "sysid", None) or getattr(e, "pubid", None):
            reason = (
                f"XML declares an external entity {e.sysid or e.pubid!r} (refused for safety: never fetched)"
            )
        else:
            reason = "XML declares entities (refused for safety: entity expansion is never performed)"
        raise InputError(str(path), reason) from e
    except ExternalReferenceForbidden as e:
        raise InputError(
            str(path), "XML refers to an external entity or DTD (refused for safety: never fetched)"
        ) from e
    except DTDForbidden as e:  # pragma: no cover - DTDs are allowed, their entities are not
        raise InputError(str(path), "XML has a DTD (refused for safety)") from e
    except DefusedXmlException as e:
        raise InputError(str(path), f"unsafe XML refused: {e}") from e
    except ParseError as e:
        raise InputError(str(path), f"malformed XML: {e}") from e
    except (OSError, UnicodeError, ValueError) as e:
        raise InputError(str(path), f"cannot read XML: {e}") from e
    root = tree.getroot()
    if root is None:  # pragma: no cover
        raise InputError(str(path), "empty XML document")
    return root


def local(tag: object) -> str:
    """The tag without a namespace (``{ns}x`` -> ``x``); comments and PIs give ``""``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def find_activities_root(root: Element, max_depth: int = 3) -> Element | None:
    """The ``iati-activities`` element: the root, or inside wrappers such as ``<result><ok>``."""
    todo = [(root, 0)]
    while todo:
        el, depth = todo.pop(0)
        if local(el.tag) == "iati-activities":
            return el
        if depth < max_depth:
            todo.extend((c, depth + 1) for c in el)
    return None
