#!/usr/bin/env bash
# bench/sbom.sh [RUNS] — issue 2's speed figures on the shared corpus, all in one run so they share the machine's
# state: for every corpus image,
#   floor   decompressing every layer blob once, all layers at the same time (gzip -dc per layer, in parallel,
#           to /dev/null): the least any scanner that reads the layers must spend;
#   cold    patchbay sbom --no-cache (every layer read, decompressed, digest-checked and catalogued);
#   warm    patchbay sbom with the layer cache filled (a rescan);
#   RSS     peak resident memory of the cold run.
# Each time is the median of RUNS runs (default 5). Needs the corpus (scripts/test builds it) and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
CORPUS=${PATCHBAY_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/patchbay-test}/corpus
[ -f "$CORPUS/DONE" ] || { echo "no corpus in $CORPUS: run scripts/test first" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
go build -o bin/patchbay ./cmd/patchbay
CACHE=$(mktemp -d); trap 'rm -rf "$CACHE"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }
blobs() { # the layer blobs of one image of the OCI layout, by its ref name
  python3 - "$CORPUS/oci" "$1" <<'PY'
import json, sys, os
oci, ref = sys.argv[1], sys.argv[2]
idx = json.load(open(os.path.join(oci, "index.json")))
for m in idx["manifests"]:
    if m.get("annotations", {}).get("org.opencontainers.image.ref.name") == ref:
        man = json.load(open(os.path.join(oci, "blobs", *m["digest"].split(":"))))
        for l in man["layers"]:
            print(os.path.join(oci, "blobs", *l["digest"].split(":")))
PY
}

printf '%-38s %8s %8s %6s %8s %7s %9s\n' image floor_s cold_s ratio warm_s warm% rss_MiB
for ref in $(python3 -c "import json;[print(m['annotations']['org.opencontainers.image.ref.name']) for m in json.load(open('$CORPUS/oci/index.json'))['manifests'] if 'index' not in m['mediaType']]"); do
  files=$(blobs "$ref")
  floor=(); cold=(); warm=(); rss=0
  for _ in $(seq "$RUNS"); do
    t0=$(now); for f in $files; do gzip -dc "$f" > /dev/null & done; wait; t1=$(now)
    floor+=("$(echo "$t1 - $t0" | bc)")
    t0=$(now)
    m=$( { /usr/bin/time -f %M bin/patchbay sbom --no-cache -q -o json "oci:$CORPUS/oci:$ref" > /dev/null; } 2>&1 | tail -1)
    t1=$(now); cold+=("$(echo "$t1 - $t0" | bc)"); [ "$m" -gt "$rss" ] && rss=$m
    PATCHBAY_CACHE_DIR=$CACHE bin/patchbay sbom -q -o json "oci:$CORPUS/oci:$ref" > /dev/null
    t0=$(now); PATCHBAY_CACHE_DIR=$CACHE bin/patchbay sbom -q -o json "oci:$CORPUS/oci:$ref" > /dev/null; t1=$(now)
    warm+=("$(echo "$t1 - $t0" | bc)")
  done
  f=$(printf '%s\n' "${floor[@]}" | median); c=$(printf '%s\n' "${cold[@]}" | median); w=$(printf '%s\n' "${warm[@]}" | median)
  printf '%-38s %8.3f %8.3f %6.2f %8.3f %6.1f%% %9.1f\n' "$ref" "$f" "$c" "$(echo "$c / $f" | bc -l)" "$w" "$(echo "100 * $w / $c" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
done
