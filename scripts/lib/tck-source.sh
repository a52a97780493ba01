# Sourced by install-tck.sh and install-websocket-tck.sh: finding the TCK folder in a checkout and
# copying it to a scratch directory (the checkout itself is never modified). Not a script of its own.

# tck_source_dir SRC USAGE MARKER HINT: prints the tck/ folder of checkout SRC (the repository root
# holding tck/, or tck/ itself, recognised by its sub-folder MARKER); exits 2 naming the cause
# otherwise. USAGE is the line shown when SRC is empty, HINT is added when SRC is not a TCK checkout.
tck_source_dir() {
  local src=$1 usage=$2 marker=$3 hint=$4
  if [[ -z "$src" ]]; then
    echo "error: no TCK source given. Usage: $usage" >&2; exit 2
  fi
  if [[ ! -d "$src" ]]; then
    echo "error: TCK source path '$src' does not exist or is not a directory" >&2; exit 2
  fi
  if [[ -f "$src/tck/pom.xml" ]]; then
    echo "$src/tck"
  elif [[ -f "$src/pom.xml" && -d "$src/$marker" ]]; then
    echo "$src"
  else
    echo "error: '$src' does not look like a $hint" >&2; exit 2
  fi
  command -v mvn >/dev/null || { echo "error: mvn not found on PATH" >&2; exit 2; }
}

# tck_scratch_copy DIR NAME: copies DIR to a new temporary directory (removed when the calling
# script exits) and prints the copy's path.
tck_scratch_copy() {
  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/subito-$2-build.XXXXXX")"
  cp -r "$1" "$work/tck"
  echo "$work"
}
