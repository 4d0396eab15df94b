/**
 * WebGPU in Node: Dawn's binding (npm package `webgpu`, 0.6.2) installed on demand into a cache
 * directory — it is 132 MB and no dependency of the app — then tfjs-backend-webgpu on top.
 * WEBGPU_PACKAGE_DIR points at an unpacked package instead (scripts/gpu-check.sh carries one).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';

export const WEBGPU_PACKAGE = 'webgpu@0.6.2';

export function webgpuCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'efficientnet-phi-lab', WEBGPU_PACKAGE);
}

/** The package folder, installing it first when absent (logs go to stderr). */
export function ensureDawnPackage(log: (s: string) => void): string {
  const given = process.env.WEBGPU_PACKAGE_DIR;
  if (given) {
    if (!existsSync(join(given, 'index.js'))) throw new Error(`WEBGPU_PACKAGE_DIR=${given} holds no index.js of the webgpu package`);
    return given;
  }
  const cache = webgpuCacheDir();
  const dir = join(cache, 'node_modules', 'webgpu');
  const version = () => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  if (existsSync(join(dir, 'package.json')) && `webgpu@${version()}` === WEBGPU_PACKAGE) return dir;
  mkdirSync(cache, { recursive: true });
  log(`installing ${WEBGPU_PACKAGE} (Dawn for Node, ~132 MB) into ${cache} — once`);
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', cache, WEBGPU_PACKAGE], { stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`npm install ${WEBGPU_PACKAGE} failed (exit ${r.status}); set WEBGPU_PACKAGE_DIR to an unpacked copy`);
  return dir;
}

export class NoAdapterError extends Error {}

/** Dawn loads the Vulkan loader (libvulkan.so.1) by name. Where the system has none but the ICD
 *  named by VK_ICD_FILENAMES sits beside one (Debian's Chromium ships both), the process reruns
 *  itself with that folder on LD_LIBRARY_PATH (read only at start-up). Returns the child's exit
 *  code, or null when no rerun was needed. */
export function rerunWithVulkanLoader(): number | null {
  const icd = process.env.VK_ICD_FILENAMES;
  if (!icd || process.env.EFFNET_VULKAN_RERUN) return null;
  const system = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1', '/usr/lib/libvulkan.so.1'];
  if (system.some((p) => existsSync(p))) return null;
  const dir = dirname(icd.split(':')[0]);
  if (!existsSync(join(dir, 'libvulkan.so.1'))) return null;
  const env = { ...process.env, EFFNET_VULKAN_RERUN: '1', LD_LIBRARY_PATH: [dir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':') };
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
  return r.status ?? 1;
}

/** navigator.gpu from Dawn, the webgpu backend selected; resolves with the adapter's description. */
export async function useDawnWebGPU(log: (s: string) => void): Promise<string> {
  const dir = ensureDawnPackage(log);
  const { create, globals } = (await import(pathToFileURL(join(dir, 'index.js')).href)) as {
    create: (flags: string[]) => GPU;
    globals: Record<string, unknown>;
  };
  Object.assign(globalThis, globals);
  const gpu = create([]);
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav) Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    throw new NoAdapterError(
      "no WebGPU adapter: Dawn found no Vulkan device (NVIDIA: install the driver's Vulkan ICD; CPU: " +
        'VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json XDG_RUNTIME_DIR=/tmp)',
    );
  }
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  const adapterName = [info?.vendor, info?.architecture, info?.description || info?.device].filter(Boolean).join(' / ') || 'unknown adapter';
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new NoAdapterError(`tfjs could not start webgpu on ${adapterName}`);
  await tf.ready();
  return adapterName;
}
