#!/usr/bin/env bash
# Prepares dist-gpu-check/ (git-ignored, < 64 MiB) for scripts/gpu-check.sh, which runs on a
# machine with an NVIDIA GPU, no display and no package registry. Run it here, where npm and apt
# reach their registries. It carries:
#   bench-node.mjs   `npm run bench:node` bundled into one file (tfjs inside)
#   webgpu/          the npm package webgpu@0.6.2, linux-x64 build only (Dawn for Node)
#   debs/            Debian bookworm nodejs 18 with its libraries, and the Vulkan loader
#   topologies/B0…B7/model.json  the TF Hub topologies (weights are synthesised from them)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=dist-gpu-check
SHARED=${SHARED:-../shared}
rm -rf "$OUT"
mkdir -p "$OUT/debs" "$OUT/webgpu/dist/linux-x64"

npx esbuild scripts/bench-node.ts --bundle --platform=node --format=esm --target=node18 \
  --outfile="$OUT/bench-node.mjs" --log-level=warning \
  --define:import.meta.dirname=__effnetDir \
  --banner:js="import { createRequire as __effnetRequire } from 'node:module'; import { dirname as __effnetDirname } from 'node:path'; import { fileURLToPath as __effnetPath } from 'node:url'; const require = __effnetRequire(import.meta.url); const __effnetDir = __effnetDirname(__effnetPath(import.meta.url));"

CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/efficientnet-phi-lab/webgpu@0.6.2
PKG=$CACHE/node_modules/webgpu
[ -f "$PKG/dist/linux-x64/dawn.node" ] || npm install --no-save --no-audit --no-fund --prefix "$CACHE" webgpu@0.6.2 >&2
cp "$PKG/index.js" "$PKG/package.json" "$PKG/LICENSE.md" "$OUT/webgpu/"
cp "$PKG/dist/linux-x64/dawn.node" "$OUT/webgpu/dist/linux-x64/"

# Debian's own nodejs (not a vendor build), its shared libraries, and libvulkan1.
(cd "$OUT/debs" && apt-get download -q \
  nodejs=18.20.4+dfsg-1~deb12u3 libnode108=18.20.4+dfsg-1~deb12u3 libicu72 libuv1 libc-ares2 \
  libnghttp2-14 libbrotli1 node-acorn node-cjs-module-lexer node-undici libvulkan1 >&2)

for k in 0 1 2 3 4 5 6 7; do
  mkdir -p "$OUT/topologies/B$k"
  cp "$SHARED/models/efficientnet-tfhub/B$k/model.json" "$OUT/topologies/B$k/"
done
du -sh "$OUT" >&2
