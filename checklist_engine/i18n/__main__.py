"""python -m checklist_engine.i18n status | skeleton data/X.toml [--lang es] (see the package's doc)."""

from __future__ import annotations

import sys

from . import DEFAULT, KEYS, LANGS, CatalogueError, _short, catalogue_path, load_catalogue, problems, skeleton


def main(argv: list[str]) -> int:
    args = list(argv)
    lang = "es"
    if "--lang" in args:
        at = args.index("--lang")
        lang = args[at + 1] if at + 1 < len(args) else ""
        del args[at : at + 2]
    if lang == DEFAULT or lang not in LANGS:
        print(f"--lang must be one of {', '.join(x for x in LANGS if x != DEFAULT)}", file=sys.stderr)
        return 2
    if args[:1] == ["status"] and len(args) == 1:
        bad = 0
        for datafile in KEYS:
            try:
                found = problems(datafile, lang)
            except CatalogueError as exc:
                print(exc)
                bad += 1
                continue
            has = load_catalogue(datafile, lang) is not None
            counts = ", ".join(f"{len(v)} {k}" for k, v in found.items())
            print(
                f"data/{datafile}: {'catalogue ' + catalogue_path(datafile, lang) if has else 'no catalogue'}: {counts}"
            )
            for kind, texts in found.items():
                for text in texts:
                    print(f"  {kind}: {text if kind == 'placeholders' else _short(text, 100)}")
            bad += sum(len(v) for v in found.values())
        return 1 if bad else 0
    if args[:1] == ["skeleton"] and len(args) == 2:
        datafile = args[1].removeprefix("checklist_engine/").removeprefix("data/")
        if datafile not in KEYS:
            print(f"{args[1]}: not a data file with translatable text ({', '.join(KEYS)})", file=sys.stderr)
            return 2
        sys.stdout.write(skeleton(datafile, lang))
        return 0
    print("usage: python -m checklist_engine.i18n status | skeleton data/X.toml [--lang es]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
