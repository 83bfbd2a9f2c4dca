# Shared by the scripts in ci/: installs the Debian packages planck builds with.
# Sourced, not run.

planck_build_packages=(cmake ninja-build g++ pkg-config git
  libgit2-dev libcli11-dev libyaml-cpp-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libspdlog-dev libfmt-dev nlohmann-json3-dev zlib1g-dev)
# libxml2-utils: xmllint, which the shared report validator uses for JUnit.
# pre-commit: its framework runs the hook manifest in tests/integration/test_hooks.sh (python3-yaml
# with it reads the manifest).
planck_test_packages=(doctest-dev python3 libxml2-utils pre-commit curl hyperfine time)

# Installs every package named that is not installed yet, with sudo when not root.
planck_ensure_packages() {
  local missing=()
  local package
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "planck: error: missing packages (${missing[*]}) and no sudo to install them" >&2
      return 2
    fi
    sudo=(sudo)
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "planck: error: missing packages (${missing[*]}); install them with your package manager" >&2
    return 2
  fi
  echo "planck: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Runs a build step quietly, printing its output only when it fails.
planck_quietly() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}
