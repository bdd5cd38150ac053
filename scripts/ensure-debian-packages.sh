#!/usr/bin/env bash
# Installs the Debian packages the tests need, when they are missing: torch and onnx for Debian's own python3
# (fixture generation and the real-export checks of the Python quick fixes), and what code-server and the
# headless browser need. Needs root (CI runs as root); otherwise it says what to install and fails.
set -euo pipefail
packages=(python3-torch python3-onnx python3-numpy chromium libkrb5-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]}. Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
