# shellcheck shell=bash
# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is 21+, the `java` on PATH if it is 21+, else the newest JDK under /usr/lib/jvm.

pushfleet_java_major() { # JAVA_BIN -> major version (e.g. 25), or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

pushfleet_jdk_ok() { # DIR -> true if DIR is a JDK 21+
  [ -n "$1" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(pushfleet_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

pushfleet_find_jdk() {
  local on_path="" candidate best="" best_major=0 major
  if command -v javac >/dev/null 2>&1; then
    on_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  fi
  for candidate in "${JAVA_HOME:-}" "$on_path"; do
    if pushfleet_jdk_ok "$candidate"; then
      best=$candidate
      break
    fi
  done
  if [ -z "$best" ]; then
    for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
      pushfleet_jdk_ok "$candidate" || continue
      major=$(pushfleet_java_major "$candidate/bin/java")
      if [ "$major" -gt "$best_major" ]; then
        best=$candidate best_major=$major
      fi
    done
  fi
  if [ -z "$best" ]; then
    echo "pushfleet needs a JDK 21 or newer (javac included) and found none." >&2
    echo "Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

pushfleet_find_jdk || exit 1
# JDK 24+ warns about sun.misc.Unsafe use inside Maven's own libraries; that noise is not ours.
if [ "$(pushfleet_java_major "$JAVA_HOME/bin/java")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
