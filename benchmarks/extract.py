"""Throughput of the text extractor: the dev corpus repeated to >= 5,000 articles, one process.

Usage: python benchmarks/extract.py [N_ARTICLES] [CORPUS_DIR]
Prints articles/s and words/s, by wall time and by the process's CPU time (less sensitive to
other processes' load), with the machine (nproc, CPU model, Python version, load average at start).
"""

from __future__ import annotations

import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.extract import extract  # noqa: E402
from ingest.extract.lexicon import triggers_in  # noqa: E402
from ingest.extract.text import parse_header  # noqa: E402
from kg.claims import Document  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    corpus = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_CORPUS
    docs = []
    for f in sorted(corpus.glob("*.txt")):
        meta, body = parse_header(f.read_text(encoding="utf-8"))
        docs.append((f.stem, body, meta.get("lang"), len(body.split())))
    if not docs:
        print(f"no articles in {corpus}", file=sys.stderr)
        return 2
    load = load_average()
    extract(Document(doc_id="warm", source="warm", text=docs[0][1]))  # load lexicons and automata
    words = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for k in range(n):
        stem, body, lang, n_words = docs[k % len(docs)]
        # Sentence-keyed caches would make a repeated article nearly free, which a real
        # corpus of distinct articles never sees: empty them before every article.
        # (Word- and name-keyed caches stay: vocabulary does repeat across real news.)
        triggers_in.cache_clear()
        extract(Document(doc_id=f"{stem}-{k}", source=stem, text=body, lang=lang))
        words += n_words
    dt, ct = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"machine: nproc={os.cpu_count()} cpu={cpu_model()!r} python={platform.python_version()}"
        f" load average at start: {load}"
    )
    print(f"articles: {n} ({len(docs)} distinct) words: {words} seconds: {dt:.2f} wall, {ct:.2f} CPU")
    print(f"throughput: {n / dt:.1f} articles/s, {words / dt:.0f} words/s (wall, single process)")
    print(f"throughput: {n / ct:.1f} articles/s, {words / ct:.0f} words/s (CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
