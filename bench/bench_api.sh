#!/usr/bin/env bash
# printk and kmalloc throughput against glibc (bench/api_bench.cpp).
# usage: bench_api.sh KSIM BUILD_DIR SOURCE_DIR
set -euo pipefail
"$2/bench/ksim_api_bench" 300000
