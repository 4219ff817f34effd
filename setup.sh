#!/bin/sh
# Set up Hawkama on a fresh Debian/Ubuntu machine: the system libraries WeasyPrint
# needs (Pango, HarfBuzz subsetting) and poppler-utils for the PDF tests, then a
# virtual environment in .venv with Hawkama and its development tools. fonts-noto-core is
# for the tests: reports must embed only the bundled fonts even where the system has
# Noto fonts of the same design (browsers pull them in). chromium and chromium-driver run
# the web desk's browser tests (`hawkama serve`, issue 17) headless.
set -eu
cd "$(dirname "$0")"

need=""
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils fonts-noto-core \
  chromium chromium-driver; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
if [ -n "$need" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
.venv/bin/hawkama --version
