# Sourced by scripts/run and scripts/test: installs, on a Debian machine, the system packages
# the build and the tests need, only when something is missing.
set -euo pipefail

# Debian packages: C toolchain for the bundled SQLite; poppler-utils reads PDFs back in tests.
APT_PACKAGES=(build-essential pkg-config poppler-utils)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: see https://rustup.rs (cargo 1.88 or newer), then run this again." >&2
  exit 1
fi
