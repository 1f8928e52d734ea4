# Sourced by the benchmark scripts: prints when, where and with which compiler the figures
# were taken, and warns when other work is using the cores (parallel figures then come out low).
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d" " -f1-3 /proc/loadavg)," \
     "$(swiftc --version 2>&1 | head -1)"
load=$(cut -d" " -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" 'BEGIN { exit !(l > 1.0) }'; then
    echo "# warning: load average $load: other work is using the cores," \
         "so the parallel figures below will be too low"
fi
