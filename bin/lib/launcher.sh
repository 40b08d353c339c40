# Launcher logic shared by every script in bin/ (sourced, not run). One meaning for everything:
#
#   VIGIL_JAVA_OPTS  extra JVM options, always added AFTER the launcher's defaults (so they win); one that names a
#                    collector (-XX:+Use...GC) replaces the default collector instead of clashing with it.
#   VIGIL_NO_CDS=1   do not use the application class-data archive even when one was built.
#
# A jar that is missing is built first; a jar older than the sources it is built from is used, with one line on
# stderr saying so (an installed copy without sources is never called stale).
#
# Scripts call these tools in loops, so this file starts no process of its own on the way to java: paths are
# worked out with shell built-ins, and the look for newer sources runs beside the JVM, not before it. A script
# finds this file with (bash built-ins unless the script is a symbolic link):
#
#   s=${BASH_SOURCE[0]}; [[ -L $s ]] && s=$(readlink -f "$s"); [[ $s = */* ]] || s=./$s
#   . "${s%/*}/lib/launcher.sh"

vigil_root=${BASH_SOURCE[0]}
[[ $vigil_root = */* ]] || vigil_root=./$vigil_root
vigil_root=${vigil_root%/*} # bin/lib
case $vigil_root in
    */bin/lib) vigil_root=${vigil_root%/bin/lib} ;;
    bin/lib | ./bin/lib) vigil_root=. ;;
    lib | ./lib) vigil_root=.. ;;
    *) vigil_root=$vigil_root/../.. ;;
esac
[[ $vigil_root = /* ]] || vigil_root=$PWD/$vigil_root
vigil_root=${vigil_root%/.}

# vigil_jar TOOL MODULE JAR: sets vigil_jar_path to MODULE/target/JAR, building MODULE when the jar is missing.
vigil_jar() {
    local tool=$1 module=$2
    vigil_jar_path="$vigil_root/$2/target/$3"
    if [ ! -f "$vigil_jar_path" ]; then
        echo "$tool: building Vigil (first run)..." >&2
        (cd "$vigil_root" && mvn -q -B -Dstyle.color=never -DskipTests -pl "$module" -am package >&2) || return 1
    else
        vigil_stale_check "$tool" "$module" "$vigil_jar_path" >/dev/null & # stderr only: stdout pipes close at once
    fi
}

# Warns when a source file of MODULE or of a module it is built from is newer than the copy of that module the
# launcher runs: MODULE's own jar, and for the others their copies in its lib/ (Maven leaves an unchanged jar as
# it was, so the jar alone says nothing about the modules below it).
vigil_stale_check() {
    local tool=$1 module=$2 jar=$3 d used newer copies
    for d in cluster-core resource-agents cli simulator; do
        if [ -d "$vigil_root/$d/src/main" ]; then
            used=$jar
            if [ "$d" != "$module" ]; then
                copies=("${jar%/*}/lib/$d-"*.jar)
                [ -f "${copies[0]}" ] && used=${copies[0]}
            fi
            newer=$(find "$vigil_root/$d/src/main" -newer "$used" -type f -print -quit 2>/dev/null)
            if [ -n "$newer" ]; then
                echo "$tool: note: ${used#"$vigil_root"/} is older than ${newer#"$vigil_root"/} (rebuild:" \
                    "mvn -q -DskipTests -pl $module -am package)" >&2
                return 0
            fi
        fi
        [ "$d" = "$module" ] && break # modules after this one are not on its path
    done
}

# vigil_java_opts DEFAULTS...: sets the array vigil_opts to DEFAULTS then VIGIL_JAVA_OPTS, dropping a default
# collector when VIGIL_JAVA_OPTS names one, and the default compiler settings when it sets any (one C1 thread
# is refused by a JVM told to compile with both tiers).
vigil_java_opts() {
    vigil_opts=()
    local o extra=(${VIGIL_JAVA_OPTS:-})
    local user_gc=0 user_jit=0
    for o in "${extra[@]}"; do
        case "$o" in
            -XX:+Use*GC) user_gc=1 ;;
            -XX:*Tiered* | -XX:CICompilerCount=* | -Xint | -Xcomp) user_jit=1 ;;
        esac
    done
    for o in "$@"; do
        case "$o" in
            -XX:+Use*GC) [ "$user_gc" = 1 ] && continue ;;
            -XX:TieredStopAtLevel=* | -XX:CICompilerCount=*) [ "$user_jit" = 1 ] && continue ;;
        esac
        vigil_opts+=("$o")
    done
    vigil_opts+=("${extra[@]}")
}

# vigil_cds JAR: adds the class-data archive built next to JAR at package time (JAR minus .jar, plus .jsa) to
# vigil_opts when it is at least as new as the jar and was made for this very jar (JSA.classpath names it: the
# JVM refuses a static archive made for another class path whole, the JDK's own classes with it).
vigil_cds() {
    local jsa="${1%.jar}.jsa" made_for=
    [ "${VIGIL_NO_CDS:-}" = 1 ] && return 0
    [ -f "$jsa" ] && [ -f "$jsa.classpath" ] && ! [ "$1" -nt "$jsa" ] || return 0
    read -r made_for < "$jsa.classpath" || return 0
    [ "$made_for" -ef "$1" ] || return 0
    vigil_opts+=("-XX:SharedArchiveFile=$jsa" "-Xshare:auto" "-Xlog:cds=off")
}

# vigil_crm ARGS...: runs Vigil's crm command line (used by bin/crm and the Pacemaker-named launchers).
vigil_crm() {
    local jar
    vigil_jar crm cli vigil-cli.jar || exit 1
    jar=$vigil_jar_path
    if [ "${1:-}" = "bench" ]; then
        # benchmarks want the full JIT and the throughput collector
        vigil_java_opts -XX:+UseParallelGC "-Dvigil.home=$vigil_root"
    else
        # crm commands are short-lived: one C1 compiler thread, no perf-data file in /tmp, the class-data archive
        # mapped where it was made (this JDK's default relocates it, touching every pointer in it), and G1, the
        # collector the archive was made with: only under G1 does Java 17 use the archived heap objects (the
        # module graph among them) of the JDK's archive and ours (docs/crm.md, "Start-up time")
        vigil_java_opts -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -XX:+UseG1GC \
            -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0
        vigil_cds "$jar"
    fi
    exec java "${vigil_opts[@]}" -cp "$jar" org.vigil.cli.Main "$@"
}
