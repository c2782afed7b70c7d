#!/usr/bin/env bash
# Beam-search decoding speed of nmt-kd's teacher or student (DecodeBench.java), with the
# launcher's memory limits and translation allocator setting, one native thread.
#
#   experiments/bench/decode.sh [teacher|student] [sentences per batch] [source length] [batches]
#
# Defaults: teacher 64 32 4 (the first batch is a warm-up). Needs the built jar
# (mvn -o -q install -DskipTests, or mvn package).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../target/lskd.jar"
[ -f "$jar" ] || { echo "decode.sh: build first: $jar is missing" >&2; exit 2; }
jemalloc=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2
if [ -f "$jemalloc" ]; then
  export LD_PRELOAD="$jemalloc" MALLOC_CONF="${MALLOC_CONF:-thp:always,metadata_thp:always,dirty_decay_ms:10000,muzzy_decay_ms:0,oversize_threshold:0}"
fi
# the native build the launcher would pick (experiments/lskd)
flags="$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)"
extension=""
if [[ " $flags " == *" avx512f "* && " $flags " == *" avx512bw "* ]]; then
  extension=-onednn-avx512
elif [[ " $flags " == *" avx2 "* ]]; then
  extension=-onednn-avx2
fi
export OMP_NUM_THREADS=1
java -Xms1g -Xmx1g -Dorg.bytedeco.javacpp.platform.extension="$extension" -Dorg.bytedeco.javacpp.maxbytes=4g -Dorg.bytedeco.javacpp.maxphysicalbytes=12g \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$jar" "$here/DecodeBench.java" "$@"
