#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<target>/ from the test fixtures and the default scene.
Run again when the formats change; the seeds are committed so that CI fuzzes from the same start."""
import json, pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "fuzz" / "corpus"


def raw_strings(path):
    # Whole raw string literals R"(...)" of a test file (the fixtures), skipping fragments.
    return re.findall(r'R"\((.*?)\)"', (root / path).read_text(), re.S)


def write(target, name, text):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(text)


# Scenes: refer to the files the scene target lays out beside its input (sites.geojson, views.json).
scenes = [s for s in raw_strings("tests/unit/scene/scene_test.cpp") if "terrabrief-scene/1" in s]
scenes.append((root / "assets/kyongsong/kyongsong.json").read_text())
for i, s in enumerate(scenes):
    s = re.sub(r'("sites"\s*:\s*\{\s*"path"\s*:\s*)"[^"]*"', r'\1"sites.geojson"', s)
    s = re.sub(r'("viewsFile"\s*:\s*)"[^"]*"', r'\1"views.json"', s)
    write("scene", f"seed-{i:02d}.json", s)

# Sites: the default scene's, each of its features alone, and the fixtures' property shapes.
sites = json.loads((root / "assets/kyongsong/sites.geojson").read_text())
write("sites", "kyongsong.geojson", json.dumps(sites))
for i, f in enumerate(sites["features"]):
    write("sites", f"feature-{i:02d}.geojson", json.dumps({"type": "FeatureCollection", "features": [f]}))
write("sites", "line.geojson", json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
      "properties": {"id": "r", "name": "River", "category": "c", "honesty": "area", "precision_m": 500,
                     "source": "brief", "uncertain_end": "end"},
      "geometry": {"type": "LineString", "coordinates": [[129.6, 41.6], [129.7, 41.7]]}}]}))
write("sites", "polygon.geojson", json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
      "properties": {"id": "a", "name": "Area", "category": "c", "honesty": "area", "source": "brief"},
      "geometry": {"type": "MultiPolygon", "coordinates": [[[[129.6, 41.6], [129.7, 41.6], [129.7, 41.7], [129.6, 41.6]]]]}}]}))

# Briefings: the scene they name is "scene.json" beside them (the briefing target writes it).
briefings = [s for s in raw_strings("tests/unit/briefing/briefing_file_test.cpp") if "terrabrief-briefing/1" in s]
briefings.append((root / "assets/kyongsong/kyongsong-briefing.json").read_text())
for i, s in enumerate(briefings):
    write("briefing", f"seed-{i:02d}.json", re.sub(r'("scene"\s*:\s*)"[^"]*"', r'\1"scene.json"', s))

# KML tours: the unit test's and the CLI test's.
tours = [s for s in raw_strings("tests/unit/briefing/kml_tour_test.cpp") + raw_strings("tests/cli/brief_test.cpp")
         if "<kml" in s]
for i, s in enumerate(tours):
    write("kml", f"seed-{i:02d}.kml", s)

# Dictionaries: the keys and words of each format, so that mutations reach the checks behind them.
def dict_file(target, tokens):
    lines = sorted({json.dumps(t) for t in tokens if t and len(t) < 40})
    (root / "fuzz" / f"{target}.dict").write_text("\n".join(lines) + "\n")


def json_tokens(texts):
    toks = set()
    for t in texts:
        toks.update(re.findall(r'"[A-Za-z_/0-9 .#-]*"', t))
    return toks | {"{", "}", "[", "]", ":", ",", "true", "false", "null", "1e309", "-0", "\\u0000"}


dict_file("scene", json_tokens(scenes))
dict_file("briefing", json_tokens(briefings))
dict_file("sites", json_tokens([json.dumps(sites)]) | {'"Point"', '"LineString"', '"Polygon"', '"MultiPoint"',
                                                      '"GeometryCollection"', '"coordinates"', '"geometries"'})
kml = set()
for t in tours:
    kml.update(re.findall(r"</?[A-Za-z:]+>?", t))
dict_file("kml", kml | {"<![CDATA[", "]]>", "&amp;", "<!--", "-->", 'xmlns:gx="http://www.google.com/kml/ext/2.2"'})
