# Sourced by ./osprey, ./test and .ci/run: finds a JDK 21+ so nobody sets JAVA_HOME by hand.
# Order: $JAVA_HOME if it is 21+, then the JDKs under /usr/lib/jvm (newest first), then `java` on PATH.

osprey_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

osprey_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(osprey_java_major "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

if ! OSPREY_JDK=$(osprey_find_jdk); then
  echo "Osprey needs a JDK 21 or newer, and none was found (looked at \$JAVA_HOME, /usr/lib/jvm and the java on PATH)." >&2
  echo "Install one (e.g. Temurin 21 or 25) or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME="$OSPREY_JDK"
# Maven's own libraries call sun.misc.Unsafe, which JDK 24+ warns about on every run; the warning is not ours.
if [ "$(osprey_java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  case " ${MAVEN_OPTS:-} " in
    *unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
export PATH="$JAVA_HOME/bin:$PATH"
