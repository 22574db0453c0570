#!/usr/bin/env python3
"""Strict FollowTheMoney check of a JSON-lines file, using the followthemoney library.

Usage: ftm_check.py [--proxies] FILE.jsonl

Every line must be one entity {"id", "schema", "properties"}. Checked per line:
  - the schema exists (exact name) and is not abstract;
  - the id is a valid entity id (registry.entity.validate, at most 200 chars)
    and unique in the file;
  - every property exists on the schema and is not a stub (reverse) property;
    values are a list of strings, without duplicates;
  - every value is valid for the property's type (type.validate), not longer
    than the property's max length, and canonical:
    prop.type.clean(v, format=prop.format) == v;
  - the schema's required properties are present and non-empty;
  - schema.validate(d) passes;
  - every entity-typed value is not the entity itself and names an entity in
    the file whose schema is_a the property's range.
With --proxies every line is also round-tripped through model.get_proxy(d)
(cleaned=True, the default) and model.get_proxy(d, cleaned=False) (which
re-cleans every value) and any id, schema or property value the library
changes or drops is an error.

Prints one JSON document on stdout:
  {"entities": N, "schemata": {"Person": 3, ...}, "errors": [[entity_id, message], ...]}
where entity_id is null when the line has no usable id (messages then start
with "line N:"). Exit 0 when the file could be read (even with errors), 2 when
it could not (message on stderr).
"""

import argparse
import json
import sys
from collections import Counter

try:
    from followthemoney import model
    from followthemoney.exc import InvalidData
    from followthemoney.types import registry
except ImportError as exc:  # pragma: no cover - environment problem
    print(f"ftm_check: cannot import followthemoney: {exc}", file=sys.stderr)
    sys.exit(2)

TOP_LEVEL = {"id", "schema", "properties"}


def check_line(lineno, d, errors, seen_ids):
    """Per-line checks. Returns (entity_id or None, schema or None)."""

    def err(message):
        errors.append([eid, message])

    eid = None
    if not isinstance(d, dict):
        errors.append([None, f"line {lineno}: not a JSON object"])
        return None, None
    raw_id = d.get("id")
    if isinstance(raw_id, str) and raw_id:
        eid = raw_id
    else:
        errors.append([None, f"line {lineno}: missing or non-string id: {raw_id!r}"])
    extra = sorted(set(d) - TOP_LEVEL)
    if extra:
        err(f"unexpected top-level keys: {extra}")
    if eid is not None:
        if not registry.entity.validate(eid):
            err(f"invalid entity id: {eid!r}")
        elif len(eid) > registry.entity.max_length:
            err(f"entity id longer than {registry.entity.max_length} chars")
        if eid in seen_ids:
            err(f"duplicate entity id (also on line {seen_ids[eid]})")
        else:
            seen_ids[eid] = lineno

    schema_name = d.get("schema")
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None or schema.name != schema_name:
        err(f"unknown schema: {schema_name!r}")
        return eid, None
    if schema.abstract:
        err(f"abstract schema: {schema.name}")

    props = d.get("properties")
    if not isinstance(props, dict):
        err(f"properties is not an object: {type(props).__name__}")
        return eid, schema

    structurally_ok = True
    for name, values in props.items():
        prop = schema.properties.get(name)
        if prop is None:
            err(f"unknown property {schema.name}:{name}")
            structurally_ok = False
            continue
        if prop.stub:
            err(f"stub (reverse) property {schema.name}:{name} cannot be written")
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            err(f"{name}: values must be a list of strings, got {values!r}")
            structurally_ok = False
            continue
        dupes = sorted(v for v, n in Counter(values).items() if n > 1)
        if dupes:
            err(f"{name}: duplicate values {dupes!r}")
        for v in values:
            if not prop.type.validate(v):
                err(f"{name}: invalid {prop.type.name} value {v!r}")
                continue
            if len(v) > prop.max_length:
                err(f"{name}: value longer than {prop.max_length} chars")
            try:
                cleaned = prop.type.clean(v, format=prop.format)
            except InvalidData as exc:
                err(f"{name}: clean() rejected {v!r}: {exc}")
                continue
            if cleaned is None:
                err(f"{name}: clean() drops {prop.type.name} value {v!r}")
            elif cleaned != v:
                err(f"{name}: {prop.type.name} value not canonical: {v!r} cleans to {cleaned!r}")
            if prop.type == registry.entity and eid is not None and v == eid:
                err(f"{name}: self-reference to {v!r}")

    for req in schema.required:
        if not props.get(req):
            err(f"required property missing or empty: {schema.name}:{req}")

    if structurally_ok:
        try:
            schema.validate(d)
        except InvalidData as exc:
            detail = getattr(exc, "errors", None) or str(exc)
            err(f"schema.validate failed: {json.dumps(detail, ensure_ascii=False, sort_keys=True)}")
    return eid, schema


