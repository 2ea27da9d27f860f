#!/usr/bin/env python3
"""Independent oracle: which OSV records affect which packages of the test corpus.

Usage:  python3 oracle.py CORPUS_EXPECTED_DIR OSV_DIR [OSV_DIR...]

Prints JSON to stdout:
  {"<image ref>": [{"id", "type", "name", "version", "path"?}, ...], ...}
one entry per (record id, package instance), sorted. Warnings go to stderr.

Deliberately simple. Versions are compared by each ecosystem's own reference
implementation, never by Patchbay's Go code:
  deb    dpkg --compare-versions          (subprocess, one call per question)
  npm    node-semver bundled with npm     (one `node` process, pairs as JSON on stdin)
  maven  Maven's ComparableVersion        (one `java Cmp.java` process, pairs on stdin)
  python pip._vendor.packaging.version    (PyPA's reference PEP 440 implementation)
  golang a plain SemVer 2.0 comparison written below (semver.org section 11)
See README.md for the rules.
"""

import concurrent.futures
import functools
import glob
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile

try:  # PyPA's packaging, as pip vendors it or as Debian's python3-packaging installs it
    from pip._vendor.packaging.version import InvalidVersion, Version
except ImportError:
    from packaging.version import InvalidVersion, Version

NODE_SEMVER = "/usr/lib/node_modules/npm/node_modules/semver"
MAVEN_ARTIFACT_JAR = "/usr/share/maven/lib/maven-artifact-3.x.jar"

# Corpus package type -> OSV ecosystem. "deb" is special: Debian:<os.version_id>.
ECOSYSTEM_OF_TYPE = {"npm": "npm", "maven": "Maven", "python": "PyPI", "golang": "Go"}


_warned = set()


def warn(message):
    """Print a warning to stderr, each distinct message once."""
    if message not in _warned:
        _warned.add(message)
        print("oracle: warning: " + message, file=sys.stderr)


# --------------------------------------------------------------------------
# Version comparison, one class per ecosystem.
#
# compare(a, b) returns -1, 0 or 1, or None when the tool cannot parse a or b.
# Answers are cached; prepare(pairs) asks the tool about many pairs at once
# (one process for node and java) so that later compare() calls are lookups.
# --------------------------------------------------------------------------

class Comparator:
    def __init__(self):
        self.cache = {}  # (a, b) with a <= b as strings -> answer

    def prepare(self, pairs):
        # Only one orientation of each pair is asked: compare(b, a) is
        # -compare(a, b) (see compare()).
        todo = sorted({(min(a, b), max(a, b)) for a, b in pairs} - self.cache.keys())
        if todo:
            self.cache.update(zip(todo, self.ask_tool(todo)))

    def compare(self, a, b):
        if a > b:
            answer = self.compare(b, a)
            return None if answer is None else -answer
        if (a, b) not in self.cache:
            self.prepare([(a, b)])
        return self.cache[(a, b)]

    def valid(self, v):
        """A version is valid when the tool can compare it with itself."""
        return self.compare(v, v) is not None

    def ask_tool(self, pairs):
        """Return one answer (-1, 0, 1 or None) per pair, in order."""
        raise NotImplementedError


class DpkgComparator(Comparator):
    """Debian: dpkg --compare-versions. Any complaint on stderr = unparseable."""

    def ask_tool(self, pairs):
        # Independent subprocesses; a few at a time to save wall-clock time.
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(lambda pair: self.one(*pair), pairs))

    @staticmethod
    def dpkg_says(a, op, b):
        p = subprocess.run(["dpkg", "--compare-versions", a, op, b],
                           capture_output=True, text=True)
        if p.stderr.strip() or p.returncode not in (0, 1):
            return None
        return p.returncode == 0

    def one(self, a, b):
        less = self.dpkg_says(a, "lt", b)
        if less is None:
            return None
        if less:
            return -1
        return 0 if self.dpkg_says(a, "eq", b) else 1


class NodeSemverComparator(Comparator):
    """npm: semver.compare() from the node-semver that npm bundles."""

    SCRIPT = """
const semver = require(%s);
let input = "";
process.stdin.on("data", (d) => { input += d; });
process.stdin.on("end", () => {
  const answers = JSON.parse(input).map(([a, b]) => {
    try { return semver.compare(a, b); } catch (e) { return null; }
  });
  process.stdout.write(JSON.stringify(answers));
});
""" % json.dumps(NODE_SEMVER)

    def ask_tool(self, pairs):
        p = subprocess.run(["node", "-e", self.SCRIPT], input=json.dumps(pairs),
                           capture_output=True, text=True, check=True)
        return json.loads(p.stdout)


