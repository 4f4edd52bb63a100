#!/usr/bin/env bash
# Makes sure the browser the system tests drive is installed: /usr/bin/chromium and
# /usr/bin/chromedriver (Debian packages chromium and chromium-driver). Like local-stack with its
# servers: as root on Debian it installs what is missing with apt-get; otherwise it says exactly what
# to install and fails. Nothing is downloaded from anywhere but apt.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
PACKAGES=(chromium chromium-driver)

missing() {
  local path
  for path in "$CHROMIUM" "$CHROMEDRIVER"; do
    [ -x "$path" ] || printf '%s ' "$path"
  done
}

absent=$(missing)
if [ -z "$absent" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
  echo "Browser tests need ${absent% }; installing ${PACKAGES[*]} with apt-get ..."
  export DEBIAN_FRONTEND=noninteractive
  # Waits for a dpkg lock held by another installer instead of failing at once (as local-stack does).
  apt-get update -o DPkg::Lock::Timeout=300
  apt-get install -y -o DPkg::Lock::Timeout=300 "${PACKAGES[@]}"
  absent=$(missing)
  if [ -n "$absent" ]; then
    echo "apt-get installed ${PACKAGES[*]} but ${absent% } is still missing." >&2
    exit 1
  fi
  exit 0
fi

echo "Browser tests need ${absent% }, which is missing." >&2
echo "Install it with: sudo apt-get install -y ${PACKAGES[*]}" >&2
echo "(on other systems: Chromium and its matching chromedriver at $CHROMIUM and $CHROMEDRIVER)" >&2
exit 1