def diff_values(label, eid, before, after, errors):
    for name in sorted(set(before) | set(after)):
        b = before.get(name, [])
        a = after.get(name, [])
        if b == a:
            continue
        if isinstance(b, list) and isinstance(a, list):
            dropped = [v for v in b if v not in a]
            added = [v for v in a if v not in b]
            if dropped or added:
                msg = f"{label} changed {name}: dropped {dropped!r}, added {added!r}"
            else:
                msg = f"{label} changed {name}: {b!r} became {a!r}"
        else:
            msg = f"{label} changed {name}: {b!r} became {a!r}"
        errors.append([eid, msg])


def round_trip(d, eid, errors):
    for cleaned in (True, False):
        label = f"get_proxy(cleaned={cleaned})"
        try:
            proxy = model.get_proxy(d, cleaned=cleaned)
            out = proxy.to_dict()
        except Exception as exc:  # noqa: BLE001 - report, don't crash
            errors.append([eid, f"{label} raised {type(exc).__name__}: {exc}"])
            continue
        if out.get("id") != d.get("id"):
            errors.append([eid, f"{label} changed id: {d.get('id')!r} became {out.get('id')!r}"])
        if out.get("schema") != d.get("schema"):
            errors.append(
                [eid, f"{label} changed schema: {d.get('schema')!r} became {out.get('schema')!r}"]
            )
        diff_values(label, eid, d.get("properties") or {}, out.get("properties") or {}, errors)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Strict FollowTheMoney JSON-lines check")
    parser.add_argument("file")
    parser.add_argument(
        "--proxies",
        action="store_true",
        help="also round-trip every entity through model.get_proxy and report changes",
    )
    args = parser.parse_args(argv)

    try:
        with open(args.file, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"ftm_check: cannot read {args.file}: {exc}", file=sys.stderr)
        return 2

    errors = []
    schemata = Counter()
    seen_ids = {}
    entities = []  # (eid, schema, d)
    count = 0
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            if line or lineno != len(lines):  # only the final newline may be bare
                errors.append([None, f"line {lineno}: blank line"])
            continue
        count += 1
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append([None, f"line {lineno}: invalid JSON: {exc}"])
            continue
        eid, schema = check_line(lineno, d, errors, seen_ids)
        if schema is not None:
            schemata[schema.name] += 1
        entities.append((eid, schema, d))
        if args.proxies and schema is not None:
            round_trip(d, eid, errors)

    by_id = {}
    for eid, schema, _ in entities:
        if eid is not None and schema is not None and eid not in by_id:
            by_id[eid] = schema
    for eid, schema, d in entities:
        if schema is None or not isinstance(d.get("properties"), dict):
            continue
        for name, values in d["properties"].items():
            prop = schema.properties.get(name)
            if prop is None or prop.type != registry.entity or not isinstance(values, list):
                continue
            for v in values:
                target = by_id.get(v)
                if target is None:
                    errors.append([eid, f"{name}: references {v!r}, which is not in the file"])
                elif prop.range is not None and not target.is_a(prop.range):
                    errors.append(
                        [eid, f"{name}: references {v!r} of schema {target.name}, "
                              f"which is not a {prop.range.name} (the property's range)"]
                    )

    json.dump(
        {"entities": count, "schemata": dict(sorted(schemata.items())), "errors": errors},
        sys.stdout,
        ensure_ascii=False,
        indent=1,
    )
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