class MavenComparator(Comparator):
    """Maven: org.apache.maven.artifact.versioning.ComparableVersion.compareTo."""

    JAVA = """
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.ComparableVersion;

public class Cmp {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] ab = line.split("\\t", -1);
            int c = new ComparableVersion(ab[0]).compareTo(new ComparableVersion(ab[1]));
            System.out.println(Integer.signum(c));
        }
    }
}
"""

    def ask_tool(self, pairs):
        # ComparableVersion accepts any string; only tabs and newlines cannot
        # travel through our one-pair-per-line protocol.
        sendable = [(a, b) for a, b in pairs if not re.search(r"[\t\r\n]", a + b)]
        answers = {}
        if sendable:
            with tempfile.TemporaryDirectory() as tmp:
                src = os.path.join(tmp, "Cmp.java")
                with open(src, "w") as f:
                    f.write(self.JAVA)
                text = "".join("%s\t%s\n" % pair for pair in sendable)
                p = subprocess.run(["java", "-cp", MAVEN_ARTIFACT_JAR, src],
                                   input=text, capture_output=True, text=True, check=True)
                results = [int(x) for x in p.stdout.split()]
                assert len(results) == len(sendable), p.stderr
                answers = dict(zip(sendable, results))
        return [answers.get(pair) for pair in pairs]


class PythonComparator(Comparator):
    """PyPI: packaging.version.Version (PEP 440), as vendored in pip."""

    def ask_tool(self, pairs):
        return [self.one(a, b) for a, b in pairs]

    @staticmethod
    def one(a, b):
        try:
            va, vb = Version(a), Version(b)
        except InvalidVersion:
            return None
        return (va > vb) - (va < vb)


# SemVer 2.0.0, the regular expression suggested on semver.org.
SEMVER_RE = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
    r"(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")


def semver_compare(a, b):
    """SemVer 2.0 precedence (semver.org section 11); None if unparseable.

    Build metadata (after "+", e.g. "+incompatible") is ignored (11.1).
    """
    ma, mb = SEMVER_RE.match(a), SEMVER_RE.match(b)
    if not ma or not mb:
        return None
    # 11.2: major, minor, patch compared numerically.
    core_a = [int(x) for x in ma.group(1, 2, 3)]
    core_b = [int(x) for x in mb.group(1, 2, 3)]
    if core_a != core_b:
        return -1 if core_a < core_b else 1
    pre_a, pre_b = ma.group(4), mb.group(4)
    # 11.3: a version without pre-release ranks above one with.
    if pre_a is None and pre_b is None:
        return 0
    if pre_a is None:
        return 1
    if pre_b is None:
        return -1
    # 11.4: pre-release identifiers compared dot by dot.
    ids_a, ids_b = pre_a.split("."), pre_b.split(".")
    for x, y in zip(ids_a, ids_b):
        if x == y:
            continue
        x_num, y_num = x.isdigit(), y.isdigit()
        if x_num and y_num:
            return -1 if int(x) < int(y) else 1  # numerically
        if x_num:
            return -1  # numeric identifiers rank below alphanumeric ones
        if y_num:
            return 1
        return -1 if x < y else 1  # lexically, in ASCII order
    # All shared identifiers equal: the longer set ranks higher.
    return (len(ids_a) > len(ids_b)) - (len(ids_a) < len(ids_b))


class GoComparator(Comparator):
    def ask_tool(self, pairs):
        return [semver_compare(a, b) for a, b in pairs]


def make_comparators():
    return {"Debian": DpkgComparator(), "npm": NodeSemverComparator(),
            "Maven": MavenComparator(), "PyPI": PythonComparator(), "Go": GoComparator()}


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------

def name_key(ecosystem, name):
    """How package names are compared: exactly, except PyPI (PEP 503)."""
    if ecosystem == "PyPI":
        return re.sub(r"[-_.]+", "-", name).lower()
    return name


def comparator_family(ecosystem):
    """"Debian:12" -> "Debian"; others unchanged."""
    return ecosystem.split(":")[0]


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------

def load_records(osv_dirs):
    """Index non-withdrawn records: (ecosystem, name key) -> [(id, affected)]."""
    index = {}
    for d in osv_dirs:
        for path in sorted(glob.glob(os.path.join(d, "*.json"))):
            with open(path, encoding="utf-8") as f:
                record = json.load(f)
            if "withdrawn" in record:
                continue
            for affected in record.get("affected", []):
                pkg = affected.get("package", {})
                eco, name = pkg.get("ecosystem", ""), pkg.get("name", "")
                if eco.startswith("Alpine"):
                    warn("%s: Alpine records are not matched by this oracle" % record["id"])
                key = (eco, name_key(eco, name))
                index.setdefault(key, []).append((record["id"], affected))
    return index


def load_images(expected_dir):
    """Return {image ref: [(ecosystem, name, version to compare, output entry)]}."""
    images = {}
    for path in sorted(glob.glob(os.path.join(expected_dir, "*.json"))):
        with open(path, encoding="utf-8") as f:
            image = json.load(f)
        if image.get("kind") == "index":
            continue
        images[image["ref"]] = list(image_packages(image))
    return images


