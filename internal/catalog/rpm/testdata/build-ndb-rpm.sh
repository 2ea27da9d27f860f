#!/bin/bash
# Builds rpm 4.18 from Debian's own source package with the NDB backend enabled (Debian's rpm has only sqlite and a
# read-only bdb), so that generate.sh can write a real Packages.db. Installs into $1 (default /tmp/rpm-ndb).
# Needs root for apt-get; uses a private apt configuration so the machine's sources are left alone.
set -euo pipefail
prefix=${1:-/tmp/rpm-ndb}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

apt-get install -y -qq build-essential pkg-config libpopt-dev zlib1g-dev liblua5.3-dev libsqlite3-dev \
  libgcrypt20-dev libmagic-dev >/dev/null

mkdir -p "$work/apt/parts" "$work/apt/lists/partial" "$work/apt/cache/archives/partial"
cat >"$work/apt/parts/src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/apt/parts"
  -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache")
apt-get "${apt_opts[@]}" update -qq
(cd "$work" && apt-get "${apt_opts[@]}" source --download-only rpm=4.18.0+dfsg-1+deb12u1)

cd "$work"
tar xf rpm_4.18.0+dfsg.orig.tar.xz
cd rpm-4.18.0
LUA_CFLAGS="$(pkg-config --cflags lua5.3)" LUA_LIBS="$(pkg-config --libs lua5.3)" \
  ./configure --prefix="$prefix" --enable-ndb --enable-sqlite --disable-bdb-ro --without-selinux --without-cap \
  --without-acl --disable-plugins --disable-openmp --disable-nls --enable-libelf=no --with-crypto=libgcrypt \
  --without-archive --disable-python >/dev/null
make -j2 >/dev/null
make install >/dev/null
"$prefix/bin/rpm" --showrc | grep 'available backends'
