"""python -m checklist_engine.i18n status | skeleton data/X.toml [--lang es] (see the package's doc).

`arguments` and `report` also serve sitebuild.page_strings, the same commands for the page's words.
(argparse stays out of the package itself: the engine in the browser never imports this module.)
"""

from __future__ import annotations

import argparse
import sys

from . import DEFAULT, KEYS, LANGS, CatalogueError, _short, catalogue_path, load_catalogue, problems, skeleton


def arguments(prog: str, argv: list[str], skeleton_file: bool) -> argparse.Namespace:
    """`--lang` (a translation, es by default) and the command: status, or skeleton (of a data file)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", default="es", choices=[x for x in LANGS if x != DEFAULT])
    parser = argparse.ArgumentParser(prog=prog, description="Missing, orphan and mismatched translations.")
    commands = parser.add_subparsers(dest="command", required=True)
    status_help = "list missing, orphan and placeholder problems; exit 1 if any"
    commands.add_parser("status", parents=[common], help=status_help)
    skeleton_help = "print the missing entries, their translation empty"
    skeleton_parser = commands.add_parser("skeleton", parents=[common], help=skeleton_help)
    if skeleton_file:
        skeleton_parser.add_argument("datafile", help="data/X.toml")
    return parser.parse_args(argv)


def report(title: str, found: dict[str, list[str]]) -> int:
    """Print one catalogue's problems under its title; return how many there are."""
    print(f"{title}: " + ", ".join(f"{len(v)} {k}" for k, v in found.items()))
    for kind, texts in found.items():
        for text in texts:
            print(f"  {kind}: {text if kind == 'placeholders' else _short(text, 100)}")
    return sum(len(v) for v in found.values())


def main(argv: list[str]) -> int:
    args = arguments("python -m checklist_engine.i18n", argv, skeleton_file=True)
    if args.command == "status":
        bad = 0
        for datafile in KEYS:
            try:
                found = problems(datafile, args.lang)
            except CatalogueError as exc:
                print(exc)
                bad += 1
                continue
            has = load_catalogue(datafile, args.lang) is not None
            where = "catalogue " + catalogue_path(datafile, args.lang) if has else "no catalogue"
            bad += report(f"data/{datafile}: {where}", found)
        return 1 if bad else 0
    datafile = args.datafile.removeprefix("checklist_engine/").removeprefix("data/")
    if datafile not in KEYS:
        print(f"{args.datafile}: not a data file with translatable text ({', '.join(KEYS)})", file=sys.stderr)
        return 2
    sys.stdout.write(skeleton(datafile, args.lang))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
