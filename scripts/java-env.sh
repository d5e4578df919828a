# Sourced by ./osprey, ./test and .ci/run: finds a JDK 21+ so nobody sets JAVA_HOME by hand.
# Order: $JAVA_HOME if it is 21+, then the JDKs under /usr/lib/jvm (newest first), then `java` on PATH.
# Set OSPREY_JAVA_ONLY=1 to accept a Java runtime without javac (the release bundle runs, it does not build).
#
# Probing a JDK starts a JVM (0.1-0.6 s in all), so the result is kept in ~/.cache/osprey (XDG_CACHE_HOME is
# honoured): reused while that JDK still exists and JAVA_HOME and OSPREY_JAVA_ONLY are as they were.

osprey_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

OSPREY_CACHE_DIR="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/osprey"

osprey_jdk_usable() { # $1: a Java home
  [ -x "$1/bin/java" ] && { [ "${OSPREY_JAVA_ONLY:-0}" = 1 ] || [ -x "$1/bin/javac" ]; }
}

# Sets OSPREY_JDK and OSPREY_JDK_MAJOR from the cache when it still holds for this environment.
osprey_cached_jdk() {
  local file="$OSPREY_CACHE_DIR/jdk" key home major
  [ -r "$file" ] || return 1
  { IFS= read -r key && IFS= read -r home && IFS= read -r major; } <"$file" || return 1
  # Also valid when JAVA_HOME is the JDK found (a script run by one that sourced this file).
  { [ "$key" = "${JAVA_HOME:-}|${OSPREY_JAVA_ONLY:-0}" ] || [ "${JAVA_HOME:-}" = "$home" ]; } || return 1
  [ -n "$major" ] && osprey_jdk_usable "$home" || return 1
  OSPREY_JDK="$home"
  OSPREY_JDK_MAJOR="$major"
}

osprey_find_jdk() { # sets OSPREY_JDK and OSPREY_JDK_MAJOR, or returns 1
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    osprey_jdk_usable "$c" || continue
    v=$(osprey_java_major "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      OSPREY_JDK="$c"
      OSPREY_JDK_MAJOR="$v"
      return 0
    fi
  done
  return 1
}

# Best effort: a cache that cannot be written only costs the probe next time.
osprey_remember_jdk() {
  local tmp
  mkdir -p "$OSPREY_CACHE_DIR" 2>/dev/null || return 0
  tmp="$OSPREY_CACHE_DIR/jdk.$$"
  if printf '%s\n%s\n%s\n' "${JAVA_HOME:-}|${OSPREY_JAVA_ONLY:-0}" "$OSPREY_JDK" "$OSPREY_JDK_MAJOR" >"$tmp" 2>/dev/null; then
    mv -f "$tmp" "$OSPREY_CACHE_DIR/jdk" 2>/dev/null || rm -f "$tmp"
  fi
}

if ! osprey_cached_jdk; then
  if ! osprey_find_jdk; then
    echo "Osprey needs a JDK 21 or newer, and none was found (looked at \$JAVA_HOME, /usr/lib/jvm and the java on PATH)." >&2
    echo "Install one (e.g. Temurin 21 or 25) or point JAVA_HOME at it." >&2
    exit 1
  fi
  osprey_remember_jdk
fi
export JAVA_HOME="$OSPREY_JDK"
# Maven's own libraries call sun.misc.Unsafe, which JDK 24+ warns about on every run; the warning is not ours.
if [ "$OSPREY_JDK_MAJOR" -ge 24 ]; then
  case " ${MAVEN_OPTS:-} " in
    *unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
export PATH="$JAVA_HOME/bin:$PATH"
