# Sourced by scripts/run and scripts/test: installs, on a Debian machine, the system packages
# the build and the tests need, only when something is missing.
set -euo pipefail

# Debian packages: C toolchain for the bundled SQLite; WebKitGTK for the window; Xvfb and
# WebKitWebDriver for the end-to-end test in the real window; poppler-utils reads PDFs back.
APT_PACKAGES=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev
  xvfb xauth webkit2gtk-driver poppler-utils)

# Installs the Debian packages named, as root or through sudo.
apt_install() {
  echo "Installing: $*"
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$@"
}

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  apt_install "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: see https://rustup.rs (cargo 1.88 or newer), then run this again." >&2
  exit 1
fi

# The window's UI (ui/) builds with Vite, which needs Node.js 20.19 or newer.
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "Node.js 20.19 or newer is needed to build the UI: see https://nodejs.org, then run this again." >&2
  exit 1
fi
# The locked packages, from the npm registry (or its cache); again only when the lock changes.
# `npm install`, not `npm ci`: the lock cannot list the optional packages of other platforms
# (rollup's and esbuild's binaries for macOS, Windows…) where the registry does not serve them,
# and `npm ci` refuses such a lock; `npm install` keeps the locked versions all the same.
lock_stamp=ui/node_modules/.joldama-lock.sha256
if ! sha256sum --quiet --check "$lock_stamp" >/dev/null 2>&1; then
  (cd ui && npm install --no-audit --no-fund)
  sha256sum ui/package-lock.json >"$lock_stamp"
fi
