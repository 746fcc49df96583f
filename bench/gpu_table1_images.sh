#!/usr/bin/env bash
# Table 1's C-CIFAR-10 columns on one lent GPU, in one call of the device tool (see bench/gpu_table1_images.py):
#   bash bench/gpu_table1_images.sh             # on the device machine: records and throughput under $OUT
#   bash bench/gpu_table1_images.sh --smoke     # the same code paths on this CPU at a tiny size
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d .devcarry/venv ]; then . .devcarry/venv/bin/activate; fi   # a venv carried to the device machine, if any
export PYTHONUNBUFFERED=1
exec python bench/gpu_table1_images.py --cache-dir "${GERNE_NB_CACHE:-.devcarry/cache}" "$@"
