#!/usr/bin/env bash
# One command for a machine with an NVIDIA GPU and no display, no registry needed: unpacks what
# scripts/gpu-check-prepare.sh put in dist-gpu-check/ (nodejs + Vulkan loader debs, Dawn for Node,
# the bench bundle, topologies), finds the NVIDIA Vulkan ICD and prints one JSON on stdout:
# B0, B3, B7 at batch 1 and 8 — fused/tiled/stock/auto/graph medians, the tuned kernels, pipeline
# counts, GFLOP/s against a 4096² matMul. VARIANTS=B0 BATCH=1 RUNS=3 narrow it.
set -euo pipefail
cd "$(dirname "$0")/.."
B=$PWD/dist-gpu-check
fail() { printf '{"error":"%s"}\n' "$1"; exit 2; }
[ -f "$B/bench-node.mjs" ] || fail "dist-gpu-check/ is missing: run scripts/gpu-check-prepare.sh where npm and apt work"

# The Vulkan loader (and, where no node ≥ 18 is installed, Debian's nodejs) from the carried debs.
ROOT=$B/root
if [ ! -x "$ROOT/usr/bin/node" ]; then
  mkdir -p "$ROOT"
  for deb in "$B"/debs/*.deb; do dpkg-deb -x "$deb" "$ROOT"; done
fi
export LD_LIBRARY_PATH="$ROOT/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
if command -v node >/dev/null && node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)'; then
  NODE=$(command -v node)
else
  NODE=$ROOT/usr/bin/node
  # Debian's node loads some builtins (acorn, cjs-module-lexer, undici) from /usr/share/nodejs.
  if [ ! -d /usr/share/nodejs/cjs-module-lexer ]; then
    { mkdir -p /usr/share/nodejs && cp -r "$ROOT/usr/share/nodejs/." /usr/share/nodejs/; } 2>/dev/null ||
      fail "Debian's nodejs needs its builtins in /usr/share/nodejs, which is not writable here"
  fi
fi
"$NODE" -e 0 >/dev/null 2>&1 || fail "node does not start here ($NODE)"

# The NVIDIA Vulkan ICD: the driver's JSON, or one written for its libGLX_nvidia.so.0.
ICD=""
for f in /usr/share/vulkan/icd.d/nvidia_icd*.json /etc/vulkan/icd.d/nvidia_icd*.json; do
  [ -f "$f" ] && ICD=$f && break
done
if [ -z "$ICD" ]; then
  LIB=$(ldconfig -p 2>/dev/null | grep -o '/[^ ]*libGLX_nvidia\.so\.0' | head -1 || true)
  if [ -n "$LIB" ]; then
    ICD=$B/nvidia_icd.json
    printf '{"file_format_version":"1.0.0","ICD":{"library_path":"%s","api_version":"1.3.0"}}\n' "$LIB" >"$ICD"
  fi
fi
[ -n "$ICD" ] || fail "no NVIDIA Vulkan ICD (nvidia_icd.json or libGLX_nvidia.so.0): the driver's graphics libraries are not visible here"
export VK_ICD_FILENAMES=$ICD XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
echo "gpu-check: node $("$NODE" --version), ICD $ICD" >&2
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader >&2 2>/dev/null || true

exec env WEBGPU_PACKAGE_DIR="$B/webgpu" EFFNET_FIXTURES="$B/topologies" EFFNET_VULKAN_RERUN=1 \
  "$NODE" "$B/bench-node.mjs" --json --backend webgpu --variants "${VARIANTS:-B0,B3,B7}" --batch "${BATCH:-1,8}" --runs "${RUNS:-5}"
