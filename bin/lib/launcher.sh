# Shared by the bin/ launchers: locate the checkout and build a module's run-time classpath on first use.
# Source it:  . "$(dirname "${BASH_SOURCE[0]}")/lib/launcher.sh"

# The checkout's root directory.
sluice_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
}

# Prints the run-time classpath of <module>: its classes plus its dependencies of <scope> (default "runtime";
# "compile" also takes provided ones, e.g. the Connect API a transform needs outside a worker). Builds the module
# and the modules it needs with Maven first when it has not been built yet, or when SLUICE_REBUILD=1. The build
# runs in one reactor, so sibling modules resolve to their fresh jars, never to a stale ~/.m2 copy.
sluice_classpath() {
  local module=$1 scope=${2:-runtime} root
  root=$(sluice_root)
  local classes="$root/$module/target/classes"
  local cpfile="$root/$module/target/classpath-$scope.txt"
  if [ "${SLUICE_REBUILD:-0}" = 1 ] || [ ! -d "$classes" ] || [ ! -s "$cpfile" ]; then
    echo "sluice: building $module (first use) ..." >&2
    (cd "$root" && mvn -B -q -DskipTests package dependency:build-classpath -pl "$module" -am \
        -DincludeScope="$scope" -Dmdep.outputFile="target/classpath-$scope.txt" >&2) \
      || { echo "sluice: building $module failed" >&2; return 1; }
  fi
  printf '%s:%s\n' "$classes" "$(cat "$cpfile")"
}

# Runs java with SLUICE_JAVA_OPTS (default: a small heap).
sluice_java() {
  # shellcheck disable=SC2086
  exec java ${SLUICE_JAVA_OPTS:--Xmx512m} "$@"
}
