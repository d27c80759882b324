"""Write a complete, valid, synthetic inovasi collection for benchmarks.

    python benchmarks/make_corpus.py --innovations 20000 --out /tmp/corpus

Deterministic for a given --seed. Regions, innovations spread over them, and visits that
reference both, with the variety of real records: every sector, optional fields present
and absent, long texts, replications. All names are synthetic ("Kabupaten Sintetis 0042").
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

from inovasi_cli.core.text import slugify
from inovasi_cli.records.registry import RegistryRegion, registry

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"
WORDS = [
    "layanan",
    "inovasi",
    "desa",
    "digital",
    "pelayanan",
    "publik",
    "kesehatan",
    "sampah",
    "pendidikan",
    "pangan",
    "masyarakat",
    "warga",
    "kecamatan",
    "kelurahan",
    "puskesmas",
    "aplikasi",
    "data",
    "terpadu",
    "cepat",
    "mudah",
    "gratis",
    "keliling",
    "jemput",
    "bola",
    "mandiri",
    "sehat",
    "cerdas",
    "bersih",
    "ramah",
    "anak",
    "lansia",
    "petani",
    "nelayan",
    "pasar",
    "retribusi",
    "pajak",
    "perizinan",
    "kependudukan",
    "administrasi",
    "literasi",
]


def vocabulary(schema: str, name: str) -> list[str]:
    data = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
    return [option["const"] for option in data["$defs"][name]["oneOf"]]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def registry_regions(count: int) -> list[tuple[str, RegistryRegion]]:
    """``count`` kabupaten and kota of the national registry, spread over every province
    (a region must be one: its name, type, province and code are checked against it),
    each with the id ``inovasi new region`` would give it."""
    entries = [e for e in registry().entries.values() if e.type != "provinsi"]
    chosen = [entries[i * len(entries) // count] for i in range(min(count, len(entries)))]
    regions: list[tuple[str, RegistryRegion]] = []
    for entry in chosen:
        slug = slugify(entry.short_name)
        regions.append((f"kota-{slug}" if entry.type == "kota" else slug, entry))
    return regions


def region_yaml(entry: RegistryRegion, rng: random.Random) -> str:
    lines = [
        "# yaml-language-server: $schema=../../schemas/region.schema.json",
        f"name: {quoted(entry.name)}",
        f"type: {entry.type}",
        f"province: {quoted(entry.province or '')}",
        f"code: '{entry.code}'",
    ]
    if rng.random() < 0.3:
        lines += [
            "facts:",
            "  - kind: iga",
            f"    year: {rng.choice([2019, 2020, 2022, 2023])}",
            f"    rank: {rng.randint(1, 400)}",
            f"    statement: {quoted(sentence(rng, 12))}",
            "    sources:",
            "      - source: korpus-sintetis",
            "        locator: no. 1",
        ]
    lines += ["sources:", "  - source: korpus-sintetis"]
    return "\n".join(line for line in lines if line) + "\n"


def innovation_yaml(
    index: int, rng: random.Random, vocab: dict[str, list[str]], replicable: list[str], region: str
) -> str:
    sector = vocab["sector"][index % len(vocab["sector"])]
    name = f"Inovasi {rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {index:05d}"
    lines = [
        "# yaml-language-server: $schema=../../../schemas/innovation.schema.json",
        f"name: {quoted(name)}",
    ]
    if rng.random() < 0.4:
        lines.append(f"acronym: SIN{index:05d}")
    if rng.random() < 0.8:
        lines += [
            f"unit: Dinas Sintetis {rng.randint(1, 40)}",
            f"unit_type: {rng.choice(vocab['unit_type'])}",
        ]
    lines.append(f"sector: {sector}")
    if rng.random() < 0.3:
        lines += ["other_sectors:", f"  - {rng.choice(vocab['sector'])}"]
    lines += [f"form: {rng.choice(vocab['form'])}", f"digital: {rng.choice(['true', 'false'])}"]
    if index % 7 == 0:  # some values are a curator's classification, with its basis
        lines += ["classified:", f"  form: {quoted(sentence(rng, 6))}"]
    if rng.random() < 0.6:
        lines.append(f"stage: {rng.choice(vocab['stage'])}")
    if rng.random() < 0.5:
        lines.append(f"initiator: {rng.choice(vocab['initiator'])}")
    year = rng.randint(2015, 2023)
    if rng.random() < 0.5:
        lines.append(f"trial_date: '{year}-{rng.randint(1, 12):02d}'")
    long = rng.random() < 0.2
    lines.append("summary: >-")
    for _ in range(12 if long else 3):
        lines.append("  " + sentence(rng, 10))
    for key in ("goals", "benefits", "results"):
        if rng.random() < 0.5:
            lines.append(f"{key}:")
            lines += [f"  - {quoted(sentence(rng, 8))}" for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.2:
        before = rng.randint(1, 100)
        lines += [
            "outcomes:",
            f"  - indicator: {quoted(sentence(rng, 4))}",
            f"    before: {before}",
            f"    after: {before + rng.randint(1, 100)}",
            "    unit: orang",
        ]
    lines += ["tags:"] + [f"  - {tag}" for tag in sorted(set(rng.sample(WORDS, 3)))]
    if rng.random() < 0.6:
        lines += ["competitions:", "  - award: iga", f"    year: {rng.choice([2019, 2022, 2023])}"]
    if replicable and rng.random() < 0.05:
        original = rng.choice(replicable)
        if not original.startswith(f"{region}/"):
            lines.append(f"replication_of: {original}")
    lines += [
        "sources:",
        "  - source: profil-sintetis",
        f"    locator: no. {index + 1}",
        f"    note: {quoted(sentence(rng, 6))}",
    ]
    return "\n".join(lines) + "\n"


def visit_yaml(rng: random.Random, host: str, visitor: str, studied: list[str], date: str) -> str:
    lines = [
        "# yaml-language-server: $schema=../../schemas/visit.schema.json",
        f"date: '{date}'",
        f"kind: {rng.choice(['studi-banding', 'kaji-banding', 'benchmarking'])}",
        f"host: {host}",
        "visitors:",
        f"  - region: {visitor}",
        "    leader:",
        f"      name: Pejabat Sintetis {rng.randint(1, 999)}",
        "      title: Sekretaris Daerah",
        f"    participants: {rng.randint(5, 60)}",
        f"purpose: {quoted(sentence(rng, 10))}",
    ]
    if studied:
        lines += ["studied:"] + [f"  - innovation: {i}" for i in studied]
    lines += ["sources:", "  - source: korpus-sintetis"]
    return "\n".join(lines) + "\n"


SOURCES = {
    "korpus-sintetis": "Korpus sintetis untuk benchmark",
    "profil-sintetis": "Profil inovasi sintetis",
}


def source_yaml(title: str) -> str:
    return (
        "# yaml-language-server: $schema=../../schemas/source.schema.json\n"
        f"title: {title}\nkind: lainnya\nlanguage: id\n"
        "note: A synthetic document, for the benchmark.\n"
    )


def make_corpus(out: Path, innovations: int, seed: int = 2019) -> dict[str, int]:
    rng = random.Random(seed)
    vocab = {
        name: vocabulary("innovation", name)
        for name in ("sector", "unit_type", "form", "stage", "initiator")
    }
    region_count = max(2, min(514, innovations // 20 or 2))
    chosen = registry_regions(region_count)
    regions = [region_id for region_id, _ in chosen]
    data = out / "data"
    for kind in ("regions", "innovations", "visits", "sources"):
        (data / kind).mkdir(parents=True, exist_ok=True)
    for source_id, title in SOURCES.items():
        (data / "sources" / f"{source_id}.yaml").write_text(source_yaml(title), "utf-8")
    for region, entry in chosen:
        (data / "regions" / f"{region}.yaml").write_text(region_yaml(entry, rng), "utf-8")
    ids: list[str] = []
    for index in range(innovations):
        region = regions[index % region_count]
        slug = f"inovasi-{index:05d}"
        folder = data / "innovations" / region
        folder.mkdir(exist_ok=True)
        text = innovation_yaml(index, rng, vocab, ids[: max(1, len(ids) // 2)], region)
        (folder / f"{slug}.yaml").write_text(text, "utf-8")
        ids.append(f"{region}/{slug}")
    by_region: dict[str, list[str]] = {}
    for innovation in ids:
        by_region.setdefault(innovation.split("/")[0], []).append(innovation)
    visits = max(1, innovations // 10)
    for index in range(visits):
        host, visitor = rng.sample(regions, 2)
        studied = rng.sample(by_region.get(host, []), min(2, len(by_region.get(host, []))))
        date = f"{rng.randint(2016, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        name = f"{date}-{visitor}-ke-{host}-{index:05d}"
        (data / "visits" / f"{name}.yaml").write_text(
            visit_yaml(rng, host, visitor, studied, date), "utf-8"
        )
    return {"regions": region_count, "innovations": innovations, "visits": visits}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--innovations", type=int, default=20_000, help="how many (20000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to create")
    parser.add_argument("--seed", type=int, default=2019, help="random seed (2019)")
    parser.add_argument("--force", action="store_true", help="replace an existing --out")
    args = parser.parse_args(argv)
    if args.out.exists():
        if not args.force:
            print(f"{args.out} exists; use --force to replace it", file=sys.stderr)
            return 2
        shutil.rmtree(args.out)
    counts = make_corpus(args.out, args.innovations, args.seed)
    shutil.copytree(SCHEMAS, args.out / "schemas")  # so the $schema lines resolve
    shutil.copytree(REPO / "data" / "scoring", args.out / "data" / "scoring")  # the models
    print(
        ", ".join(f"{n} {k}" for k, n in counts.items()), f"written to {args.out}", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
