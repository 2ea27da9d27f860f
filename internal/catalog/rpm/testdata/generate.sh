#!/bin/bash
# Regenerates the rpm databases in this directory, one per backend, all holding the same packages, and the
# expected values that the tests check against, as rpm itself reports them.
#
# Needs (Debian 12): apt-get install rpm db5.3-util sqlite3 gnupg
# and an rpm built with NDB support: ./build-ndb-rpm.sh /tmp/rpm-ndb (or set NDB_RPM to its bin/rpm).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ndb_rpm=${NDB_RPM:-/tmp/rpm-ndb/bin/rpm}
[ -x "$ndb_rpm" ] || { echo "no NDB-capable rpm at $ndb_rpm: run build-ndb-rpm.sh first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
qf='%{NAME}|%{EPOCH}|%{VERSION}|%{RELEASE}|%{ARCH}|%{SOURCERPM}|%{LICENSE}\n'
filesqf='[%{=NAME}|%{FILEMODES:perms}|%{FILENAMES}\n]'

# 1. Build the fixture packages: empty files laid out like installed software.
for spec in patchbay-hello patchbay-data; do
  rpmbuild -bb --nodeps --quiet --define "_topdir $work/build" --define 'debug_package %{nil}' \
    --define '__os_install_post %{nil}' --define '_build_id_links none' "$here/$spec.spec" 2>/dev/null
done
rpms=("$work"/build/RPMS/*/*.rpm)

# A signing key imported into the database, as every RHEL/Fedora image has: rpm keeps it as a "gpg-pubkey"
# pseudo-package, which the cataloger must leave out.
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'Patchbay Fixture <fixture@patchbay.invalid>' rsa2048 sign never
gpg --batch --quiet --armor --export fixture@patchbay.invalid >"$work/key.asc"

install_into() { # rpm-binary backend dir
  "$1" --define "_db_backend $2" --dbpath "$3" --initdb
  "$1" --define "_db_backend $2" --dbpath "$3" --import "$work/key.asc"
  "$1" --define "_db_backend $2" --dbpath "$3" -i --justdb --nodeps --noscripts --notriggers --ignorearch \
    --ignoreos "${rpms[@]}" 2>/dev/null
}

# 2. SQLite, written by Debian's rpm.
install_into rpm sqlite "$work/sqlite"
mkdir -p "$here/sqlite" "$here/expected"
cp "$work/sqlite/rpmdb.sqlite" "$here/sqlite/rpmdb.sqlite"
rpm --dbpath "$work/sqlite" -qa --qf "$qf" | sort >"$here/expected/packages.txt"
rpm --dbpath "$work/sqlite" -qa --qf "$filesqf" | sort >"$here/expected/files.txt"
[ "$(wc -l <"$here/expected/files.txt")" -gt 10 ] || { echo "rpm listed no files" >&2; exit 1; }

# 3. NDB, written by the rpm that build-ndb-rpm.sh made.
install_into "$ndb_rpm" ndb "$work/ndb"
mkdir -p "$here/ndb"
cp "$work/ndb/Packages.db" "$here/ndb/Packages.db"

# 4. Berkeley DB. Debian's rpm reads it (bdb_ro) but cannot write it, so the header blobs that rpm wrote to the
# SQLite database are loaded with Berkeley DB's own db_load, the way rpm's bdb backend stored them: a hash
# database keyed by the package number in the writer's byte order, plus record 0 holding the last number.
# Three variants: 4 KiB pages as rpm used (headers on overflow pages), 512-byte big-endian pages (headers spread
# over chains of overflow pages, swapped byte order), 16 KiB pages (headers small enough to sit on the hash page).
bdb() { # dir pagesize lorder
  local key
  key() { if [ "$2" = 1234 ]; then printf '%02x000000' "$1"; else printf '000000%02x' "$1"; fi; }
  {
    printf 'VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=%s\ndb_lorder=%s\nHEADER=END\n' "$2" "$3"
    echo " $(key 0 "$3")"
    echo " $(key "$(sqlite3 "$here/sqlite/rpmdb.sqlite" 'SELECT max(hnum) FROM Packages')" "$3")"
    sqlite3 -separator ' ' "$here/sqlite/rpmdb.sqlite" 'SELECT hnum, lower(hex(blob)) FROM Packages ORDER BY hnum' |
      while read -r n hex; do echo " $(key "$n" "$3")"; echo " $hex"; done
    echo DATA=END
  } >"$work/dump-$2"
  mkdir -p "$here/$1"
  rm -f "$here/$1/Packages"
  db5.3_load -f "$work/dump-$2" "$here/$1/Packages"
}
bdb bdb-le4096 4096 1234
bdb bdb-be512 512 4321
bdb bdb-le16384 16384 1234

# 5. Every database must give rpm the same packages and files.
# rpm is run on a copy, since it adds index files beside the database it reads.
check() { # rpm-binary backend file
  local copy="$work/check-$(basename "$(dirname "$3")")"
  mkdir -p "$copy" && cp "$3" "$copy/"
  diff -u "$here/expected/packages.txt" <("$1" --define "_db_backend $2" --dbpath "$copy" -qa --qf "$qf" 2>/dev/null | sort)
  diff -u "$here/expected/files.txt" <("$1" --define "_db_backend $2" --dbpath "$copy" -qa --qf "$filesqf" 2>/dev/null | sort)
}
check rpm sqlite "$here/sqlite/rpmdb.sqlite"
check "$ndb_rpm" ndb "$here/ndb/Packages.db"
for d in bdb-le4096 bdb-be512 bdb-le16384; do check rpm bdb_ro "$here/$d/Packages"; done
echo "fixtures regenerated and checked with rpm"