def image_packages(image):
    """Yield (ecosystem, name, version to compare, output entry) per package.

    image["optional"] (language packages that a Debian package installed) and
    image["unidentified_jars"] are deliberately not read.
    """
    os_info = image.get("os") or {}
    for p in image.get("packages", []):
        t = p["type"]
        out = {"type": t, "name": p["name"], "version": p["version"]}
        if t == "deb":
            if os_info.get("id") != "debian":
                warn("%s: deb package %s on a non-Debian OS; skipped" % (image["ref"], p["name"]))
                continue
            # Debian security data is about source packages.
            yield "Debian:%s" % os_info.get("version_id"), p["source"], p["source_version"], out
        elif t in ECOSYSTEM_OF_TYPE:
            out["path"] = p["path"]
            version = p["version"]
            if t == "golang":
                if version == "":
                    continue  # the main module: never matched
                if version.startswith("v"):
                    version = version[1:]  # OSV Go versions carry no "v"
            yield ECOSYSTEM_OF_TYPE[t], p["name"], version, out
        # apk: no Alpine records and no reference tool here; not matched.


# --------------------------------------------------------------------------
# OSV evaluation (https://ossf.github.io/osv-schema/#evaluation)
# --------------------------------------------------------------------------

EVENT_KINDS = ("introduced", "fixed", "last_affected", "limit")


def event_version(event):
    for kind in EVENT_KINDS:
        if kind in event:
            return event[kind]
    return None


def is_special(event):
    """introduced "0" sorts below everything, limit "*" above everything."""
    return event.get("introduced") == "0" or event.get("limit") == "*"


def versions_of_range(rng):
    return [event_version(e) for e in rng.get("events", [])
            if event_version(e) is not None and not is_special(e)]


def usable_ranges(affected):
    return [r for r in affected.get("ranges", []) if r.get("type") != "GIT"]


def event_order(a, b, cmp):
    """Order of two events for sorted(range.events)."""
    def rank(e):
        if e.get("introduced") == "0":
            return -1
        if e.get("limit") == "*":
            return 1
        return 0
    if rank(a) or rank(b):
        return rank(a) - rank(b)
    return cmp.compare(event_version(a), event_version(b))


def in_range(v, rng, cmp, record_id):
    events = [e for e in rng.get("events", []) if event_version(e) is not None]
    for ver in versions_of_range(rng):
        if not cmp.valid(ver):
            warn("%s: cannot parse version %r; that range is skipped" % (record_id, ver))
            return False

    # BeforeLimits: with limit events, v must be below at least one of them.
    limits = [e["limit"] for e in events if "limit" in e]
    if limits and not any(l == "*" or cmp.compare(v, l) < 0 for l in limits):
        return False

    affected = False
    key = functools.cmp_to_key(lambda a, b: event_order(a, b, cmp))
    for e in sorted(events, key=key):
        if "introduced" in e and (e["introduced"] == "0" or cmp.compare(v, e["introduced"]) >= 0):
            affected = True
        elif "fixed" in e and cmp.compare(v, e["fixed"]) >= 0:
            affected = False
        elif "last_affected" in e and cmp.compare(v, e["last_affected"]) > 0:
            affected = False
    return affected


def is_affected(v, affected, cmp, record_id):
    """IncludedInVersions || IncludedInRanges, for one affected[] entry."""
    if v in affected.get("versions", []):
        return True
    if not usable_ranges(affected):
        return False
    if not cmp.valid(v):
        warn("%s: cannot parse installed version %r; ranges skipped" % (record_id, v))
        return False
    return any(in_range(v, r, cmp, record_id) for r in usable_ranges(affected))


# --------------------------------------------------------------------------

def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    expected_dir, osv_dirs = argv[1], argv[2:]
    index = load_records(osv_dirs)
    comparators = make_comparators()

    # Every (package, record, affected entry) whose ecosystem and name match.
    images = load_images(expected_dir)
    candidates = []
    for ref, packages in images.items():
        for eco, name, version, out in packages:
            for record_id, affected in index.get((eco, name_key(eco, name)), []):
                candidates.append((ref, eco, version, out, record_id, affected))

    # Ask each tool, in one batch, every question the evaluation can ask:
    # all pairs among the installed version and the versions of a range.
    pairs = {}
    for ref, eco, version, out, record_id, affected in candidates:
        family_pairs = pairs.setdefault(comparator_family(eco), set())
        family_pairs.add((version, version))
        for rng in usable_ranges(affected):
            vs = sorted(set([version] + versions_of_range(rng)))
            for a, b in itertools.combinations_with_replacement(vs, 2):
                family_pairs.add((a, b))
    for family, family_pairs in pairs.items():
        if family not in comparators:
            warn("no version comparison for ecosystem %s" % family)
            continue
        comparators[family].prepare(family_pairs)

    findings = {ref: set() for ref in images}
    for ref, eco, version, out, record_id, affected in candidates:
        cmp = comparators.get(comparator_family(eco))
        if cmp is None:
            continue
        if is_affected(version, affected, cmp, record_id):
            # A set: several affected[] entries of one record count once.
            findings[ref].add(tuple(sorted(dict(out, id=record_id).items())))

    result = {ref: sorted((dict(f) for f in fs),
                          key=lambda f: (f["id"], f["type"], f["name"], f["version"], f.get("path", "")))
              for ref, fs in findings.items()}
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
