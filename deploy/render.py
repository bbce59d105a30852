"""Fill in the ``@@NAME@@`` placeholders of a file in deploy/ and print the result.

    python3 deploy/render.py deploy/nginx/marquee.conf NAME=value ... > marquee.conf

Every placeholder of the file must be given and every name given must be a placeholder of the
file; anything else exits 2 naming the names, so a half-filled configuration never gets out.
Standard library only: runs with any Python 3.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")


def render(template: str, values: dict[str, str]) -> str:
    """``template`` with every ``@@NAME@@`` replaced by ``values[NAME]``; ValueError when a
    placeholder has no value or a value no placeholder."""
    wanted = set(PLACEHOLDER.findall(template))
    missing, unknown = sorted(wanted - values.keys()), sorted(values.keys() - wanted)
    if missing or unknown:
        problems = [f"missing: {', '.join(missing)}"] if missing else []
        problems += [f"not in the template: {', '.join(unknown)}"] if unknown else []
        raise ValueError("; ".join(problems))
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def main(argv: list[str]) -> int:
    if not argv or any("=" not in item for item in argv[1:]):
        print("usage: python3 deploy/render.py TEMPLATE NAME=value ...", file=sys.stderr)
        return 2
    values = dict(item.split("=", 1) for item in argv[1:])
    try:
        sys.stdout.write(render(Path(argv[0]).read_text(), values))
    except (OSError, ValueError) as error:
        print(f"render.py: {argv[0]}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
